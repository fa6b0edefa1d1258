/** A signing thread of ./signer.ts: its own bundle (dist/signer), started with the key as workerData. */
import { parentPort, workerData } from "node:worker_threads";
import { signFingerprint } from "../lib/signing.js";
import type { SignReply, SignRequest, SignThreadData } from "./signer.js";

const { name, secretKey } = workerData as SignThreadData;
// Only what signing needs: the public half is not checked again here, setup and post did that when parsing.
const key = { name, secretKey, publicKey: { name, key: secretKey.subarray(32) } };

parentPort?.on("message", ({ id, fingerprint }: SignRequest) => {
  const reply: SignReply = { id, sig: signFingerprint(fingerprint, key) };
  parentPort?.postMessage(reply);
});
