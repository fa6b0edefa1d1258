#!/usr/bin/env bash
# A local run of the main job, as the runner would run it: setup → a real Nix build → post → a fresh Nix store
# substitutes the result from the file:// cache, trusting only the public key.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-deps.sh

work="$(mktemp -d "${TMPDIR:-/tmp}/nix-binary-cache-demo.XXXXXX")"
mkdir -p "$work"/{temp,workspace,home,xdg-cache,nix-conf,files}
# Nix must not reach for cache.nixos.org (there may be no network) and must not use the machine's config.
printf 'substituters =\nsandbox = false\n' > "$work/nix-conf/nix.conf"
export NIX_CONF_DIR="$work/nix-conf" HOME="$work/home" XDG_CACHE_HOME="$work/xdg-cache"
nix-store --generate-binary-cache-key demo-cache-1 "$work/secret-key" "$work/public-key"
cache="file://$work/cache"

# Runs the script action.yml names for the step (runs.main, runs.post) like the runner: fresh file-command files,
# INPUT_* and STATE_* in the environment.
step() {
  local entry="$1"; shift
  local script; script="$(sed -n "s/^  $entry: //p" action.yml)"
  for f in env output state path summary; do : > "$work/files/$entry.$f"; done
  # Straight to node, not through a shell: sh drops variables such as STATE_nix-binary-cache whose names have a '-'.
  env --chdir="$work/workspace" RUNNER_TEMP="$work/temp" GITHUB_WORKSPACE="$work/workspace" RUNNER_OS=Linux RUNNER_ENVIRONMENT=github-hosted \
    GITHUB_ENV="$work/files/$entry.env" GITHUB_OUTPUT="$work/files/$entry.output" \
    GITHUB_STATE="$work/files/$entry.state" GITHUB_PATH="$work/files/$entry.path" \
    GITHUB_STEP_SUMMARY="$work/files/$entry.summary" \
    INPUT_CACHEURL="$cache" INPUT_SIGNINGKEY="$(cat "$work/secret-key")" INPUT_COMPRESSIONLEVEL=3 \
    INPUT_UPSTREAMKEYS="cache.nixos.org-1:6NCHdD59X431o0gWypbMrAURkbJ16ZPMQFGspcDShjY=" INPUT_PUSHTIMEOUT=30 \
    "$@" "$NODE24" "$PWD/$script" | grep -v '^::add-mask::'
}
# Reads NAME<<DELIM … DELIM entries of a file command file and prints NAME=value with the value shell-quoted.
file_command_vars() {
  "$NODE24" -e '
    const text = require("fs").readFileSync(process.argv[1], "utf8");
    for (const m of text.matchAll(/^([^\n=<]+)<<(\S+)\n([\s\S]*?)\n\2$/gm))
      console.log(`${m[1]}=${JSON.stringify(m[3])}`);' "$1"
}

echo "== setup (main)"
step main
while IFS= read -r line; do export "${line%%=*}=$(echo "${line#*=}" | "$NODE24" -e 'process.stdout.write(JSON.parse(require("fs").readFileSync(0,"utf8")))')"; done \
  < <(file_command_vars "$work/files/main.env")
echo "NIX_CONFIG for later steps:"; sed 's/^/  /' <<< "$NIX_CONFIG"
state_env=()
while IFS= read -r line; do
  state_env+=("STATE_${line%%=*}=$(echo "${line#*=}" | "$NODE24" -e 'process.stdout.write(JSON.parse(require("fs").readFileSync(0,"utf8")))')")
done < <(file_command_vars "$work/files/main.state")

echo "== build (a later step): two derivations, one referring to the other"
cat > "$work/demo.nix" <<NIX
let
  nonce = "$(date +%s%N)";
  greeting = derivation {
    name = "demo-greeting"; system = builtins.currentSystem; builder = "/bin/sh";
    args = [ "-c" "export PATH=/bin:/usr/bin; mkdir -p \$out/share; echo hello from the cache \${nonce} > \$out/share/greeting" ];
  };
in derivation {
  name = "demo-app"; system = builtins.currentSystem; builder = "/bin/sh";
  args = [ "-c" "export PATH=/bin:/usr/bin; mkdir -p \$out/bin; printf '#!/bin/sh\\\\ncat %s/share/greeting\\\\n' \${greeting} > \$out/bin/demo; chmod +x \$out/bin/demo" ];
}
NIX
app="$(nix-build --no-out-link "$work/demo.nix")"
echo "built $app"

echo "== post"
step post "${state_env[@]}"
echo "-- job summary:"; cat "$work/files/post.summary"

echo "== a fresh store substitutes it, trusting only $(cat "$work/public-key")"
nix-store --store "$work/fresh-store" -r "$app" --option substituters "$cache" \
  --option trusted-public-keys "$(cat "$work/public-key")"
nix-store --store "$work/fresh-store" --verify --check-contents
echo "substituted: $(ls "$work/fresh-store$app/bin")  ($work/fresh-store$app)"
echo "Demo passed. Everything is in $work"
