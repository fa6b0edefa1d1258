// The post step (action.yml runs.post): the whole action is in index.js.
import { runBundled } from "./index.js";

await runBundled("post");
