#!/usr/bin/env bash
# Bundles src/ into dist/ (or the directory given): what the runner executes, committed and checked against src/.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-dist}"
ncc=node_modules/.bin/ncc
# ncc leaves files of an earlier bundle behind (chunks are numbered by content).
rm -rf "$out/action" "$out/cli"
"$ncc" build src/bundle-entry.ts -o "$out/action" -t --source-map --license licenses.txt
"$ncc" build src/cli.ts -o "$out/cli" -t --source-map --license licenses.txt
# One file per step for action.yml, sharing the bundle: the runner's choice of entry says which step this is, so a
# post whose main was killed before it saved anything still runs as post.
for step in main post; do
  printf '// The %s step (action.yml runs.%s): the whole action is in index.js.\nimport { runBundled } from "./index.js";\n\nawait runBundled("%s");\n' \
    "$step" "$step" "$step" > "$out/action/$step.js"
done
# The post step's staging threads (src/push/staging-pool.ts) run the same bundle.
printf '// A staging thread of the post step: the whole action is in index.js.\nimport { runStagingThread } from "./index.js";\n\nawait runStagingThread();\n' \
  > "$out/action/stager.js"
# The background pusher that setup starts (src/pusher.ts).
printf '// The background pusher that setup starts: the whole action is in index.js.\nimport { runPusher } from "./index.js";\n\nawait runPusher();\n' \
  > "$out/action/pusher.js"
# The Actions cache's read server that setup starts (src/reader.ts).
printf '// The read server of the Actions cache mode that setup starts: the whole action is in index.js.\nimport { runReader } from "./index.js";\n\nawait runReader();\n' \
  > "$out/action/reader.js"
