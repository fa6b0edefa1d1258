#!/usr/bin/env bash
# Every check and test, on Node 24 (the runtime the action declares), with real Nix. Ends with "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-deps.sh
export PATH="$(dirname "$NODE24"):$PATH"

echo "== lint"; npx biome ci . --colors=off
echo "== type-check"; npx tsc --noEmit -p . && npx tsc --noEmit -p bench
echo "== tests (vitest on $(node --version))"
results="$(mktemp -d)/vitest.json"
status=0
node node_modules/vitest/vitest.mjs run --reporter=default --reporter=json --outputFile.json="$results" "$@" || status=$?
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const skipped = r.numPendingTests + r.numTodoTests;
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed` + (skipped ? `, ${skipped} skipped` : ""));
' "$results"
exit "$status"
