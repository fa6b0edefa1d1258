export const id = 569;
export const ids = [569];
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

/***/ 1987:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ky: () => (/* binding */ noProxyForLoopback),
/* harmony export */   QT: () => (/* binding */ proxyAgent)
/* harmony export */ });
/* unused harmony export bypassesProxy */
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7067);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_http__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4708);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_https__WEBPACK_IMPORTED_MODULE_1__);
/**
 * Proxies as the Actions toolkit (@actions/http-client) honours them, for every HTTP client of the action:
 * `https_proxy`/`HTTPS_PROXY` for https URLs, `http_proxy`/`HTTP_PROXY` for http ones, never for loopback hosts, and
 * not for a host `no_proxy`/`NO_PROXY` names (`*`, a host, `host:port`, a domain suffix, with or without a leading
 * dot). Self-hosted runners often reach the internet only through one. Node 24's agents do the tunnelling.
 */


const agents = new Map();
/** The agent a request to `url` goes through: a proxying one, or undefined for a direct connection. */
function proxyAgent(url, env = process.env) {
    const secure = url.protocol === "https:";
    const proxy = secure ? env.https_proxy || env.HTTPS_PROXY : env.http_proxy || env.HTTP_PROXY;
    if (!proxy || bypassesProxy(url, env))
        return undefined;
    const id = `${url.protocol}${proxy}`;
    let agent = agents.get(id);
    if (agent === undefined) {
        // The bypass is decided above, by the toolkit's rules: Node's agent is told of the proxy alone.
        const proxyEnv = secure ? { HTTPS_PROXY: proxy } : { HTTP_PROXY: proxy };
        agent = secure
            ? new node_https__WEBPACK_IMPORTED_MODULE_1__.Agent({ keepAlive: true, proxyEnv })
            : new node_http__WEBPACK_IMPORTED_MODULE_0__.Agent({ keepAlive: true, proxyEnv });
        agents.set(id, agent);
    }
    return agent;
}
/** Whether `url` is reached directly although a proxy is set: loopback, or named by NO_PROXY. */
function bypassesProxy(url, env = process.env) {
    const host = url.hostname.toLowerCase();
    if (host === "localhost" || host.startsWith("127.") || host === "[::1]" || host === "[0:0:0:0:0:0:0:1]") {
        return true;
    }
    const noProxy = env.no_proxy || env.NO_PROXY || "";
    const port = url.port || (url.protocol === "https:" ? "443" : "80");
    const names = [host, `${host}:${port}`];
    return noProxy
        .split(",")
        .map((item) => item.trim().toLowerCase())
        .filter((item) => item !== "")
        .some((item) => item === "*" ||
        names.some((name) => name === item || name.endsWith(`.${item}`) || (item.startsWith(".") && name.endsWith(item))));
}
/**
 * The `no_proxy` later steps need so that Nix's own downloads from a read server on 127.0.0.1 stay off the proxy:
 * curl, which Nix downloads with, sends even loopback requests through `http_proxy` or `all_proxy` unless
 * `no_proxy` (else `NO_PROXY`) names them. Undefined when no such proxy is set, or loopback is named already.
 */
function noProxyForLoopback(env) {
    if (!(env.http_proxy || env.all_proxy || env.ALL_PROXY))
        return undefined;
    // Read as the action's own requests read it (bypassesProxy), which later steps' processes of the action inherit.
    const items = (env.no_proxy || env.NO_PROXY || "")
        .split(",")
        .map((item) => item.trim())
        .filter((item) => item !== "");
    // Only these: curl before 7.86 reads no CIDR ranges.
    if (items.some((item) => item === "*" || item === "127.0.0.1"))
        return undefined;
    return [...items, "127.0.0.1"].join(",");
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
// EXTERNAL MODULE: ./src/net/proxy.ts
var proxy = __webpack_require__(1987);
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
    // A job's read server (127.0.0.1): curl, which Nix downloads with, would send Nix's requests to it through a proxy
    // the job has set. Only the job's own Nix downloads with the job's environment; a daemon has its own.
    const noProxy = usable.some((s) => /^http:\/\/127\.0\.0\.1[:/]/.test(s.url))
        ? (0,proxy/* noProxyForLoopback */.Ky)(deps.env)
        : undefined;
    if (noProxy !== undefined && installation.kind === "single-user") {
        deps.runner.exportVariable("no_proxy", noProxy);
        log.info("no_proxy now names 127.0.0.1 (for the steps after this one), so Nix reaches the read server directly.");
    }
    else if (noProxy !== undefined) {
        log.info("The job sets a proxy; the Nix daemon downloads with its own environment: if that has a proxy, its no_proxy " +
            "must name 127.0.0.1 for the daemon to reach the read server.");
    }
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

//# sourceMappingURL=569.index.js.map