export const id = 921;
export const ids = [921,804];
export const modules = {

/***/ 9921:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  ActionsCache: () => (/* binding */ ActionsCache)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(3136);
// EXTERNAL MODULE: ./src/lib/bytes.ts
var bytes = __webpack_require__(9792);
// EXTERNAL MODULE: ./src/lib/cache-info.ts
var cache_info = __webpack_require__(8770);
// EXTERNAL MODULE: ./src/lib/errors.ts
var errors = __webpack_require__(7268);
// EXTERNAL MODULE: ./src/lib/scratch-dir.ts
var scratch_dir = __webpack_require__(9807);
// EXTERNAL MODULE: ./src/lib/signing.ts
var signing = __webpack_require__(8920);
// EXTERNAL MODULE: ./src/lib/store-path.ts
var store_path = __webpack_require__(6056);
// EXTERNAL MODULE: ./src/nix/cache-url.ts
var cache_url = __webpack_require__(7197);
// EXTERNAL MODULE: ./src/nix/store.ts + 1 modules
var store = __webpack_require__(9518);
// EXTERNAL MODULE: ./src/cache/file/file-cache.ts
var file_cache = __webpack_require__(7804);
// EXTERNAL MODULE: ./src/lib/narinfo.ts
var narinfo = __webpack_require__(2082);
;// CONCATENATED MODULE: ./src/cache/actions-cache/contents.ts
/**
 * What a binary cache directory restored from an entry holds, checked as a whole: every narinfo parsed strictly,
 * its NAR present with the size it names, its signatures well-formed. The one rule for taking paths out — when
 * one goes, so does every path that refers to it — keeps a narinfo from ever outliving its NAR or its references.
 */






const NARINFO_NAME = /^([0-9a-z]{32})\.narinfo$/;
/** Reads and checks every narinfo of the cache directory `dir`. */
async function scanCache(dir, storeDir) {
    const nars = new Map();
    for (const name of await (0,promises_.readdir)((0,external_node_path_.join)(dir, "nar")).catch(() => [])) {
        const info = await (0,promises_.stat)((0,external_node_path_.join)(dir, "nar", name));
        if (info.isFile() && !name.endsWith(".tmp"))
            nars.set(`nar/${name}`, info.size);
    }
    const paths = new Map();
    const rejected = [];
    for (const name of await (0,promises_.readdir)(dir)) {
        const hashPart = NARINFO_NAME.exec(name)?.[1];
        if (hashPart === undefined)
            continue;
        const text = await (0,promises_.readFile)((0,external_node_path_.join)(dir, name), "utf8");
        const checked = checkNarInfo(text, hashPart, storeDir, nars);
        if (typeof checked === "string")
            rejected.push({ hashPart, reason: checked });
        else
            paths.set(hashPart, { hashPart, info: checked, size: Buffer.byteLength(text) });
    }
    return { paths, rejected, nars };
}
/** The parsed narinfo, or why it cannot be served. */
function checkNarInfo(text, hashPart, storeDir, nars) {
    let info;
    try {
        info = (0,narinfo/* parseNarInfo */.Ne)(text, storeDir);
    }
    catch (error) {
        return (0,errors/* describeError */.Uc)(error);
    }
    if ((0,store_path/* hashPartOf */.bV)(info.storePath) !== hashPart)
        return `it describes another path, ${info.storePath}`;
    // Only a file directly under nar/ will do: a URL must never lead out of the cache directory.
    const narSize = nars.get(info.url);
    if (narSize === undefined)
        return `its NAR ${JSON.stringify(info.url)} is not a file under nar/`;
    if (narSize !== info.fileSize)
        return `its NAR ${info.url} has ${narSize} bytes, not ${info.fileSize}`;
    // Nix 2.8 aborts a whole substitution on a malformed signature under a trusted key's name.
    if (!info.sigs.every((sig) => (0,signing/* parseSignature */.uT)(sig) !== undefined))
        return "it carries a malformed signature";
    return info;
}
function referrerIndex(paths) {
    const referrers = new Map();
    for (const [hashPart, path] of paths) {
        for (const reference of path.info.references) {
            const target = (0,store_path/* hashPartOf */.bV)(reference);
            if (target === hashPart)
                continue;
            const list = referrers.get(target);
            if (list === undefined)
                referrers.set(target, [hashPart]);
            else
                list.push(hashPart);
        }
    }
    return referrers;
}
/** `roots` and every path that refers to one of them, directly or through others. */
function withReferrers(index, roots) {
    const result = new Set();
    const queue = [...roots];
    for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
        if (result.has(next))
            continue;
        result.add(next);
        queue.push(...(index.get(next) ?? []));
    }
    return result;
}
/**
 * Deletes every narinfo not in `keep` (the rejected ones too), then every NAR and leftover temporary file that
 * no kept narinfo uses. The order among deletions does not matter: the directory is only read by Nix after setup
 * and only published by the save at the end of post, each after this has finished.
 */
async function sweep(dir, scan, keep) {
    const used = new Set();
    for (const [hashPart, path] of scan.paths)
        if (keep.has(hashPart))
            used.add(path.info.url);
    for (const name of await (0,promises_.readdir)(dir)) {
        const hashPart = NARINFO_NAME.exec(name)?.[1];
        if ((hashPart !== undefined && !keep.has(hashPart)) || name.endsWith(".tmp")) {
            await (0,promises_.rm)((0,external_node_path_.join)(dir, name), { force: true });
        }
    }
    for (const name of await (0,promises_.readdir)((0,external_node_path_.join)(dir, "nar")).catch(() => [])) {
        if (!used.has(`nar/${name}`))
            await (0,promises_.rm)((0,external_node_path_.join)(dir, "nar", name), { force: true });
    }
}

// EXTERNAL MODULE: ./src/cache/file/atomic-files.ts
var atomic_files = __webpack_require__(4422);
;// CONCATENATED MODULE: ./src/cache/actions-cache/trust.ts
/**
 * Signatures on the restored cache: with the user's key, only narinfos it signed are served; without one, they are
 * signed afresh with a key made for this job alone (never written anywhere), so Nix keeps checking signatures and
 * accepts exactly what the entry held when setup looked (see the README's trust section).
 */





/** Names of the keys made per job; signatures under such names are dropped from restored narinfos, never trusted. */
const JOB_KEY_PREFIX = "nix-binary-cache-action-job-";
/** A key made for one step; its secret half exists only in this process's memory. */
function newJobKey() {
    return (0,signing/* signingKeyFromSeed */.Cx)(`${JOB_KEY_PREFIX}${(0,external_node_crypto_.randomBytes)(6).toString("hex")}-1`, (0,external_node_crypto_.randomBytes)(32));
}
/** Whether one of the narinfo's signatures is a valid one by `key` (looked up by name, then verified). */
function signatureChecker(key) {
    return (info) => (0,signing/* hasValidSignature */.nk)(info.sigs, () => fingerprint(info), [key]);
}
/**
 * Rewrites every narinfo with the job key's signature in place of those of earlier jobs' keys (other signatures,
 * e.g. upstream ones, stay), so that signatures do not pile up from one saved entry to the next.
 */
function signForThisJob(dir, paths, jobKey) {
    for (const path of paths) {
        const kept = path.info.sigs.filter((sig) => !sig.startsWith(JOB_KEY_PREFIX));
        const sigs = [...kept, (0,signing/* signFingerprint */._s)(fingerprint(path.info), jobKey)];
        (0,atomic_files/* writeAtomically */.vK)((0,external_node_path_.join)(dir, `${path.hashPart}.narinfo`), (0,narinfo/* renderNarInfo */.AW)({ ...path.info, sigs }));
    }
}
function fingerprint(info) {
    return (0,narinfo/* narInfoFingerprint */.og)(info.storePath, info.narHash, info.narSize, info.references);
}

;// CONCATENATED MODULE: ./src/cache/actions-cache/audit.ts
/**
 * What setup makes of a restored binary cache before Nix is pointed at it: unusable narinfos (unreadable, NAR
 * missing, or — with a key configured — not validly signed by it) are dropped with every path that refers to
 * them, and the rest is signed for this job when no key is configured.
 */


const EXAMPLES = 5;
async function auditRestoredCache(dir, storeDir, trust, log) {
    const scan = await scanCache(dir, storeDir);
    const reasons = new Map();
    for (const rejection of scan.rejected)
        reasons.set(rejection.hashPart, rejection.reason);
    if (trust.kind === "key") {
        const signed = signatureChecker(trust.publicKey);
        for (const [hashPart, path] of scan.paths) {
            if (!signed(path.info)) {
                reasons.set(hashPart, `not validly signed by ${trust.publicKey.name} (tampered with, or signed by another key)`);
            }
        }
    }
    const dropped = withReferrers(referrerIndex(scan.paths), reasons.keys());
    const keep = new Set([...scan.paths.keys()].filter((hashPart) => !dropped.has(hashPart)));
    await sweep(dir, scan, keep);
    if (trust.kind === "job-key") {
        const paths = [...keep].flatMap((hashPart) => scan.paths.get(hashPart) ?? []);
        signForThisJob(dir, paths, trust.jobKey);
    }
    if (dropped.size > 0) {
        const name = (hashPart) => scan.paths.get(hashPart)?.info.storePath ?? `${hashPart}.narinfo`;
        const examples = [...dropped].slice(0, EXAMPLES).map((hashPart) => {
            const reason = reasons.get(hashPart) ?? "it refers to a dropped path";
            return `${name(hashPart)}: ${reason}`;
        });
        const more = dropped.size > EXAMPLES ? `; and ${dropped.size - EXAMPLES} more` : "";
        log.warning(`Dropped ${dropped.size} of ${dropped.size + keep.size} paths restored from the GitHub Actions cache, so ` +
            `Nix will not substitute them from it (they are rebuilt or fetched elsewhere, then pushed again): ` +
            `${examples.join("; ")}${more}.`);
    }
    return { kept: keep.size, dropped: dropped.size };
}

;// CONCATENATED MODULE: ./src/cache/actions-cache/keys.ts
/** Names of the Actions cache entries that hold the binary cache, and the one path string they are saved under. */

/**
 * The path @actions/cache packs and unpacks, relative to GITHUB_WORKSPACE: it hashes the path string into the
 * entry's version, so the string must be the same on every runner, and tar stores it as a plain relative name. The
 * directory is there only during a restore or save; it lives in RUNNER_TEMP otherwise.
 */
const ARCHIVE_DIR = ".nix-binary-cache-action";
/** Bumped when the layout inside an entry changes, so that old entries are never restored into a new layout. */
const LAYOUT = "nix-binary-cache-action-v1";
/** Keys may be up to 512 characters; the part of the key that comes from inputs is hashed beyond this. */
const MAX_SCOPE_PART = 200;
/**
 * Key prefixes of the job's entries: `<layout>/<RUNNER_OS>-<RUNNER_ARCH>/job=<GITHUB_JOB>/key=<cacheKey>/`. Each
 * part is URI-encoded and ends with '/', so one job's prefix never matches another's entries (`build` against
 * `build-docs`, a cacheKey `a` against `a/b`).
 */
function entryKeys(env, cacheKey) {
    const platform = `${LAYOUT}/${part(env.RUNNER_OS || "unknown-os")}-${part(env.RUNNER_ARCH || "unknown-arch")}/`;
    return { platform, job: `${platform}job=${part(env.GITHUB_JOB ?? "")}/key=${part(cacheKey)}/` };
}
/**
 * A new entry's key: entries cannot be overwritten, so each save gets its own, unique even for two legs of a
 * matrix that share a job and a `cacheKey`; restoring takes the newest entry under the prefix.
 */
function newEntryKey(keys, env, now, nonce) {
    const run = `${part(env.GITHUB_RUN_ID ?? "0")}.${part(env.GITHUB_RUN_ATTEMPT ?? "1")}`;
    return `${keys.job}run=${run}-${now.toISOString().replace(/[-:.]/g, "")}-${nonce}`;
}
function part(text) {
    const encoded = encodeURIComponent(text);
    if (encoded.length <= MAX_SCOPE_PART)
        return encoded;
    return `sha256-${(0,external_node_crypto_.createHash)("sha256").update(text).digest("hex")}`;
}

;// CONCATENATED MODULE: ./src/cache/actions-cache/usage.ts
/**
 * When each cached path was last used — built or substituted by a run — kept in a file beside the binary cache
 * (not in it: Nix never reads it), and the least-recently-used pruning that keeps the cache under its size limit.
 */



const USAGE_FILE = "usage.json";
/** A save that only refreshes usage data is worth it after this long; sooner, usage changes ride along. */
const USAGE_REFRESH_MS = 3 * 24 * 60 * 60 * 1000;
/** The usage data of a restored entry; none (everything counts as just used) when it is missing or unreadable. */
async function readUsage(file) {
    try {
        const data = JSON.parse(await (0,promises_.readFile)(file, "utf8"));
        if (data.version !== 1 || !Number.isFinite(data.savedAt))
            return { lastUsed: new Map() };
        const lastUsed = new Map(Object.entries(data.lastUsed).filter(([, time]) => Number.isFinite(time)));
        return { savedAt: data.savedAt, lastUsed };
    }
    catch {
        return { lastUsed: new Map() };
    }
}
/** Writes the usage of the paths the cache keeps, stamped `now`. */
async function writeUsage(file, usage, keep, now) {
    const lastUsed = {};
    for (const hashPart of [...keep].sort())
        lastUsed[hashPart] = usage.lastUsed.get(hashPart) ?? now;
    const data = { version: 1, savedAt: now, lastUsed };
    (0,atomic_files/* writeAtomically */.vK)(file, `${JSON.stringify(data)}\n`);
}
/**
 * Chooses what to drop to fit `limit` bytes: least recently used first (paths without a record count as used
 * `now`), the bigger first among equals, and with each path every path that refers to it — which was used no
 * more recently, since using a path means having its whole closure.
 */
function choosePruning(scan, usage, limit, now) {
    const narUsers = new Map();
    let total = 0;
    for (const path of scan.paths.values()) {
        total += path.size;
        const users = narUsers.get(path.info.url) ?? 0;
        if (users === 0)
            total += scan.nars.get(path.info.url) ?? 0;
        narUsers.set(path.info.url, users + 1);
    }
    const before = total;
    const remove = new Set();
    if (total <= limit)
        return { remove, before, after: total };
    const lastUsed = (hashPart) => usage.lastUsed.get(hashPart) ?? now;
    const weight = (hashPart) => scan.nars.get(scan.paths.get(hashPart)?.info.url ?? "") ?? 0;
    const order = [...scan.paths.keys()].sort((a, b) => lastUsed(a) - lastUsed(b) || weight(b) - weight(a) || (a < b ? -1 : 1));
    const index = referrerIndex(scan.paths);
    for (const candidate of order) {
        if (total <= limit)
            break;
        if (remove.has(candidate))
            continue;
        for (const hashPart of withReferrers(index, [candidate])) {
            const path = scan.paths.get(hashPart);
            if (path === undefined || remove.has(hashPart))
                continue;
            remove.add(hashPart);
            total -= path.size;
            const users = (narUsers.get(path.info.url) ?? 1) - 1;
            narUsers.set(path.info.url, users);
            if (users === 0)
                total -= scan.nars.get(path.info.url) ?? 0;
        }
    }
    return { remove, before, after: total };
}

;// CONCATENATED MODULE: ./src/cache/actions-cache/location.ts
/** Moving the cache between the workspace (where @actions/cache packs and unpacks it) and RUNNER_TEMP. */




/** What an entry holds: the binary cache and the usage file beside it (see usage.ts). */
const ENTRY_NAMES = new Set(["cache", USAGE_FILE]);
/** Moves a directory in one rename when it stays on one disk, else copies it and removes the original. */
async function moveDir(from, to) {
    try {
        await (0,promises_.rename)(from, to);
    }
    catch (error) {
        if (error.code !== "EXDEV")
            throw error;
        await (0,promises_.cp)(from, to, { recursive: true, verbatimSymlinks: true });
        await (0,promises_.rm)(from, { recursive: true, force: true });
    }
}
/**
 * Makes sure nothing is at `stage` before @actions/cache unpacks or packs there. What a killed earlier run of this
 * action left (a self-hosted runner keeps its workspace) is removed; anything else is not ours to delete.
 */
async function clearStage(stage) {
    let names;
    try {
        names = await (0,promises_.readdir)(stage);
    }
    catch (error) {
        if (error.code === "ENOENT")
            return;
        throw new errors/* CacheError */.xA(`cannot use ${stage}: ${(0,errors/* describeError */.Uc)(error)}`, { cause: error });
    }
    if (!names.every((name) => ENTRY_NAMES.has(name) || (0,atomic_files/* isTemporaryOf */.rr)(name, USAGE_FILE))) {
        throw new errors/* CacheError */.xA(`${stage} exists and was not made by this action; move it away so that the cache can be unpacked there`);
    }
    await (0,promises_.rm)(stage, { recursive: true, force: true });
}

;// CONCATENATED MODULE: ./src/cache/actions-cache/refresh.ts
/**
 * Post's bookkeeping before a save: record what this run used, prune to the size limit, and decide whether the
 * entry changed enough to be saved again — paths pushed, pruned or dropped, or usage data grown old.
 */



/** Updates `<root>/cache` and `<root>/usage.json` in place; the usage file is rewritten only for a save. */
async function refreshCache(root, options) {
    const dir = (0,external_node_path_.join)(root, "cache");
    const usageFile = (0,external_node_path_.join)(root, USAGE_FILE);
    const usage = await readUsage(usageFile);
    const scan = await scanCache(dir, options.storeDir);
    for (const hashPart of scan.paths.keys()) {
        if (options.pushed.has(hashPart) || options.inStore.has(hashPart))
            usage.lastUsed.set(hashPart, options.now);
    }
    const pruning = choosePruning(scan, usage, options.sizeLimit, options.now);
    const keep = new Set([...scan.paths.keys()].filter((hashPart) => !pruning.remove.has(hashPart)));
    await sweep(dir, scan, keep);
    const reasons = [
        options.pushed.size > 0 ? `${options.pushed.size} paths pushed` : "",
        pruning.remove.size > 0
            ? `${pruning.remove.size} least recently used paths pruned to fit the size limit`
            : "",
        options.droppedInSetup > 0 ? `${options.droppedInSetup} unusable paths dropped in setup` : "",
    ].filter((reason) => reason !== "");
    const stale = usage.savedAt === undefined || options.now - usage.savedAt >= USAGE_REFRESH_MS;
    if (reasons.length === 0 && stale && options.restored && keep.size > 0) {
        reasons.push("the usage data was more than 3 days old");
    }
    if (reasons.length > 0)
        await writeUsage(usageFile, usage, keep, options.now);
    return { reasons, paths: keep.size, bytes: pruning.after };
}

// EXTERNAL MODULE: ./node_modules/@actions/cache/lib/cache.js + 340 modules
var cache = __webpack_require__(1691);
;// CONCATENATED MODULE: ./src/cache/actions-cache/service.ts
/**
 * The GitHub Actions cache service through the real @actions/cache, the only module that imports it: at most one
 * restore and one save per job, never retried by us. @actions/cache reports a failed restore only as an annotation
 * it prints, which looks like a miss; those lines are taken off stdout while a call runs and returned as its
 * problems, because saving after a failed restore would shadow the newest entry with a poorer one.
 */ 



const TIMED_OUT = Symbol("timed out");
const STOPPED = Symbol("stopped");
const RATE_LIMITED = /\(429\)|Rate limited|hit a rate limit/i;
/** Why the job cannot use the service through @actions/cache, from the variables the runner set. */
function unavailable(env) {
    if (!cache/* isFeatureAvailable */.w3()) {
        return ("the GitHub Actions cache service is not available to this job (the runner set neither ACTIONS_RESULTS_URL " +
            "nor ACTIONS_CACHE_URL: not a GitHub-hosted run, or a GitHub Enterprise Server without Actions cache)");
    }
    const mode = cacheMode(env);
    // Saving without restoring first would replace the job's entry with one holding only this job's paths.
    if (mode === "none" || mode === "write-only") {
        return `the job's cache mode is '${mode}' (ACTIONS_CACHE_MODE): this action needs to read the cache to extend it`;
    }
    return undefined;
}
function cacheMode(env) {
    return (env.ACTIONS_CACHE_MODE ?? "").trim().toLowerCase();
}
/**
 * The service through @actions/cache, run with the workspace as the working directory (see ARCHIVE_DIR). A call
 * that has not finished after `deadlineMs` is given up: setup and post go on, and its outcome says so.
 */
function actionsCacheService(env, workspace, deadlineMs) {
    return {
        unavailable: () => unavailable(env),
        writable: () => cacheMode(env) !== "read",
        restore: (path, prefixes) => intercepting(workspace, deadlineMs, undefined, async () => {
            const [primary = "", ...rest] = prefixes;
            // The primary key is listed again as a restore key: matched by prefix either way, whatever the service.
            const key = await cache/* restoreCache */.P3([path], primary, [primary, ...rest]);
            return key === undefined ? { kind: "miss" } : { kind: "hit", key };
        }),
        save: (path, key, stop) => removingLeftovers(env.RUNNER_TEMP, () => intercepting(workspace, deadlineMs, stop, async () => {
            const id = await cache/* saveCache */.Io([path], key);
            return id === -1 ? { kind: "failed", problem: "", rateLimited: false } : { kind: "saved" };
        })),
    };
}
/**
 * Runs a call with stdout's warning and error annotations held back: a miss that comes with one is a failure,
 * whose outcome carries their text; after a hit or a save they are let through as they were. Other output (progress, `::add-mask::` for signed
 * URLs) passes untouched.
 */
async function intercepting(workspace, deadlineMs, stop, call) {
    const held = [];
    const notes = [];
    let rateLimited = false;
    const write = process.stdout.write;
    const previousDir = process.cwd();
    process.stdout.write = ((chunk, ...rest) => {
        const text = typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
        // A 429 on CreateCacheEntry surfaces only in debug lines (and a warning when Retry-After is sent).
        if (RATE_LIMITED.test(text))
            rateLimited = true;
        if (/^::(?:warning|error)\b/.test(text)) {
            held.push(text);
            return true;
        }
        if (/^Failed to (?:save|restore)\b/.test(text))
            notes.push(text.trim());
        return write.call(process.stdout, chunk, ...rest);
    });
    let timer;
    let outcome;
    try {
        // @actions/glob resolves the relative path against the working directory, which the runner sets to the
        // workspace, and tar against GITHUB_WORKSPACE: make sure both agree.
        process.chdir(workspace);
        const running = call();
        const deadline = new Promise((resolve) => {
            timer = setTimeout(() => resolve(TIMED_OUT), deadlineMs);
        });
        const stopped = new Promise((resolve) => {
            if (stop?.aborted)
                resolve(STOPPED);
            stop?.addEventListener("abort", () => resolve(STOPPED), { once: true });
        });
        const result = await Promise.race([running, deadline, stopped]);
        if (result === STOPPED) {
            running.catch(() => { });
            return { kind: "stopped" };
        }
        outcome =
            result !== TIMED_OUT
                ? result
                : {
                    kind: "failed",
                    problem: `no answer within ${Math.round(deadlineMs / 1000)} s`,
                    rateLimited: false,
                    abandoned: running.then(() => undefined, () => undefined),
                };
    }
    catch (error) {
        const problem = (0,errors/* describeError */.Uc)(error);
        outcome = { kind: "failed", problem, rateLimited: false };
    }
    finally {
        clearTimeout(timer);
        process.stdout.write = write;
        process.chdir(previousDir);
    }
    if (outcome.kind === "hit" || outcome.kind === "saved") {
        for (const line of held)
            process.stdout.write(line);
        return outcome;
    }
    // A "miss" that came with a warning was a failure that @actions/cache swallowed.
    if (outcome.kind === "miss" && held.length === 0)
        return outcome;
    const own = outcome.kind === "failed" ? [outcome.problem] : [];
    const problems = [...held.map(annotationMessage), ...notes, ...own].filter((text) => text !== "");
    const problem = problems.length > 0 ? problems.join("; ") : "not saved (see @actions/cache's message above)";
    const abandoned = outcome.kind === "failed" ? outcome.abandoned : undefined;
    return { kind: "failed", problem, rateLimited: rateLimited || RATE_LIMITED.test(problem), abandoned };
}
/** The name @actions/cache gives its temporary directory in RUNNER_TEMP (a random UUID), where it packs an entry. */
const PACKING_DIR = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/**
 * Runs a save; when the step is stopped during it, removes the directory @actions/cache was packing the entry in
 * (new in RUNNER_TEMP since the call began): given up, it would stay there until the runner empties RUNNER_TEMP.
 */
async function removingLeftovers(runnerTemp, call) {
    const list = async () => (runnerTemp === undefined ? [] : (0,promises_.readdir)(runnerTemp).catch(() => []));
    const before = new Set(await list());
    const outcome = await call();
    if (outcome.kind === "stopped" && runnerTemp !== undefined) {
        const added = (await list()).filter((name) => !before.has(name) && PACKING_DIR.test(name));
        await Promise.all(added.map((name) => (0,promises_.rm)((0,external_node_path_.join)(runnerTemp, name), { recursive: true, force: true })));
    }
    return outcome;
}
/** The message of a `::warning props::message` line, unescaped as the runner does. */
function annotationMessage(line) {
    const message = /^::[a-z]+(?: [^:]*)?::(.*)$/s.exec(line.trimEnd())?.[1] ?? line;
    return message.replace(/%0D/gi, "\r").replace(/%0A/gi, "\n").replace(/%25/g, "%");
}
/** What a failed restore or save means for the job, in words for a warning. */
function describeFailure(what, outcome) {
    const consequence = what === "restore"
        ? "this job neither reads nor saves the cache"
        : "the paths pushed in this job are not kept; the next job restores the previous entry";
    const rateLimit = outcome.rateLimited
        ? "The cache service is rate-limiting this repository (HTTP 429). @actions/cache does not retry that, and " +
            "neither does this action, so "
        : "So ";
    const done = what === "restore" ? "restored" : "saved";
    return `the GitHub Actions cache could not be ${done} (${outcome.problem}). ${rateLimit}${consequence}`;
}

;// CONCATENATED MODULE: ./src/cache/actions-cache/settings.ts
/** `value` as this version's hand-over, or undefined when it is none (a setup of another version, no restore). */
function asActionsCacheHandOver(value) {
    const handOver = value;
    if (handOver?.kind !== "actions-cache" || handOver.version !== 1)
        return undefined;
    if (typeof handOver.root !== "string" || typeof handOver.storeDir !== "string")
        return undefined;
    if (typeof handOver.dropped !== "number")
        return undefined;
    return handOver;
}

;// CONCATENATED MODULE: ./src/cache/actions-cache/actions-cache.ts
/**
 * The GitHub Actions cache as a Nix binary cache, with no account and no secret. Setup restores the newest entry of
 * this OS/arch and job (else of this OS/arch) — a binary cache directory — into RUNNER_TEMP, checks it and adds it
 * as a file:// substituter. Post pushes the new paths into that directory through the same pipeline as any
 * file:// cache, prunes it to `cacheSizeLimit`, and saves it as a new entry only when something changed. Two
 * calls to the cache service per job, however many paths: one restore, at most one save.
 */




















/** How long one restore or save may take before the job goes on without it. */
const SERVICE_DEADLINE_MS = 10 * 60_000;
class ActionsCache {
    settings;
    context;
    description = "the GitHub Actions cache";
    workspace;
    service;
    now;
    storeHashParts;
    handOver;
    files;
    constructor(settings, context, options = {}) {
        this.settings = settings;
        this.context = context;
        this.workspace = context.env.GITHUB_WORKSPACE || process.cwd();
        this.service = options.service ?? actionsCacheService(context.env, this.workspace, SERVICE_DEADLINE_MS);
        this.now = options.now ?? Date.now;
        this.storeHashParts = options.storeHashParts ?? storeHashParts;
        this.handOver = asActionsCacheHandOver(options.handOver);
        if (this.handOver !== undefined)
            this.files = this.fileCacheAt((0,external_node_path_.join)(this.handOver.root, "cache"));
    }
    /** A restore downloads the whole entry: setup's default limit for a cache's answer is far too short for it. */
    setupTimeoutMs = SERVICE_DEADLINE_MS;
    async prepareRead(storeDir, _signal) {
        const problem = this.service.unavailable();
        if (problem !== undefined)
            throw new errors/* CacheError */.xA(problem);
        const root = (0,external_node_path_.join)((0,scratch_dir/* scratchDir */.G)(this.context.tempDir), `actions-cache-${process.pid}`);
        // The restored cache is a file:// substituter under RUNNER_TEMP: its path must read alike in every Nix.
        const location = (0,external_node_url_.pathToFileURL)((0,external_node_path_.join)(root, "cache"));
        const unreadable = (0,cache_url/* urlPathProblem */.SC)(location);
        if (unreadable !== undefined) {
            throw new errors/* CacheError */.xA(`the runner's temp dir cannot hold a cache Nix reads (${location.pathname}): ${unreadable}`);
        }
        await (0,promises_.rm)(root, { recursive: true, force: true });
        const restoredKey = await this.restore(root);
        const dir = (0,external_node_path_.join)(root, "cache");
        await this.ensureStoreDir(dir, storeDir);
        // With a key, the cache must carry its signatures; without one, this job's own key signs what was restored.
        const publicKey = this.settings.publicKey;
        const trust = publicKey === undefined ? { kind: "job-key", jobKey: newJobKey() } : { kind: "key", publicKey };
        const audit = await auditRestoredCache(dir, storeDir, trust, this.context.log);
        this.files = this.fileCacheAt(dir);
        this.context.log.info(restoredKey === undefined
            ? "No cache entry for this job yet: starting an empty binary cache."
            : `Restored ${restoredKey}: ${audit.kept} paths for Nix to substitute.`);
        const canPush = this.service.writable();
        if (!canPush)
            this.context.log.info("ACTIONS_CACHE_MODE=read: this job reads the cache and saves nothing.");
        const trusted = trust.kind === "key" ? trust.publicKey : trust.jobKey.publicKey;
        return {
            substituters: [{ url: (0,cache_url/* substituterUrl */.gC)(location), publicKeys: [(0,signing/* formatPublicKey */.et)(trusted)] }],
            netrc: [],
            canPush,
            // Without keys, narinfos are pushed unsigned and signed by the next job's setup as it serves them to Nix.
            serverSigned: trust.kind === "job-key",
            handOver: { kind: "actions-cache", version: 1, root, storeDir, restoredKey, dropped: audit.dropped },
        };
    }
    async openForPush(storeDir, _signal) {
        await this.fileCache().openForPush(storeDir);
    }
    async findCached(hashParts, _signal) {
        return this.fileCache().findCached(hashParts);
    }
    async putNar(nar, signal) {
        await this.fileCache().putNar(nar, signal);
    }
    async putNarInfo(hashPart, narInfo, signal) {
        await this.fileCache().putNarInfo(hashPart, narInfo, signal);
    }
    /**
     * End of post: record usage, prune, and save a new entry if anything changed. A stopped step saves nothing: an
     * entry takes seconds to pack and upload, and the next job restores the one before.
     */
    async close(result, stop) {
        const { env, log } = this.context;
        const handOver = this.handOver;
        // A job whose cache mode is read (ACTIONS_CACHE_MODE) may not save, whatever post did.
        if (handOver === undefined || !result.pushing || !this.service.writable())
            return;
        if (stop.aborted) {
            log.info("The step was stopped: no new cache entry is saved.");
            return;
        }
        const now = this.now();
        const refresh = await refreshCache(handOver.root, {
            storeDir: handOver.storeDir,
            pushed: result.published,
            inStore: await this.storeHashParts(handOver.storeDir),
            sizeLimit: this.settings.sizeLimit,
            now,
            droppedInSetup: handOver.dropped,
            restored: handOver.restoredKey !== undefined,
        });
        if (refresh.reasons.length === 0) {
            log.info("The cache is unchanged (nothing pushed, pruned or dropped): no new cache entry is saved.");
            return;
        }
        const nonce = (0,external_node_crypto_.randomBytes)(3).toString("hex");
        const key = newEntryKey(entryKeys(env, this.settings.key), env, new Date(now), nonce);
        const outcome = await this.save(handOver.root, key, stop);
        if (outcome.kind === "stopped") {
            log.info("The step was stopped while the cache entry was being saved: it is not saved.");
            return;
        }
        if (outcome.kind === "failed")
            throw new errors/* CacheError */.xA(describeFailure("save", outcome));
        const size = `${refresh.paths} paths, ${(0,bytes/* formatBytes */.z)(refresh.bytes)}`;
        log.info(`Saved ${key}: ${size} (${refresh.reasons.join("; ")}).`);
    }
    /** Restores the newest entry into `root`; undefined on a miss; CacheError when the service failed. */
    async restore(root) {
        const stage = (0,external_node_path_.join)(this.workspace, ARCHIVE_DIR);
        await clearStage(stage);
        const keys = entryKeys(this.context.env, this.settings.key);
        const outcome = await this.service.restore(ARCHIVE_DIR, [keys.job, keys.platform]);
        if (outcome.kind === "failed") {
            await (0,promises_.rm)(stage, { recursive: true, force: true });
            // A restore given up at its deadline may still unpack later: clean up after it then.
            void outcome.abandoned?.then(() => (0,promises_.rm)(stage, { recursive: true, force: true }));
            throw new errors/* CacheError */.xA(describeFailure("restore", outcome));
        }
        await (0,promises_.mkdir)((0,external_node_path_.dirname)(root), { recursive: true });
        if (outcome.kind === "hit") {
            await moveDir(stage, root).catch((error) => {
                // An entry without the directory (not one of ours after all) leaves nothing to move: an empty cache.
                if (error.code !== "ENOENT")
                    throw new errors/* CacheError */.xA(`cannot move the restored cache: ${(0,errors/* describeError */.Uc)(error)}`);
            });
        }
        await (0,promises_.mkdir)(root, { recursive: true });
        return outcome.kind === "hit" ? outcome.key : undefined;
    }
    /** Saves `root` as entry `key` from the workspace, and moves it back out whatever happens. */
    async save(root, key, stop) {
        const stage = (0,external_node_path_.join)(this.workspace, ARCHIVE_DIR);
        await clearStage(stage);
        await moveDir(root, stage);
        try {
            return await this.service.save(ARCHIVE_DIR, key, stop);
        }
        finally {
            await moveDir(stage, root);
        }
    }
    /** A cache made for another store directory is of no use here: it is emptied. */
    async ensureStoreDir(dir, storeDir) {
        const infoFile = (0,external_node_path_.join)(dir, "nix-cache-info");
        const text = await (0,promises_.readFile)(infoFile, "utf8").catch(() => undefined);
        const cachedFor = text === undefined ? undefined : (0,cache_info/* parseCacheInfoStoreDir */.GZ)(text);
        if (text !== undefined && cachedFor === storeDir)
            return;
        if (text !== undefined) {
            this.context.log.warning(`The restored cache is for ${cachedFor ?? "an unknown store"}, not ${storeDir}: it is not used.`);
        }
        await (0,promises_.rm)(dir, { recursive: true, force: true });
        await this.fileCacheAt(dir).openForPush(storeDir);
    }
    /** The restored binary cache, trusted under the key its substituter is added with. */
    fileCacheAt(dir) {
        return new file_cache.FileCache({ url: (0,external_node_url_.pathToFileURL)(dir), publicKey: this.settings.publicKey });
    }
    fileCache() {
        if (this.files === undefined)
            throw new errors/* CacheError */.xA("the GitHub Actions cache was not restored in setup");
        return this.files;
    }
}
/** Hash parts of what the local store holds now: what this run built or substituted counts as used. */
async function storeHashParts(storeDir) {
    return new Set((await (0,store/* listStorePaths */.KH)(storeDir)).map(store_path/* hashPartOf */.bV));
}


/***/ }),

/***/ 4422:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   l5: () => (/* binding */ temporaryPath),
/* harmony export */   rr: () => (/* binding */ isTemporaryOf),
/* harmony export */   vK: () => (/* binding */ writeAtomically)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/** Files readers never see half-written: written beside their place under a temporary name, then renamed. */

/** Where a file is written before it is renamed over `path`: beside it, unique to this process and call. */
function temporaryPath(path) {
    return `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
}
/** Whether directory entry `name` is a temporaryPath of `base` in the same directory, left by a killed step. */
function isTemporaryOf(name, base) {
    return name.startsWith(`${base}.`) && /^\.\d+\.[a-z0-9]*\.tmp$/.test(name.slice(base.length));
}
/**
 * Readers never see a half-written file: write beside the target, then rename over it. Synchronous on purpose: these
 * are small files on a local disk, and a round trip through libuv's thread pool costs more than the write itself
 * (measured on a 2-core runner: 2.7× the CPU per narinfo, which thousands of paths add up).
 */
function writeAtomically(path, content) {
    const temporary = temporaryPath(path);
    try {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.writeFileSync)(temporary, content, { flag: "wx" });
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.renameSync)(temporary, path);
    }
    catch (error) {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.rmSync)(temporary, { force: true });
        throw error;
    }
}


/***/ }),

/***/ 7804:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FileCache: () => (/* binding */ FileCache)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6466);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_stream_promises__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3136);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_4___default = /*#__PURE__*/__webpack_require__.n(node_url__WEBPACK_IMPORTED_MODULE_4__);
/* harmony import */ var _lib_cache_info_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(8770);
/* harmony import */ var _lib_errors_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(7268);
/* harmony import */ var _lib_signing_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(8920);
/* harmony import */ var _nix_cache_url_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(7197);
/* harmony import */ var _atomic_files_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(4422);
/** A binary cache in a local directory (file://), e.g. a shared disk on self-hosted runners. */










class FileCache {
    description;
    root;
    publicKeys;
    constructor(settings) {
        this.root = (0,node_url__WEBPACK_IMPORTED_MODULE_4__.fileURLToPath)(settings.url).replace(/\/+$/, "");
        this.description = (0,_nix_cache_url_js__WEBPACK_IMPORTED_MODULE_9__/* .substituterUrl */ .gC)(settings.url);
        this.publicKeys = settings.publicKey === undefined ? [] : [(0,_lib_signing_js__WEBPACK_IMPORTED_MODULE_7__/* .formatPublicKey */ .et)(settings.publicKey)];
    }
    // Local files: the signals have nothing to end.
    async prepareRead(storeDir, _signal) {
        await this.checkStoreDir(storeDir);
        return {
            substituters: [{ url: this.description, publicKeys: this.publicKeys }],
            netrc: [],
            canPush: true,
        };
    }
    /** Whether the cache has a nix-cache-info yet; throws when it is for another store. */
    async checkStoreDir(storeDir) {
        // A cache that does not exist yet is fine: the first job to push creates it.
        const cacheInfo = await this.readCacheInfo();
        (0,_lib_cache_info_js__WEBPACK_IMPORTED_MODULE_5__/* .checkCacheStoreDir */ .hh)(this.description, cacheInfo, storeDir);
        return cacheInfo !== undefined;
    }
    async openForPush(storeDir, _signal) {
        const hasCacheInfo = await this.checkStoreDir(storeDir);
        try {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(this.root, "nar"), { recursive: true });
            if (!hasCacheInfo) {
                (0,_atomic_files_js__WEBPACK_IMPORTED_MODULE_8__/* .writeAtomically */ .vK)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(this.root, "nix-cache-info"), (0,_lib_cache_info_js__WEBPACK_IMPORTED_MODULE_5__/* .renderCacheInfo */ .Bk)(storeDir));
            }
        }
        catch (error) {
            throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .CacheError */ .xA(`cannot write to ${this.description}: ${(0,_lib_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .describeError */ .Uc)(error)}`, {
                cause: error,
            });
        }
    }
    async findCached(hashParts, _signal) {
        const wanted = new Set(hashParts);
        const found = new Set();
        let names;
        try {
            names = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readdir)(this.root);
        }
        catch (error) {
            if (error.code === "ENOENT")
                return found;
            throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .CacheError */ .xA(`cannot list ${this.description}: ${(0,_lib_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .describeError */ .Uc)(error)}`, { cause: error });
        }
        for (const name of names) {
            const hashPart = name.endsWith(".narinfo") ? name.slice(0, -".narinfo".length) : undefined;
            if (hashPart !== undefined && wanted.has(hashPart))
                found.add(hashPart);
        }
        return found;
    }
    async putNar(nar, signal) {
        signal?.throwIfAborted();
        const target = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(this.root, nar.url);
        const temporary = (0,_atomic_files_js__WEBPACK_IMPORTED_MODULE_8__/* .temporaryPath */ .l5)(target);
        try {
            // openForPush made nar/; only a cache emptied since then needs it again.
            await moveFile(nar.file, target, temporary, signal).catch(async (error) => {
                if (error.code !== "ENOENT")
                    throw error;
                (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdirSync)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(target), { recursive: true });
                await moveFile(nar.file, target, temporary, signal);
            });
        }
        catch (error) {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(temporary, { force: true });
            throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .CacheError */ .xA(`cannot write ${nar.url} to ${this.description}: ${(0,_lib_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .describeError */ .Uc)(error)}`, {
                cause: error,
            });
        }
    }
    async putNarInfo(hashPart, narInfo, signal) {
        // After a stop nothing more is published, however quick a local write would be.
        signal?.throwIfAborted();
        try {
            (0,_atomic_files_js__WEBPACK_IMPORTED_MODULE_8__/* .writeAtomically */ .vK)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(this.root, `${hashPart}.narinfo`), narInfo);
        }
        catch (error) {
            throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .CacheError */ .xA(`cannot write ${hashPart}.narinfo to ${this.description}: ${(0,_lib_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .describeError */ .Uc)(error)}`, { cause: error });
        }
    }
    async close() { }
    /** The cache's nix-cache-info, or undefined when it has none yet. */
    async readCacheInfo() {
        try {
            return await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readFile)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(this.root, "nix-cache-info"), "utf8");
        }
        catch (error) {
            if (error.code === "ENOENT")
                return undefined;
            throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .CacheError */ .xA(`cannot read ${this.description}: ${(0,_lib_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .describeError */ .Uc)(error)}`, { cause: error });
        }
    }
}
/**
 * Moves the staged file in one rename when it is on the same disk (synchronous: one metadata update costs less than
 * a round trip through libuv's thread pool); otherwise copies it beside the target first, as a stream that `signal`
 * ends (a NAR to another disk can take seconds; the caller removes the temporary file).
 */
async function moveFile(source, target, temporary, signal) {
    try {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.renameSync)(source, target);
    }
    catch (error) {
        if (error.code !== "EXDEV")
            throw error;
        await (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_3__.pipeline)((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.createReadStream)(source, { highWaterMark: 1024 * 1024 }), (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.createWriteStream)(temporary), {
            signal,
        });
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.renameSync)(temporary, target);
    }
}


/***/ }),

/***/ 9792:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   z: () => (/* binding */ formatBytes)
/* harmony export */ });
/** "1.5 MiB": sizes for people. */
function formatBytes(bytes) {
    const units = ["B", "KiB", "MiB", "GiB", "TiB"];
    let value = bytes;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
        value /= 1024;
        unit++;
    }
    return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}


/***/ }),

/***/ 8770:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bk: () => (/* binding */ renderCacheInfo),
/* harmony export */   GZ: () => (/* binding */ parseCacheInfoStoreDir),
/* harmony export */   hh: () => (/* binding */ checkCacheStoreDir)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7268);
/** A binary cache's `nix-cache-info`: the one we write, and the StoreDir of one we read. */

/** The `nix-cache-info` we write; WantMassQuery lets Nix ask for many paths at once. */
function renderCacheInfo(storeDir) {
    return `StoreDir: ${storeDir}\nWantMassQuery: 1\n`;
}
/**
 * Refuses a cache whose `nix-cache-info` names another StoreDir, as Nix does: nothing in it could be substituted
 * here. None yet (`cacheInfo` undefined), or one without StoreDir, is fine. Returns the StoreDir it names.
 */
function checkCacheStoreDir(where, cacheInfo, storeDir) {
    const storeDirOfCache = cacheInfo === undefined ? undefined : parseCacheInfoStoreDir(cacheInfo);
    if (storeDirOfCache !== undefined && storeDirOfCache !== storeDir) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .CacheError */ .xA(`${where} is a cache for ${storeDirOfCache}, but this Nix uses ${storeDir}`);
    }
    return storeDirOfCache;
}
/** The StoreDir a `nix-cache-info` names, if any. */
function parseCacheInfoStoreDir(text) {
    for (const line of text.split("\n")) {
        const colon = line.indexOf(":");
        if (colon > 0 && line.slice(0, colon).trim() === "StoreDir")
            return line.slice(colon + 1).trim();
    }
    return undefined;
}


/***/ }),

/***/ 2082:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AW: () => (/* binding */ renderNarInfo),
/* harmony export */   Ne: () => (/* binding */ parseNarInfo),
/* harmony export */   Z$: () => (/* binding */ sortedUnique),
/* harmony export */   og: () => (/* binding */ narInfoFingerprint)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7268);
/* harmony import */ var _hash_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9639);
/* harmony import */ var _store_path_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6056);



/** Without duplicates, in byte order: Nix keeps these in std::set, and JS's UTF-16 sort does not always match. */
function sortedUnique(values) {
    const unique = [...new Set(values)];
    // Store paths and signatures are ASCII, where UTF-16 order is byte order: no buffers per comparison.
    if (unique.every((value) => ASCII.test(value)))
        return unique.sort();
    return unique.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
}
/** Printable ASCII: what store paths and signatures are made of. */
const ASCII = /^[ -~]*$/;
function storeDirOf(storePath) {
    return storePath.slice(0, Math.max(0, storePath.lastIndexOf("/")));
}
function sizeText(field, size) {
    if (!Number.isSafeInteger(size) || size < 0)
        throw new Error(`${field} must be a non-negative integer`);
    return String(size);
}
/** Renders a narinfo byte for byte as Nix 2.8 writes it. */
function renderNarInfo(info) {
    const storeDir = storeDirOf(info.storePath);
    (0,_store_path_js__WEBPACK_IMPORTED_MODULE_2__/* .parseStorePath */ .GV)(info.storePath, storeDir);
    const basename = (path) => (0,_store_path_js__WEBPACK_IMPORTED_MODULE_2__/* .parseStorePath */ .GV)(path, storeDir).basename;
    for (const [field, value] of Object.entries({
        URL: info.url,
        Compression: info.compression,
        CA: info.ca,
    })) {
        if (value !== undefined && /[\r\n]/.test(value)) {
            throw new Error(`narinfo ${field} contains a line break`);
        }
    }
    if (info.url === "" || info.compression === "") {
        throw new Error("narinfo URL and Compression must not be empty");
    }
    for (const sig of info.sigs) {
        if (/[\r\n]/.test(sig))
            throw new Error("narinfo Sig contains a line break");
    }
    const lines = [
        `StorePath: ${info.storePath}`,
        `URL: ${info.url}`,
        `Compression: ${info.compression}`,
        `FileHash: ${(0,_hash_js__WEBPACK_IMPORTED_MODULE_1__/* .formatSha256Nix32 */ .BW)(info.fileHash)}`,
        `FileSize: ${sizeText("FileSize", info.fileSize)}`,
        `NarHash: ${(0,_hash_js__WEBPACK_IMPORTED_MODULE_1__/* .formatSha256Nix32 */ .BW)(info.narHash)}`,
        `NarSize: ${sizeText("NarSize", info.narSize)}`,
        `References: ${sortedUnique(info.references.map(basename)).join(" ")}`,
    ];
    if (info.deriver !== undefined)
        lines.push(`Deriver: ${basename(info.deriver)}`);
    for (const sig of sortedUnique(info.sigs))
        lines.push(`Sig: ${sig}`);
    if (info.ca !== undefined)
        lines.push(`CA: ${info.ca}`);
    return `${lines.join("\n")}\n`;
}
/**
 * The string a narinfo signature signs: `1;<path>;sha256:<nix32>;<narSize>;<sorted full references>`.
 * URL, compression, file hash, deriver and CA are not covered.
 */
function narInfoFingerprint(storePath, narHash, narSize, references) {
    if (!Number.isSafeInteger(narSize) || narSize <= 0) {
        throw new Error(`cannot fingerprint ${storePath}: its NAR size is not known`);
    }
    const storeDir = storeDirOf(storePath);
    for (const ref of [storePath, ...references])
        (0,_store_path_js__WEBPACK_IMPORTED_MODULE_2__/* .parseStorePath */ .GV)(ref, storeDir);
    return `1;${storePath};${(0,_hash_js__WEBPACK_IMPORTED_MODULE_1__/* .formatSha256Nix32 */ .BW)(narHash)};${narSize};${sortedUnique(references).join(",")}`;
}
/**
 * Parses a narinfo with Nix's rules: `Key: value` lines each ending in LF, unknown keys ignored, Compression
 * defaulting to bzip2, `unknown-deriver` meaning none. Stricter than Nix where Nix silently misreads.
 */
function parseNarInfo(text, storeDir = _store_path_js__WEBPACK_IMPORTED_MODULE_2__/* .DEFAULT_STORE_DIR */ .qC) {
    const corrupt = (why) => new Error(`corrupt narinfo: ${why}`);
    if (text.includes("\r"))
        throw corrupt("it contains a carriage return (CRLF line endings?)");
    if (text === "" || !text.endsWith("\n"))
        throw corrupt("it is empty or its last line lacks a newline");
    const fields = new Map();
    const lines = text.slice(0, -1).split("\n");
    for (const [index, line] of lines.entries()) {
        // Like Nix: the key ends at the first ':' and the value starts two characters later.
        const colon = line.indexOf(":");
        if (colon <= 0 || line[colon + 1] !== " ")
            throw corrupt(`line ${index + 1} is not 'Key: value'`);
        const key = line.slice(0, colon);
        fields.set(key, [...(fields.get(key) ?? []), line.slice(colon + 2)]);
    }
    const single = (key) => {
        const values = fields.get(key);
        if (values !== undefined && values.length > 1)
            throw corrupt(`${key} appears ${values.length} times`);
        return values?.[0];
    };
    const required = (key) => {
        const value = single(key);
        if (value === undefined || value === "")
            throw corrupt(`${key} is missing`);
        return value;
    };
    const hash = (key) => {
        try {
            return (0,_hash_js__WEBPACK_IMPORTED_MODULE_1__/* .parseSha256 */ .tz)(required(key));
        }
        catch (error) {
            throw corrupt(`${key}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .describeError */ .Uc)(error)}`);
        }
    };
    const size = (key) => {
        const value = required(key);
        if (!/^[0-9]+$/.test(value) || !Number.isSafeInteger(Number(value))) {
            throw corrupt(`${key} is not a size`);
        }
        return Number(value);
    };
    const storePath = (value) => {
        try {
            return (0,_store_path_js__WEBPACK_IMPORTED_MODULE_2__/* .parseStorePath */ .GV)(value, storeDir).full;
        }
        catch (error) {
            throw corrupt((0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .describeError */ .Uc)(error));
        }
    };
    const narSize = size("NarSize");
    if (narSize === 0)
        throw corrupt("NarSize is 0");
    const deriver = single("Deriver");
    const ca = single("CA");
    return {
        storePath: storePath(required("StorePath")),
        url: required("URL"),
        compression: single("Compression") || "bzip2",
        fileHash: hash("FileHash"),
        fileSize: size("FileSize"),
        narHash: hash("NarHash"),
        narSize,
        references: (single("References") ?? "")
            .split(" ")
            .filter((ref) => ref !== "")
            .map((ref) => storePath(`${storeDir}/${ref}`)),
        ...(deriver !== undefined && deriver !== "unknown-deriver"
            ? { deriver: storePath(`${storeDir}/${deriver}`) }
            : {}),
        sigs: fields.get("Sig") ?? [],
        ...(ca !== undefined ? { ca } : {}),
    };
}


/***/ })

};

//# sourceMappingURL=921.index.js.map