// The post step (action.yml runs.post): the whole action is in index.js.
import { run } from "./index.js";

await run("post");
