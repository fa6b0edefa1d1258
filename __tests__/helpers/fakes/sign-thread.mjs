// A stand-in for the signing thread's bundle (dist/signer): it answers with a marker instead of a signature, so a
// test can tell that a signature came from a thread. A key named "crash" makes it throw on its fourth request.
import { parentPort, threadId, workerData } from "node:worker_threads";

let requests = 0;
parentPort.on("message", ({ id, fingerprint }) => {
  requests++;
  if (workerData.name === "crash" && requests === 4) throw new Error("fake thread crashed");
  parentPort.postMessage({ id, sig: `${workerData.name}:thread-${threadId}:${fingerprint}` });
});
