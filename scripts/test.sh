#!/usr/bin/env bash
# Every check and test, on Node 24 (the runtime the action declares), with real Nix: the host's (2.8), and the
# end-to-end tests again on Nix 2.26 (Debian trixie) and 2.34 (Debian sid) in root file systems of their own
# (scripts/nix-roots.sh), run beside the host's since each has its own store. Ends with "N passed, N failed".
#
# npm test                         everything
# npm test -- __tests__/e2e/http   only these files, on the host's Nix
# NBCA_NIX_WORLDS=sid npm test     the newer Nix worlds to run ("" for none)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-deps.sh
export PATH="$(dirname "$NODE24"):$PATH"

# What runs in every Nix world: what Nix reads from setup, and the jobs end to end.
WORLD_TESTS=(
  __tests__/setup-config.test.ts
  __tests__/nix/store.test.ts
  __tests__/e2e/action.test.ts
  __tests__/e2e/http.test.ts
  __tests__/e2e/actions-cache.test.ts
  __tests__/e2e/daemon.test.ts
  __tests__/e2e/push-while-building.test.ts
  __tests__/e2e/s3.test.ts
)
worlds="${NBCA_NIX_WORLDS-trixie sid}"
[ "$#" -eq 0 ] || worlds=""

echo "== lint"; npx biome ci . --colors=off && node scripts/check-layers.ts
echo "== type-check"; npx tsc --noEmit -p . && npx tsc --noEmit -p bench

results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT
vitest() { node node_modules/vitest/vitest.mjs run --reporter=default --reporter=json "$@"; }

pids=()
if [ -n "$worlds" ]; then
  # shellcheck disable=SC2086
  bash scripts/nix-roots.sh $worlds
  for world in $worlds; do
    NBCA_NIX_WORLD="$world" vitest --outputFile.json="$results/$world.json" "${WORLD_TESTS[@]}" \
      > "$results/$world.log" 2>&1 &
    pids+=("$!")
  done
fi

echo "== tests on the host's Nix ($(nix-store --version)), vitest on $(node --version)"
status=0
vitest --outputFile.json="$results/host.json" "$@" || status=$?
for pid in "${pids[@]}"; do wait "$pid" || status=1; done
for world in $worlds; do
  echo "== end-to-end tests on Debian $world's Nix ($(cat "${NBCA_NIX_ROOTS:-/var/cache/nix-binary-cache-action/roots}/$world/.nix-version" 2>/dev/null))"
  cat "$results/$world.log"
done

node -e '
  const fs = require("fs");
  let passed = 0, failed = 0, skipped = 0;
  for (const file of process.argv.slice(1)) {
    if (!fs.existsSync(file)) { failed++; console.log(`no results in ${file}: that run did not finish`); continue; }
    const r = JSON.parse(fs.readFileSync(file, "utf8"));
    // A file that fails outside its tests (an import, a hook) fails no test but is a failure all the same.
    passed += r.numPassedTests;
    failed += r.numFailedTests > 0 || r.success ? r.numFailedTests : Math.max(1, r.numFailedTestSuites);
    skipped += r.numPendingTests + r.numTodoTests;
  }
  console.log(`${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ""));
' "$results/host.json" $(for world in $worlds; do echo "$results/$world.json"; done)
exit "$status"
