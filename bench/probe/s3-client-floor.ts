/**
 * Scenario (h)'s floor: no S3 client at all, an unsigned HEAD through node:http. Its bundle is the driver's own
 * share of every candidate's, and its start-up is Node's plus one request: what no client can go below.
 */
import { request } from "node:http";
import { type Candidate, runProbe, type Target } from "./s3-client-drive.js";

function connect(target: Target): Candidate {
  const unsupported = () => Promise.reject(new Error("the floor only answers HEAD"));
  return {
    put: unsupported,
    get: unsupported,
    head: (key) =>
      new Promise((resolve, reject) => {
        const outgoing = request(
          `${target.endpoint}/${target.bucket}/${key}`,
          { method: "HEAD" },
          (answer) => {
            answer.resume();
            resolve(answer.statusCode === 200);
          },
        );
        outgoing.on("error", reject);
        outgoing.end();
      }),
  };
}

await runProbe(connect);
