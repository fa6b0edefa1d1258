// The main step (action.yml runs.main): the whole action is in index.js.
import { run } from "./index.js";

await run("main");
