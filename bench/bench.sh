#!/usr/bin/env bash
# `npm run bench [-- --quick]`: installs what the tests install (Nix, npm dependencies, Node 24), then runs the
# benchmark under Node 24, which runs bench/*.ts directly (type stripping).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-deps.sh
exec "$NODE24" bench/run.ts "$@"
