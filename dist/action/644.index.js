export const id = 644;
export const ids = [644];
export const modules = {

/***/ 8644:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(6421);
// EXTERNAL MODULE: ./src/action/bundle-files.ts
var bundle_files = __webpack_require__(6006);
// EXTERNAL MODULE: ./src/action/inputs.ts + 4 modules
var action_inputs = __webpack_require__(790);
// EXTERNAL MODULE: ./src/action/runner.ts + 1 modules
var runner = __webpack_require__(9719);
// EXTERNAL MODULE: ./src/action/stop.ts
var stop = __webpack_require__(2788);
// EXTERNAL MODULE: ./src/cache/create-cache.ts
var create_cache = __webpack_require__(2907);
// EXTERNAL MODULE: ./src/lib/errors.ts
var errors = __webpack_require__(7268);
// EXTERNAL MODULE: ./src/lib/store-path.ts
var store_path = __webpack_require__(6056);
// EXTERNAL MODULE: ./src/nix/command.ts
var command = __webpack_require__(2094);
// EXTERNAL MODULE: ./src/nix/store.ts + 1 modules
var store = __webpack_require__(9518);
// EXTERNAL MODULE: ./src/process/background.ts
var background = __webpack_require__(8757);
// EXTERNAL MODULE: ./src/push/pusher-process.ts
var pusher_process = __webpack_require__(5221);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/lib/scratch-dir.ts
var scratch_dir = __webpack_require__(9807);
// EXTERNAL MODULE: ./src/setup/configure-nix.ts + 2 modules
var configure_nix = __webpack_require__(9032);
;// CONCATENATED MODULE: ./src/setup/snapshot.ts
/** Setup's listing of the store directory, which post compares with the store of then (see lib/store-diff.ts). */

/**
 * Starts reading the store directory at once. Setup starts it first thing, so that the read (on the thread pool)
 * overlaps setup's Nix calls, and writes it at its end: nothing the job builds can appear before setup is over.
 */
function startStoreSnapshot(nix) {
    const names = nix.listStoreEntries();
    // Awaited by writeTo; a setup that fails before then never asks.
    names.catch(() => { });
    return {
        async writeTo(file) {
            const read = await names;
            await (0,promises_.writeFile)(file, read.join("\n"));
            return read.length;
        },
    };
}

;// CONCATENATED MODULE: ./src/setup/run-setup.ts
/**
 * The main step: make the cache a substituter for the steps that follow, decide whether post may push, and
 * snapshot the store so post can tell which paths this job made. Every change that post must undo is written into
 * the step's state before it is made, so a setup stopped at any point leaves post the list.
 */






/**
 * How long setup waits for a cache to answer before the build goes on without it: a server that accepts
 * connections and never answers must not hold the job.
 */
const CACHE_SETUP_TIMEOUT_MS = 15_000;
async function runSetup(deps) {
    const { config, log } = deps;
    // In every mode: post reports what the cache did for the job from it, and pushes by it (unless `pathsToPush`).
    const snapshot = startStoreSnapshot(deps.nix);
    const cache = await deps.openCache();
    const version = await checkNix(deps.nix);
    log.info(`Nix ${version}, store ${deps.nix.storeDir}, cache ${cache.description}`);
    let state = { version: 2, storeDir: deps.nix.storeDir, nixVersion: version, mode: "off" };
    const save = (change) => {
        state = { ...state, ...change };
        deps.saveState(state);
    };
    const troubles = [];
    const tolerate = (part, consequence) => withCacheTrouble(deps, part, (trouble) => {
        troubles.push(trouble);
        log.warning(`${trouble}. ${consequence}`);
    });
    // Without a state post could neither push nor undo: when even that cannot be written, change nothing.
    const saved = await tolerate(async () => {
        save({});
        return true;
    }, WITHOUT_CACHE);
    if (saved === undefined)
        return;
    const deadline = cacheDeadline(deps, cache);
    const access = await log.group("Configure substituter", async () => {
        const readable = await tolerate(() => cache.prepareRead(deps.nix.storeDir, deadline), WITHOUT_CACHE);
        if (readable === undefined)
            return undefined;
        // Post ends what the backend left running, whatever happens from here on.
        if (readable.serverDir !== undefined)
            save({ serverDir: readable.serverDir });
        const configured = await tolerate(() => addSubstituters(deps, readable, save), WITHOUT_CACHE);
        return configured === undefined ? undefined : readable;
    });
    let mode = pushMode(deps, access);
    if (mode === "push") {
        // Opened before any later step reads the cache: a nix-daemon opening a file:// substituter creates its
        // directories as root, and this job's user could then no longer write into them.
        const opened = await tolerate(async () => {
            await cache.openForPush(deps.nix.storeDir, deadline);
            return true;
        }, NOTHING_PUSHED);
        if (opened === undefined)
            mode = "off";
    }
    const pushesAdded = mode === "push" && config.pathsToPush.length === 0;
    const snapshotFile = pushesAdded
        ? await tolerate(() => saveSnapshot(deps, snapshot), NOTHING_PUSHED)
        : // Only for the report of what the cache did: its trouble is no cache trouble, and never fails the step.
            await saveSnapshot(deps, snapshot).catch((error) => {
                if (deps.stop?.aborted)
                    throw error;
                log.info(`The store snapshot could not be saved (${(0,errors/* describeError */.Uc)(error)}): the summary will not say what the cache did.`);
                return undefined;
            });
    // Without the snapshot post could not tell what the job added.
    if (pushesAdded && snapshotFile === undefined)
        mode = "off";
    // What post needs to push. When even this cannot be saved, post finds the state of before, with nothing to push.
    const final = {
        cache: access?.handOver,
        mode,
        snapshotFile,
        cacheKeys: access?.substituters
            .filter((substituter) => !substituter.pullOnly)
            .flatMap((substituter) => substituter.publicKeys),
        offReason: mode === "off" ? troubles[0] : undefined,
    };
    const savedFinal = await tolerate(async () => {
        save(final);
        return true;
    }, NOTHING_PUSHED);
    if (savedFinal === undefined && snapshotFile !== undefined)
        await (0,promises_.rm)(snapshotFile, { force: true });
    if (savedFinal !== undefined && pushesAdded && mode === "push" && config.pushWhileBuilding) {
        await startPusher(deps, state, save);
    }
}
/**
 * Starts the background pusher. Whatever goes wrong, post still pushes everything: a warning, never a failed
 * step (not even with `strict`, since nothing is lost).
 */
async function startPusher(deps, state, save) {
    if (deps.startPusher === undefined)
        return;
    try {
        const dir = await (0,promises_.mkdtemp)((0,external_node_path_.join)((0,scratch_dir/* scratchDir */.G)(deps.tempDir), "pusher-"));
        // Saved first: post finds the pusher, and ends it, whatever happens from here on.
        save({ pusherDir: dir });
        await deps.startPusher(dir, { ...state, pusherDir: dir });
        deps.log.info("Pushing while the build runs: a background pusher pushes new paths; post finishes the push.");
    }
    catch (error) {
        if (deps.stop?.aborted)
            throw error;
        deps.log.warning(`The background pusher could not start (${(0,errors/* describeError */.Uc)(error)}); post pushes everything instead.`);
    }
}
const WITHOUT_CACHE = "The build goes on without this cache.";
const NOTHING_PUSHED = "Nothing will be pushed.";
/** The cache's questions in setup end at a stop, and after CACHE_SETUP_TIMEOUT_MS (or the backend's own limit). */
function cacheDeadline(deps, cache) {
    const timeout = AbortSignal.timeout(cache.setupTimeoutMs ?? CACHE_SETUP_TIMEOUT_MS);
    return deps.stop === undefined ? timeout : AbortSignal.any([deps.stop, timeout]);
}
async function checkNix(nix) {
    try {
        return await nix.version();
    }
    catch (error) {
        if (error instanceof errors/* StepStopped */.ic)
            throw error;
        throw new Error(`Nix is not installed or does not run (${(0,errors/* describeError */.Uc)(error)}). ` +
            "Install Nix in an earlier step, e.g. with cachix/install-nix-action.");
    }
}
/**
 * Runs a part of setup that the build can do without: cache trouble, a cache that does not answer and a full temp
 * dir are told to `onTrouble` and give undefined, unless `strict`.
 */
async function withCacheTrouble(deps, part, onTrouble) {
    try {
        return await part();
    }
    catch (error) {
        const trouble = asCacheTrouble(error, deps);
        if (deps.config.strict || trouble === undefined)
            throw trouble ?? error;
        onTrouble(trouble.message);
        return undefined;
    }
}
/** `error` as cache trouble, or undefined when it is something else (a bug, wrong inputs, a stopped step). */
function asCacheTrouble(error, deps) {
    if (error instanceof errors/* CacheError */.xA)
        return error;
    if (deps.stop?.aborted)
        return undefined;
    if (error instanceof Error && error.name === "TimeoutError") {
        return new errors/* CacheError */.xA("the cache did not answer in time", { cause: error });
    }
    if ((0,errors/* isDiskFull */.b$)(error)) {
        return new errors/* CacheError */.xA(`the runner's temp dir (RUNNER_TEMP) is full: ${(0,errors/* describeError */.Uc)(error)}`, {
            cause: error,
        });
    }
    return undefined;
}
async function addSubstituters(deps, access, record) {
    let wanted = access;
    if (deps.config.skipAddingSubstituter) {
        // As in cachix-action: the pushed-to cache is skipped, caches that are only pulled from are still added.
        wanted = { ...access, substituters: access.substituters.filter((substituter) => substituter.pullOnly) };
        deps.log.info("skipAddingSubstituter is set: the cache is not added as a substituter.");
        if (wanted.substituters.length === 0)
            return "skipped";
    }
    const outcome = await (0,configure_nix/* configureNixForLaterSteps */.E)(wanted, { ...deps, recordUndo: record });
    if (!outcome.configured && deps.config.strict) {
        throw new errors/* CacheError */.xA("the cache could not be configured for this Nix installation (see the warning above)");
    }
    const first = outcome.added[0];
    if (first !== undefined) {
        deps.runner.setOutput("substituter", first.url);
        deps.runner.setOutput("publicKey", first.publicKeys.join(" "));
    }
    return outcome;
}
function pushMode(deps, access) {
    const { config, log } = deps;
    if (config.skipPush) {
        log.info("skipPush is set: nothing will be pushed.");
        return "off";
    }
    // Cache trouble has been reported already (a warning).
    if (access === undefined)
        return "off";
    if (config.signingKey === undefined && access.serverSigned !== true) {
        log.notice("`signingKey` (for Cachix: `authToken`) is empty, as in a pull request from a fork where secrets are " +
            "hidden: read-only mode, this job only reads from the cache and pushes nothing.");
        return "read-only";
    }
    // The backend said why (e.g. a Cachix token that can only read).
    if (!access.canPush)
        return "off";
    if (deps.env.RUNNER_ENVIRONMENT === "self-hosted" && config.pathsToPush.length === 0) {
        log.warning("On a self-hosted runner whose Nix store is shared, the paths new since setup can include other jobs' " +
            "builds, and all of them are pushed. Set `pathsToPush` to push only this job's results.");
    }
    return "push";
}
async function saveSnapshot(deps, snapshot) {
    const dir = (0,scratch_dir/* scratchDir */.G)(deps.tempDir);
    await (0,promises_.mkdir)(dir, { recursive: true });
    const file = (0,external_node_path_.join)(dir, `store-snapshot-${process.pid}-${Date.now()}.txt`);
    const entries = await snapshot.writeTo(file).catch(async (error) => {
        // Half a snapshot would make post push paths that were there before.
        await (0,promises_.rm)(file, { force: true });
        throw error;
    });
    deps.log.info(`Store snapshot: ${entries} entries.`);
    return file;
}

;// CONCATENATED MODULE: ./src/main.ts
/**
 * The main step (action.yml `runs.main`): setup. `run()` reports a failure through the runner and never exits the
 * process, so @github/local-action can run it from src/ as well as dist/action/main.js from the bundle.
 */















async function run() {
    await (0,stop/* runStoppable */.i)(runner/* coreLog */.uu, (stop) => setupStep(stop).catch((error) => core/* setFailed */.C1((0,errors/* describeError */.Uc)(error))));
}
/** Setup with the real collaborators; throws what should fail the step. `stop` aborts at SIGINT/SIGTERM. */
async function setupStep(stop) {
    const inputs = (0,action_inputs/* loadInputs */.IV)();
    const tempDir = process.env.RUNNER_TEMP || (0,external_node_os_.tmpdir)();
    const context = { tempDir, env: process.env, log: runner/* coreLog */.uu };
    await runSetup({
        config: inputs,
        nix: new store/* NixStore */.xk((0,command/* commandsUntil */.jj)(stop), process.env.NIX_STORE_DIR || store_path/* DEFAULT_STORE_DIR */.qC),
        // Not ended by a stop: sudo copying the system nix.conf must never be cut off halfway.
        run: command/* execCommand */.NK,
        openCache: () => (0,create_cache/* createCache */.V)(inputs.cache, { ...context, startServer: startReader }),
        log: runner/* coreLog */.uu,
        runner: runner/* coreRunnerFiles */.h1,
        saveState: runner/* saveSetupState */.ix,
        env: process.env,
        tempDir,
        stop,
        startPusher: async (dir, state) => {
            const script = (0,bundle_files/* bundleScript */.o)("pusher.js");
            // Run from src/ (@github/local-action) there is no bundle to start.
            if (!(0,external_node_fs_.existsSync)(script))
                throw new Error(`${script} is missing`);
            const { inputs: raw, env } = (0,action_inputs/* readRawInputs */.yI)();
            await (0,pusher_process/* startPusherProcess */.PH)({
                node: process.execPath,
                script,
                dir,
                request: { inputs: raw, env, state },
                env: process.env,
            });
        },
    });
}
/** Starts a backend's read server (dist/action/reader.js) in `dir`; resolves with its port. */
async function startReader(dir, request) {
    const script = (0,bundle_files/* bundleScript */.o)("reader.js");
    // Run from src/ (@github/local-action) there is no bundle to start.
    if (!(0,external_node_fs_.existsSync)(script))
        throw new Error(`${script} is missing`);
    const started = await (0,background/* startBackground */.rC)({
        node: process.execPath,
        script,
        dir,
        request,
        env: process.env,
        readyWithinMs: 10_000,
    });
    const port = Number(started.ready);
    if (!Number.isInteger(port) || port <= 0 || port > 65535) {
        throw new Error(`the cache's read server said no port (${JSON.stringify(started.ready)})`);
    }
    return port;
}


/***/ })

};

//# sourceMappingURL=644.index.js.map