// The main step (action.yml runs.main): the whole action is in index.js.
import { runBundled } from "./index.js";

await runBundled("main");
