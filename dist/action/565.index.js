export const id = 565;
export const ids = [565];
export const modules = {

/***/ 5510:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   V: () => (/* binding */ lineLog)
/* harmony export */ });
function lineLog(write, now = () => new Date()) {
    const line = (level, message) => write(`${now().toISOString().slice(11, 23)} ${level}${message}\n`);
    return {
        info: (message) => line("", message),
        notice: (message) => line("notice: ", message),
        warning: (message) => line("warning: ", message),
        debug: (message) => line("", message),
        group: async (title, body) => {
            line("", title);
            return body();
        },
    };
}


/***/ }),

/***/ 8565:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/action/bundle-files.ts
var bundle_files = __webpack_require__(6006);
// EXTERNAL MODULE: ./src/action/inputs.ts + 4 modules
var action_inputs = __webpack_require__(790);
// EXTERNAL MODULE: ./src/cache/create-cache.ts
var create_cache = __webpack_require__(2907);
// EXTERNAL MODULE: ./src/lib/errors.ts
var errors = __webpack_require__(7268);
// EXTERNAL MODULE: ./src/lib/line-log.ts
var line_log = __webpack_require__(5510);
// EXTERNAL MODULE: ./src/nix/command.ts
var command = __webpack_require__(2094);
// EXTERNAL MODULE: ./src/nix/store.ts + 1 modules
var store = __webpack_require__(9518);
// EXTERNAL MODULE: ./src/nix/store-files.ts
var store_files = __webpack_require__(3016);
;// CONCATENATED MODULE: ./src/nix/store-watch.ts
/**
 * When the background pusher looks at the store again: soon after its directory changes (an output moved in, a
 * `.lock` removed once Nix has registered a path), and every `intervalMs` whatever happens, since a watch can miss
 * events (a full inotify queue, a file system without inotify) and validity itself makes no event.
 */

function watchStoreChanges(storeDir, options) {
    let changed = false;
    let onChange;
    let watcher;
    try {
        // Not persistent: the watch alone must never keep the process alive.
        watcher = (0,external_node_fs_.watch)(storeDir, { persistent: false }, () => {
            changed = true;
            onChange?.();
        });
        watcher.on("error", () => {
            watcher?.close();
            watcher = undefined;
        });
    }
    catch {
        // No inotify (or no store directory yet): the interval alone.
        watcher = undefined;
    }
    return {
        next(signal) {
            return new Promise((resolve) => {
                const timers = [];
                const done = () => {
                    for (const timer of timers)
                        clearTimeout(timer);
                    signal.removeEventListener("abort", done);
                    onChange = undefined;
                    changed = false;
                    resolve();
                };
                if (signal.aborted)
                    return done();
                signal.addEventListener("abort", done, { once: true });
                timers.push(setTimeout(done, options.intervalMs));
                const settle = () => {
                    onChange = undefined;
                    timers.push(setTimeout(done, options.settleMs));
                };
                if (changed)
                    settle();
                else
                    onChange = settle;
            });
        },
        close() {
            watcher?.close();
        },
    };
}

// EXTERNAL MODULE: ./src/lib/store-diff.ts
var store_diff = __webpack_require__(480);
// EXTERNAL MODULE: ./src/push/run-push.ts + 4 modules
var run_push = __webpack_require__(2941);
// EXTERNAL MODULE: ./src/push/select-paths.ts
var select_paths = __webpack_require__(491);
;// CONCATENATED MODULE: ./src/push/background.ts
/**
 * The background pusher's work (the process is ../pusher.ts): while the build runs it notices new valid store
 * paths and pushes them with their closures, by post's own rules — the same selection (upstream and cached paths
 * left out, pushFilter) and the same push (signed, zstd, NAR before narinfo, references first). Each path it
 * publishes is told to `onPublished` at once, so that a pusher killed at any point leaves post an exact list.
 */





/** Runs rounds until `finish` or `stop`; returns how many paths it published. */
async function runBackgroundPush(deps) {
    const round = startRounds(deps);
    const ended = AbortSignal.any([deps.finish, deps.stop]);
    while (!ended.aborted) {
        await deps.nextRound(ended);
        if (ended.aborted)
            break;
        try {
            await round();
        }
        catch (error) {
            if (deps.stop.aborted)
                break;
            // Whatever went wrong (Nix, the cache): post pushes what is missing (its paths are not asked about again
            // here unless a later path refers to them).
            deps.log.warning(`A round of the background push failed: ${(0,errors/* describeError */.Uc)(error)}`);
        }
    }
    return round.published();
}
/** One round: the entries new since the last one, those of them that are valid now, pushed with their closures. */
function startRounds(deps) {
    const { nix, log } = deps;
    // Every entry looked at once (valid or not; .drv files and locks too), so a round reads only what is new.
    const seen = new Set(deps.snapshot);
    // New build results that were not valid yet (still being built or substituted): asked about again each round.
    const pending = new Set();
    // Paths pushed by earlier rounds or found available by them: never asked about or pushed again.
    const settled = new Set();
    let published = 0;
    const round = async () => {
        const names = await nix.listStoreEntries();
        const added = (0,store_diff/* diffStoreEntries */.b)(seen, names, nix.storeDir);
        for (const name of names)
            seen.add(name);
        for (const path of added.paths)
            pending.add(path);
        // A path whose build failed is removed by Nix: it will never be valid.
        const present = new Set(names);
        for (const path of pending)
            if (!present.has((0,external_node_path_.basename)(path)))
                pending.delete(path);
        if (pending.size === 0)
            return;
        // Validity first (closureOfValid asks it): `nix path-info` would realise a path still in the making.
        const closures = await nix.closureOfValid([...pending], { mayBeInvalid: true });
        const valid = [...pending].filter((path) => closures.has(path));
        for (const path of valid)
            pending.delete(path);
        if (valid.length === 0)
            return;
        const selection = await (0,select_paths/* selectPaths */.L)({
            added: { paths: valid, closures },
            pathsToPush: [],
            pushFilter: deps.config.pushFilter,
            upstreamKeys: deps.config.upstreamKeys,
            settled,
        }, nix, deps.cache, log, deps.stop);
        for (const path of selection.available)
            settled.add(path);
        if (selection.toPush.length === 0 || selection.cacheTrouble !== undefined) {
            if (selection.cacheTrouble !== undefined)
                log.warning(`The cache: ${selection.cacheTrouble}`);
            return;
        }
        const outcomes = new Map();
        await (0,run_push/* pushSelection */.vZ)({ ...deps, state: { storeDir: nix.storeDir } }, selection, deps.stop, outcomes, {
            onPushed: (path, pushed) => {
                settled.add(path);
                published++;
                deps.onPublished(path, pushed);
            },
            // Post takes over what has not started, on every core.
            drain: deps.finish,
        });
    };
    return Object.assign(round, { published: () => published });
}

// EXTERNAL MODULE: ./src/push/pusher-process.ts
var pusher_process = __webpack_require__(5221);
// EXTERNAL MODULE: ./src/push/staging-pool.ts
var staging_pool = __webpack_require__(9328);
;// CONCATENATED MODULE: ./src/pusher.ts
/**
 * The background pusher (dist/action/pusher.js, started by setup; see push/pusher-process.ts): reads its request
 * from stdin, then pushes new paths in rounds (push/background.ts) until post sends SIGUSR2 (finish the round under
 * way, then exit) or SIGTERM (stop now). A SIGUSR2 that comes before the handler is set ends it at once: post then
 * pushes everything itself. Its stdout and stderr are its log file, which post prints.
 */
















/** How often the store is looked at when nothing in it changes, and how long after a change. */
const ROUND_INTERVAL_MS = 2000;
const ROUND_SETTLE_MS = 300;
async function run(dir) {
    const log = (0,line_log/* lineLog */.V)((line) => process.stdout.write(line));
    const finish = new AbortController();
    const stop = new AbortController();
    process.on(pusher_process/* FINISH_SIGNAL */.rY, () => {
        log.info("Post asks to finish: no path starts after those under way.");
        finish.abort();
    });
    process.on("SIGTERM", () => stop.abort(new errors/* StepStopped */.ic("SIGTERM")));
    // The runner's SIGINT goes to the step that runs, not here; post decides when the pusher ends.
    process.on("SIGINT", () => { });
    lowerPriority();
    let stager;
    try {
        const request = JSON.parse(await readStdin());
        const { state } = request;
        const inputs = (0,action_inputs/* parseInputs */.TL)((name) => request.inputs[name] ?? "", request.env);
        if (state.snapshotFile === undefined)
            throw new Error("setup saved no store snapshot");
        const tempDir = process.env.RUNNER_TEMP || (0,external_node_os_.tmpdir)();
        const cache = await (0,create_cache/* createCache */.V)(inputs.cache, { tempDir, env: process.env, log }, { handOver: state.cache });
        const nix = new store/* NixStore */.xk((0,command/* commandsUntil */.jj)(stop.signal), state.storeDir, state.nixVersion);
        const snapshot = new Set((await (0,promises_.readFile)(state.snapshotFile, "utf8")).split("\n"));
        const changes = watchStoreChanges(state.storeDir, {
            intervalMs: ROUND_INTERVAL_MS,
            settleMs: ROUND_SETTLE_MS,
        });
        const published = (0,external_node_fs_.openSync)((0,external_node_path_.join)(dir, pusher_process/* PUSHER_FILES */.Qw.published), "a", 0o600);
        log.info(`Started for ${cache.description}, store ${state.storeDir}.`);
        const count = await runBackgroundPush({
            config: inputs,
            nix,
            cache,
            log,
            tempDir,
            snapshot,
            // One thread: one core's worth of compression while the build runs, kept from round to round.
            startStager: ({ dir: stagingDir, compressionLevel }) => {
                stager ??= (0,staging_pool/* startStagingPool */.m)({
                    script: (0,bundle_files/* bundleScript */.o)("stager.js"),
                    threads: 1,
                    dir: stagingDir,
                    compressionLevel,
                    fs: store_files/* nodeNarFileSystem */.T,
                    onFallback: (reason) => log.info(`Staging on the main thread: ${reason}.`),
                });
                return { threads: stager.threads, stage: stager.stage, close: async () => { } };
            },
            onPublished: (path, pushed) => {
                (0,external_node_fs_.appendFileSync)(published, `${JSON.stringify({ path, ...pushed })}\n`);
            },
            nextRound: (signal) => changes.next(signal),
            finish: finish.signal,
            stop: stop.signal,
        });
        changes.close();
        log.info(`${stop.signal.aborted ? "Stopped" : "Finished"}: ${count} path${count === 1 ? "" : "s"} pushed while the build ran.`);
    }
    catch (error) {
        log.warning(`The background pusher ended: ${(0,errors/* describeError */.Uc)(error)}`);
    }
    finally {
        await stager?.close();
    }
}
/**
 * Below the build, whatever the machine: nice(1) started it at 19 where there is one (this sets the thread's own
 * otherwise). With the kernel's autogroups (Ubuntu's default) nice counts only within a session, and the pusher
 * has a session of its own, which would get as much CPU as the build's: its autogroup is set to 19 as well.
 */
function lowerPriority() {
    try {
        (0,external_node_os_.setPriority)(19);
    }
    catch { }
    try {
        (0,external_node_fs_.writeFileSync)("/proc/self/autogroup", "19");
    }
    catch {
        // No autogroups (or no /proc): nice alone decides.
    }
}
async function readStdin() {
    const chunks = [];
    for await (const chunk of process.stdin)
        chunks.push(chunk);
    return Buffer.concat(chunks).toString("utf8");
}


/***/ })

};

//# sourceMappingURL=565.index.js.map