/** Signers on worker threads, running the bundle of src/signer/sign-thread.ts that lies beside this one in dist/. */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Log } from "../lib/ports.js";
import type { SigningKey } from "../lib/signing.js";
import { type Signer, startSigner } from "../signer/signer.js";

/** Makes signers on up to `threads` threads (at most 4); where the thread bundle is missing, they sign in process. */
export function threadedSigners(threads: number, log: Log): (key: SigningKey, signatures: number) => Signer {
  return (key, signatures) =>
    startSigner(key, {
      script: join(dirname(fileURLToPath(import.meta.url)), "..", "signer", "index.js"),
      threads: Math.min(4, threads),
      signatures,
      onFallback: (reason) => log.info(`Signing on the main thread: ${reason}.`),
    });
}
