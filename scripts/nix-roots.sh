#!/usr/bin/env bash
# Makes the root file systems in which the tests run newer Nix (trixie: 2.26, sid: 2.34) with mmdebstrap, as root,
# and keeps them between runs: a root is made again only when it is missing or was made from another package list.
# sid moves: its root has the Nix of the day it was made (in .nix-version); delete the root for a newer one.
# Usage: scripts/nix-roots.sh [trixie] [sid]     (the directory: NBCA_NIX_ROOTS, as __tests__/helpers/nix/world.ts)
set -euo pipefail
roots="${NBCA_NIX_ROOTS:-/var/cache/nix-binary-cache-action/roots}"
# What the action and the tests use inside: Nix, sudo (the untrusted-daemon case), the compressors Nix may call.
packages="nix-bin,sudo,ca-certificates,xz-utils,zstd,bzip2,tar,gzip"

if ! command -v mmdebstrap >/dev/null 2>&1; then
  echo "Installing mmdebstrap…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq mmdebstrap >/dev/null
fi
mkdir -p "$roots"
for suite in "${@:-trixie sid}"; do
  for name in $suite; do
    dir="$roots/$name"
    if [ "$(cat "$dir/.complete" 2>/dev/null)" = "$packages" ]; then continue; fi
    rm -rf "$dir" "$dir.new"
    # sid's Release file may be past its Valid-Until date; its signatures are still checked.
    mmdebstrap --quiet --variant=minbase --include="$packages" \
      --aptopt='Acquire::Check-Valid-Until "false"' "$name" "$dir.new" http://deb.debian.org/debian
    chroot "$dir.new" dpkg-query -W -f '${Version}' nix-bin > "$dir.new/.nix-version"
    echo "$packages" > "$dir.new/.complete"
    mv "$dir.new" "$dir"
    echo "Made the $name root file system: nix-bin $(cat "$dir/.nix-version")"
  done
done
