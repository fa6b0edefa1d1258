// The read server of the Actions cache mode that setup starts: the whole action is in index.js.
import { runReader } from "./index.js";

await runReader();
