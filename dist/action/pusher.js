// The background pusher that setup starts: the whole action is in index.js.
import { runPusher } from "./index.js";

await runPusher();
