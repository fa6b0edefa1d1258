#!/usr/bin/env node
/**
 * The command line, bundled to dist/cli/index.js: `generate-keypair` (keys/key-command.ts) and `gc`
 * (upkeep/gc-command.ts), e.g. `node dist/cli/index.js generate-keypair CACHE`.
 */
import { runKeyCommand } from "./keys/key-command.js";
import { runGcCommand } from "./upkeep/gc-command.js";

const io = {
  env: process.env,
  out: (line: string) => process.stdout.write(`${line}\n`),
  err: (line: string) => process.stderr.write(`${line}\n`),
};
const args = process.argv.slice(2);
process.exitCode = args[0] === "gc" ? await runGcCommand(args.slice(1), io) : await runKeyCommand(args, io);
