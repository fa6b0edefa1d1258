// A staging thread of the post step: the whole action is in index.js.
import { runStagingThread } from "./index.js";

await runStagingThread();
