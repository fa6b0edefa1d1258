/**
 * The tests' stand-in of the GitHub Actions cache service, for the benchmark's scenario (g): bundled by ncc when the
 * bench starts (the stand-in's sources import with `.js` suffixes, which Node's type stripping cannot follow), then
 * loaded in the bench's own process.
 */
export { ActionsCacheStandIn, runtimeToken } from "../../__tests__/helpers/stand-ins/actions-cache-server.js";
export { decodeIndex } from "../../src/cache/actions-cache/cache-index.js";
