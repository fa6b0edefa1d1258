export const id = 644;
export const ids = [644];
export const modules = {

/***/ 9719:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  uu: () => (/* binding */ coreLog),
  h1: () => (/* binding */ coreRunnerFiles),
  ll: () => (/* binding */ loadSetupState),
  ix: () => (/* binding */ saveSetupState)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(6421);
;// CONCATENATED MODULE: ./src/state.ts
function encodeSetupState(state) {
    return JSON.stringify(state);
}
/** The state setup saved, or undefined when it saved none (it did not get that far) or one of another shape. */
function decodeSetupState(text) {
    if (text === "")
        return undefined;
    const state = JSON.parse(text);
    return state.version === 2 && typeof state.storeDir === "string" ? state : undefined;
}

;// CONCATENATED MODULE: ./src/action/runner.ts
/** The runner as @actions/core gives it: the ports of lib/ports.ts, and the step's state from setup to post. */


const coreLog = {
    info: (message) => core/* info */.pq(message),
    notice: (message) => core/* notice */.lm(message),
    warning: (message) => core/* warning */.$e(message),
    debug: (message) => core/* debug */.Yz(message),
    group: (title, body) => core/* group */.Os(title, body),
};
const coreRunnerFiles = {
    setOutput: (name, value) => core/* setOutput */.uH(name, String(value)),
    exportVariable: (name, value) => core/* exportVariable */.dN(name, value),
    appendSummary: async (markdown) => {
        await core/* summary */.z.addRaw(markdown, true).write();
    },
};
const STATE_KEY = "nix-binary-cache";
/** Saves setup's state for the post step; throws when the runner's state file cannot be written (a full disk). */
function saveSetupState(state) {
    core/* saveState */.LZ(STATE_KEY, encodeSetupState(state));
}
/** The state setup saved, or undefined when setup did not get that far (post then has nothing to do). */
function loadSetupState() {
    return decodeSetupState(core/* getState */.Gu(STATE_KEY));
}


/***/ }),

/***/ 2788:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   i: () => (/* binding */ runStoppable)
/* harmony export */ });
/* harmony import */ var _lib_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7268);
/**
 * Stopping a step as the runner stops it. A cancelled job's running step gets SIGINT, SIGTERM 7.5 s later and
 * SIGKILL 2.5 s after that; post steps then run with the job's remaining minutes. The first SIGINT or SIGTERM
 * aborts the step's stop signal, which the domain code takes like a deadline: it starts nothing new, publishes
 * nothing partial, reports what it did and removes its temporary files. A step still running `graceMs` after the
 * signal exits anyway, so that it is always gone long before SIGKILL.
 */

const SIGNALS = ["SIGINT", "SIGTERM"];
function watchForStop(options) {
    const controller = new AbortController();
    let timer;
    const handler = (name) => {
        if (controller.signal.aborted)
            return;
        options.onStop(name);
        controller.abort(new _lib_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .StepStopped */ .ic(name));
        timer = setTimeout(() => {
            options.onGiveUp();
            process.exit();
        }, options.graceMs ?? 1500);
        // The timer must not keep a step alive that finished in time.
        timer.unref();
    };
    for (const name of SIGNALS)
        process.on(name, handler);
    return {
        signal: controller.signal,
        dispose() {
            for (const name of SIGNALS)
                process.off(name, handler);
            clearTimeout(timer);
        },
    };
}
/** Runs a step's `body` with a stop signal that aborts at SIGINT or SIGTERM, telling `log` when it does. */
async function runStoppable(log, body) {
    const stop = watchForStop({
        onStop: (name) => log.info(`Received ${name}: stopping (the job was cancelled or timed out).`),
        onGiveUp: () => log.warning("Still not done 1.5 s after the stop signal: exiting now."),
    });
    try {
        await body(stop.signal);
    }
    finally {
        stop.dispose();
    }
}


/***/ }),

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


/***/ }),

/***/ 9032:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  E: () => (/* binding */ configureNixForLaterSteps),
  K: () => (/* binding */ undoNixConfig)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/lib/errors.ts
var errors = __webpack_require__(7268);
// EXTERNAL MODULE: ./src/lib/scratch-dir.ts
var scratch_dir = __webpack_require__(9807);
// EXTERNAL MODULE: ./src/nix/config.ts
var nix_config = __webpack_require__(8977);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: ./src/nix/command.ts
var nix_command = __webpack_require__(2094);
;// CONCATENATED MODULE: ./src/nix/installation.ts
/**
 * Which kind of Nix installation the job runs on, told from facts rather than the OS: how Nix picks its store
 * (NIX_REMOTE, the `store` setting, whether the state directory is writable, the daemon socket) and whether the
 * daemon trusts this user (the effective `trusted-users`). Each kind needs the cache configured differently.
 */



/** Classifies an installation the way Nix itself chooses a store, then asks whether the daemon trusts us. */
function classifyInstallation(facts) {
    const uri = facts.storeUri;
    const viaDaemon = uri === "daemon" ||
        uri.startsWith("unix://") ||
        ((uri === "" || uri === "auto") && !facts.stateDirWritable && facts.daemonSocketExists);
    if (!viaDaemon) {
        const why = uri === "" || uri === "auto" ? "the store's state directory is writable" : `the store is '${uri}'`;
        return { kind: "single-user", reason: `Nix opens the store itself (${why})` };
    }
    if (facts.daemonTrusts !== undefined) {
        return facts.daemonTrusts
            ? { kind: "daemon-trusted", reason: `the daemon says it trusts '${facts.userName}'` }
            : {
                kind: "daemon-untrusted",
                reason: `the daemon says it does not trust '${facts.userName}' (not in its trusted-users)`,
            };
    }
    const trustedAs = facts.trustedUsers.find((entry) => entry === "*" ||
        entry === facts.userName ||
        (entry.startsWith("@") && facts.groups.includes(entry.slice(1))));
    if (trustedAs !== undefined) {
        return {
            kind: "daemon-trusted",
            reason: `the daemon trusts '${facts.userName}' (trusted-users has '${trustedAs}')`,
        };
    }
    return {
        kind: "daemon-untrusted",
        reason: `'${facts.userName}' is not in the daemon's trusted-users (${facts.trustedUsers.join(" ") || "empty"})`,
    };
}
/**
 * Gathers the facts for classifyInstallation from the environment, the file system and Nix's settings; for a
 * daemon, asks the daemon itself where its Nix can say (the `trusted-users` this user's Nix shows is the client's
 * reading of the config files, which need not be the daemon's).
 */
async function detectInstallation(nix, settings, env, run) {
    const trustedUsers = settings["trusted-users"];
    const facts = {
        userName: (0,external_node_os_.userInfo)().username,
        groups: await groupNames(run),
        storeUri: env.NIX_REMOTE || (typeof settings.store === "string" ? settings.store : ""),
        stateDirWritable: await canAccess(nixStateDir(env), promises_.constants.W_OK),
        daemonSocketExists: await canAccess(daemonSocketPath(env), promises_.constants.F_OK),
        trustedUsers: Array.isArray(trustedUsers) ? trustedUsers.filter((user) => typeof user === "string") : [],
    };
    const first = classifyInstallation(facts);
    if (first.kind === "single-user")
        return first;
    return classifyInstallation({ ...facts, daemonTrusts: await nix.trustsUser() });
}
async function groupNames(run) {
    const stdout = await (0,nix_command/* runChecked */.X4)(run, "id", ["-Gn"]).catch(() => "");
    return stdout.split(/\s+/).filter((name) => name !== "");
}
/** Nix's state directory, where a single-user Nix writes its database. */
function nixStateDir(env) {
    return env.NIX_STATE_DIR || "/nix/var/nix";
}
/** The socket a multi-user Nix's daemon listens on. */
function daemonSocketPath(env) {
    return env.NIX_DAEMON_SOCKET_PATH || `${nixStateDir(env)}/daemon-socket/socket`;
}
/** Whether `path` is there with the access `mode` asks (fs.constants.F_OK, W_OK, X_OK). */
function canAccess(path, mode) {
    return (0,promises_.access)(path, mode).then(() => true, () => false);
}

// EXTERNAL MODULE: ./src/nix/netrc.ts
var netrc = __webpack_require__(5855);
// EXTERNAL MODULE: external "node:timers/promises"
var external_node_timers_promises_ = __webpack_require__(8500);
;// CONCATENATED MODULE: ./src/nix/system-config.ts
/**
 * The system-wide nix.conf, for a daemon that ignores an untrusted user's own settings. Our lines go in a marked
 * block, appended, so the rest of the file is never touched; post removes exactly that block again and restarts
 * the daemon, so a self-hosted runner does not keep our substituters for the next job.
 */





const begin = (id) => `# nix-binary-cache-action ${id}: begin (the action's post step removes this block)`;
const end = (id) => `# nix-binary-cache-action ${id}: end`;
/** `text` with a block of `lines` appended under markers for `id` (replacing an older block of the same id). */
function addManagedBlock(text, id, lines) {
    const base = removeManagedBlock(text, id);
    const separator = base === "" || base.endsWith("\n") ? "" : "\n";
    return `${base}${separator}${begin(id)}\n${lines.join("\n")}\n${end(id)}\n`;
}
/** `text` without the block for `id`; everything else byte for byte. */
function removeManagedBlock(text, id) {
    const start = text.indexOf(`${begin(id)}\n`);
    if (start === -1)
        return text;
    const stop = text.indexOf(`${end(id)}\n`, start);
    if (stop === -1)
        return text;
    return text.slice(0, start) + text.slice(stop + end(id).length + 1);
}
/** Edits the system nix.conf through passwordless sudo and restarts the daemon. */
class SystemNixConfig {
    options;
    constructor(options) {
        this.options = options;
    }
    /** `$NIX_CONF_DIR/nix.conf`, which the daemon reads. */
    get file() {
        return (0,external_node_path_.join)(this.options.env.NIX_CONF_DIR || "/etc/nix", "nix.conf");
    }
    /** Why sudo cannot be used without a password (as it is on GitHub-hosted runners); undefined when it can. */
    async sudoProblem() {
        let result;
        try {
            result = await this.options.run("sudo", ["-n", "true"]);
        }
        catch (error) {
            if (error.code === "ENOENT")
                return "sudo is not installed";
            throw error;
        }
        if (result.exitCode === 0)
            return undefined;
        const said = result.stderr.trim().split("\n")[0] ?? "";
        return /password is required/.test(said) || said === ""
            ? "sudo needs a password"
            : `sudo cannot be used (${said})`;
    }
    /**
     * Appends our block to the system config and restarts the daemon. When the restart fails, the block is taken out
     * again (and the daemon restarted once more, as far as it will): a daemon that did not take the new config must not
     * keep it for a later restart, nor every later job add a block of its own.
     */
    async apply(change, lines) {
        const current = await (0,promises_.readFile)(change.file, "utf8").catch(() => "");
        await this.write(addManagedBlock(current, change.id, lines), change.file);
        try {
            await this.restartDaemon();
        }
        catch (error) {
            await this.revert(change).catch(() => { });
            throw error;
        }
    }
    /**
     * Removes our block again (whatever else changed meanwhile stays) and restarts the daemon; false when the file
     * holds no block of ours (setup was stopped before it wrote one).
     */
    async revert(change) {
        const current = await (0,promises_.readFile)(change.file, "utf8");
        const restored = removeManagedBlock(current, change.id);
        if (restored === current)
            return false;
        await this.write(restored, change.file);
        await this.restartDaemon();
        return true;
    }
    async write(content, file) {
        const staged = (0,external_node_path_.join)(this.options.tempDir, `nix.conf.${process.pid}.${Date.now()}`);
        // Owner and mode of the file it replaces (root's 0644 when there is none yet), read without sudo.
        const { uid, gid, mode } = await (0,promises_.stat)(file).catch(() => ({ uid: 0, gid: 0, mode: 0o644 }));
        try {
            // The staged copy holds no secret: the netrc stays a path.
            await (0,promises_.writeFile)(staged, content, { mode: 0o644 });
            // Copied beside the file, then renamed over it: an interrupted copy never leaves half a nix.conf.
            await (0,nix_command/* runChecked */.X4)(this.options.run, "sudo", [
                "-n",
                "sh",
                "-c",
                'cp "$1" "$2" && chown "$4" "$2" && chmod "$5" "$2" && mv -f "$2" "$3"',
                "sh",
                staged,
                `${file}.new-${process.pid}`,
                file,
                `${uid}:${gid}`,
                (mode & 0o7777).toString(8),
            ]);
        }
        finally {
            await (0,promises_.rm)(staged, { force: true });
        }
    }
    /** systemd or launchd, whichever the platform has; then waits until the daemon accepts connections again. */
    async restartDaemon() {
        const command = (this.options.platform ?? process.platform) === "darwin"
            ? ["launchctl", "kickstart", "-k", "system/org.nixos.nix-daemon"]
            : ["systemctl", "restart", "nix-daemon"];
        const [program, ...args] = command;
        // sudo resets PATH, so hand it the program this job's PATH finds.
        await (0,nix_command/* runChecked */.X4)(this.options.run, "sudo", ["-n", await findProgram(program, this.options.env), ...args]);
        await this.waitForSocket();
    }
    async waitForSocket() {
        const socket = daemonSocketPath(this.options.env);
        for (let attempt = 0; attempt < 100; attempt++) {
            if (await canAccess(socket, promises_.constants.F_OK))
                return;
            await (0,external_node_timers_promises_.setTimeout)(100);
        }
        throw new Error(`the Nix daemon did not come back after the restart (no ${socket})`);
    }
}
async function findProgram(name, env) {
    for (const dir of (env.PATH ?? "").split(external_node_path_.delimiter).filter((entry) => entry !== "")) {
        const candidate = (0,external_node_path_.join)(dir, name);
        if (await canAccess(candidate, promises_.constants.X_OK))
            return candidate;
    }
    return name;
}

;// CONCATENATED MODULE: ./src/setup/configure-nix.ts
/**
 * Makes later steps read the cache: substituters, their keys and netrc credentials, written where the job's Nix
 * will read them. How depends on the installation: the job's own NIX_CONFIG (through GITHUB_ENV) where Nix or a
 * trusting daemon honours it; otherwise a marked block in the system nix.conf through passwordless sudo, which
 * post removes again. Credentials go to a private netrc under RUNNER_TEMP, which post deletes. What post must
 * undo is recorded before it is done.
 */









/** Applies `config` for later steps. */
async function configureNixForLaterSteps(config, deps) {
    const { log } = deps;
    const usable = config.substituters.filter((substituter) => substituter.publicKeys.length > 0);
    for (const substituter of config.substituters.filter((s) => s.publicKeys.length === 0)) {
        log.notice(`No public key is known for ${substituter.url}, so Nix could not verify paths from it: it is not added as a ` +
            "substituter. Give `publicKey` (or `signingKey`).");
    }
    if (usable.length === 0 && config.netrc.length === 0)
        return { added: [], configured: true };
    const settings = await deps.nix.showConfig();
    const installation = await detectInstallation(deps.nix, settings, deps.env, deps.run);
    log.info(`Nix installation: ${installation.kind}: ${installation.reason}.`);
    const netrcFile = config.netrc.length === 0 ? undefined : netrcPath(deps.tempDir);
    const writeCredentials = async () => {
        if (netrcFile === undefined)
            return;
        await writeNetrc(netrcFile, (0,netrc/* mergeNetrc */.HJ)(await readNetrc(settings["netrc-file"]), config.netrc));
        log.info(`Credentials for ${config.netrc.map((entry) => entry.machine).join(", ")} written to ${netrcFile}.`);
    };
    const settingsToAdd = {
        substituters: usable.map((substituter) => substituter.url),
        trustedPublicKeys: [...new Set(usable.flatMap((substituter) => substituter.publicKeys))],
        netrcFile,
        fallback: config.fallback === true && usable.length > 0,
    };
    if (installation.kind !== "daemon-untrusted") {
        deps.recordUndo({ netrcFile });
        await writeCredentials();
        deps.runner.exportVariable("NIX_CONFIG", (0,nix_config/* mergeNixConfig */.KC)(deps.env.NIX_CONFIG, settingsToAdd));
        logAdded(log, usable, "NIX_CONFIG (for the steps after this one)");
        return { added: usable, configured: true };
    }
    const lines = (0,nix_config/* nixConfigLines */.BU)(settingsToAdd);
    const system = new SystemNixConfig({ run: deps.run, env: deps.env, tempDir: deps.tempDir });
    const sudoProblem = await system.sudoProblem();
    if (sudoProblem !== undefined) {
        log.warning(`The Nix daemon ignores the substituters of this user, who is not in its trusted-users, and ${sudoProblem}, ` +
            "so setup cannot configure the cache; the build goes on without it. Either add this user to " +
            `trusted-users in ${system.file}, or add these lines there; then restart nix-daemon:\n${lines.join("\n")}`);
        return { added: [], configured: false };
    }
    const systemChange = {
        file: system.file,
        // Written into the system nix.conf (a comment line): only digits from the environment.
        id: `${/^\d{1,20}$/.test(deps.env.GITHUB_RUN_ID ?? "") ? deps.env.GITHUB_RUN_ID : "local"}-${(0,external_node_crypto_.randomBytes)(4).toString("hex")}`,
    };
    deps.recordUndo({ netrcFile, systemChange });
    await writeCredentials();
    try {
        await system.apply(systemChange, lines);
    }
    catch (error) {
        throw new errors/* CacheError */.xA(`cannot configure the Nix daemon through ${system.file}: ${(0,errors/* describeError */.Uc)(error)}`, {
            cause: error,
        });
    }
    logAdded(log, usable, `${system.file} (with sudo; the daemon was restarted, and post removes these lines)`);
    return { added: usable, configured: true };
}
/**
 * Post: removes what setup wrote outside the job's own environment, the netrc (which holds tokens) first. Never
 * throws; trouble is a warning.
 */
async function undoNixConfig(done, deps) {
    if (done.netrcFile !== undefined)
        await (0,promises_.rm)(done.netrcFile, { force: true });
    if (done.systemChange !== undefined) {
        try {
            if (await new SystemNixConfig(deps).revert(done.systemChange)) {
                deps.log.info(`Removed our lines from ${done.systemChange.file} and restarted the Nix daemon.`);
            }
        }
        catch (error) {
            deps.log.warning(`Could not remove our lines from ${done.systemChange.file}: ${(0,errors/* describeError */.Uc)(error)}`);
        }
    }
}
function logAdded(log, added, where) {
    for (const substituter of added) {
        log.info(`Later steps substitute from ${substituter.url}, trusting ${substituter.publicKeys.join(" ")}: in ${where}.`);
    }
}
/** Where setup writes its netrc: in RUNNER_TEMP, which only this job's user can read. */
function netrcPath(tempDir) {
    const file = (0,external_node_path_.join)((0,scratch_dir/* scratchDir */.G)(tempDir), "netrc");
    const problem = (0,nix_config/* singleValueProblem */.z9)(file);
    if (problem !== undefined) {
        throw new errors/* CacheError */.xA(`the runner's temp dir cannot be named in Nix's configuration (netrc-file): ${problem}`);
    }
    return file;
}
/** The netrc Nix uses now, whose entries ours are merged into; pointing Nix at ours leaves it untouched. */
async function readNetrc(current) {
    return typeof current === "string" && current !== "" ? (0,promises_.readFile)(current, "utf8").catch(() => "") : "";
}
/** Writes the netrc readable by this user only; a write that fails removes what it began. */
async function writeNetrc(file, text) {
    try {
        await (0,promises_.mkdir)((0,external_node_path_.dirname)(file), { recursive: true, mode: 0o700 });
        await (0,promises_.writeFile)(file, text, { mode: 0o600 });
        // writeFile's mode applies only when it creates the file.
        await (0,promises_.chmod)(file, 0o600);
    }
    catch (error) {
        await (0,promises_.rm)(file, { force: true });
        throw error;
    }
}


/***/ })

};

//# sourceMappingURL=644.index.js.map