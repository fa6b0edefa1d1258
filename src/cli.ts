#!/usr/bin/env node
/** The key command's entry, bundled to dist/cli/index.js: `node dist/cli/index.js generate-keypair CACHE`. */
import { runKeyCommand } from "./keys/key-command.js";

process.exitCode = await runKeyCommand(process.argv.slice(2), {
  env: process.env,
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});
