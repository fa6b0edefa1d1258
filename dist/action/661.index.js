export const id = 661;
export const ids = [661];
export const modules = {

/***/ 6661:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   run: () => (/* binding */ run)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_4___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_4__);
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(6421);
/* harmony import */ var _action_bundle_files_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(6006);
/* harmony import */ var _action_inputs_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(790);
/* harmony import */ var _action_runner_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(9719);
/* harmony import */ var _action_stop_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(2788);
/* harmony import */ var _cache_create_cache_js__WEBPACK_IMPORTED_MODULE_19__ = __webpack_require__(2907);
/* harmony import */ var _lib_errors_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(7268);
/* harmony import */ var _nix_command_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(2094);
/* harmony import */ var _nix_store_js__WEBPACK_IMPORTED_MODULE_12__ = __webpack_require__(9518);
/* harmony import */ var _nix_store_files_js__WEBPACK_IMPORTED_MODULE_13__ = __webpack_require__(3016);
/* harmony import */ var _process_background_js__WEBPACK_IMPORTED_MODULE_14__ = __webpack_require__(8757);
/* harmony import */ var _push_pusher_process_js__WEBPACK_IMPORTED_MODULE_15__ = __webpack_require__(5221);
/* harmony import */ var _push_run_push_js__WEBPACK_IMPORTED_MODULE_16__ = __webpack_require__(2941);
/* harmony import */ var _push_staging_pool_js__WEBPACK_IMPORTED_MODULE_17__ = __webpack_require__(9328);
/* harmony import */ var _setup_configure_nix_js__WEBPACK_IMPORTED_MODULE_18__ = __webpack_require__(9032);
/**
 * The post step (action.yml `runs.post`): undo setup's changes, then push. `run()` reports through the runner and
 * never exits the process, so @github/local-action can run it from src/ as well as dist/action/post.js.
 */




















async function run() {
    await (0,_action_stop_js__WEBPACK_IMPORTED_MODULE_9__/* .runStoppable */ .i)(_action_runner_js__WEBPACK_IMPORTED_MODULE_8__/* .coreLog */ .uu, async (stop) => {
        const { error, strict } = await withBackgroundEnded(stop, () => postStep(stop));
        if (error !== undefined)
            (strict ? _actions_core__WEBPACK_IMPORTED_MODULE_5__/* .setFailed */ .C1 : _actions_core__WEBPACK_IMPORTED_MODULE_5__/* .warning */ .$e)(`Push: ${(0,_lib_errors_js__WEBPACK_IMPORTED_MODULE_10__/* .describeError */ .Uc)(error)}`);
    });
}
/**
 * No process of the action outlives post: a stop ends the background pusher and the read server at once
 * (synchronously, as a stopped step is ended soon after), and so does any way out of `body` that did not end them.
 */
async function withBackgroundEnded(stop, body) {
    let pusherDir;
    let serverDir;
    try {
        ({ pusherDir, serverDir } = (0,_action_runner_js__WEBPACK_IMPORTED_MODULE_8__/* .loadSetupState */ .ll)() ?? {});
    }
    catch {
        // postStep reports an unreadable state.
    }
    if (pusherDir === undefined && serverDir === undefined)
        return body();
    const onStop = () => {
        for (const dir of [pusherDir, serverDir])
            if (dir !== undefined)
                (0,_process_background_js__WEBPACK_IMPORTED_MODULE_14__/* .stopBackgroundNow */ .rc)(dir);
    };
    stop.addEventListener("abort", onStop, { once: true });
    try {
        return await body();
    }
    finally {
        stop.removeEventListener("abort", onStop);
        if (serverDir !== undefined && (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)(serverDir))
            await endReadServer(serverDir);
        if (pusherDir !== undefined && (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)(pusherDir))
            await finishBackgroundPush(pusherDir, 0, stop);
    }
}
const NOTHING = { pushed: 0, fileBytes: 0, skipped: 0 };
/**
 * Post with the real collaborators; returns its error instead of throwing, with whether `strict` makes that error
 * fail the step. `stop` aborts at SIGINT/SIGTERM: the push ends early. The outputs are set on every way out.
 */
async function postStep(stop) {
    const deps = { log: _action_runner_js__WEBPACK_IMPORTED_MODULE_8__/* .coreLog */ .uu, runner: _action_runner_js__WEBPACK_IMPORTED_MODULE_8__/* .coreRunnerFiles */ .h1 };
    const tempDir = process.env.RUNNER_TEMP || (0,node_os__WEBPACK_IMPORTED_MODULE_3__.tmpdir)();
    let strict = false;
    // From here on runPush sets the outputs, whatever happens.
    let pushing = false;
    try {
        // What setup changed is undone first, as it needs neither the inputs nor the cache: a stop, a failed push or
        // inputs a later step made unreadable must not leave the netrc (it holds the token) or a system block behind.
        const state = (0,_action_runner_js__WEBPACK_IMPORTED_MODULE_8__/* .loadSetupState */ .ll)();
        if (state !== undefined) {
            await (0,_setup_configure_nix_js__WEBPACK_IMPORTED_MODULE_18__/* .undoNixConfig */ .K)(state, { run: _nix_command_js__WEBPACK_IMPORTED_MODULE_11__/* .execCommand */ .NK, env: process.env, tempDir, log: _action_runner_js__WEBPACK_IMPORTED_MODULE_8__/* .coreLog */ .uu });
        }
        // Nothing reads the cache through it any more: post pushes to the cache directly.
        if (state?.serverDir !== undefined)
            await endReadServer(state.serverDir);
        const inputs = (0,_action_inputs_js__WEBPACK_IMPORTED_MODULE_7__/* .loadInputs */ .IV)();
        strict = inputs.strict;
        if (state === undefined) {
            _action_runner_js__WEBPACK_IMPORTED_MODULE_8__/* .coreLog */ .uu.info("Setup saved no state: it was stopped or failed before it changed anything, so there is nothing to push or undo.");
            (0,_push_run_push_js__WEBPACK_IMPORTED_MODULE_16__/* .setPushOutputs */ .PK)(deps, NOTHING);
            return { strict };
        }
        const cache = await (0,_cache_create_cache_js__WEBPACK_IMPORTED_MODULE_19__/* .createCache */ .V)(inputs.cache, { tempDir, env: process.env, log: _action_runner_js__WEBPACK_IMPORTED_MODULE_8__/* .coreLog */ .uu }, { handOver: state.cache });
        const started = Date.now();
        const pushedDuringBuild = state.pusherDir === undefined
            ? undefined
            : await finishBackgroundPush(state.pusherDir, inputs.pushTimeoutMs, stop);
        pushing = true;
        await (0,_push_run_push_js__WEBPACK_IMPORTED_MODULE_16__/* .runPush */ .eN)({
            // pushTimeout bounds post's whole push: what waiting for the pusher took is not given twice.
            config: { ...inputs, pushTimeoutMs: Math.max(1, inputs.pushTimeoutMs - (Date.now() - started)) },
            pushedDuringBuild,
            state,
            nix: new _nix_store_js__WEBPACK_IMPORTED_MODULE_12__/* .NixStore */ .xk((0,_nix_command_js__WEBPACK_IMPORTED_MODULE_11__/* .commandsUntil */ .jj)(stop), state.storeDir, state.nixVersion),
            cache,
            startStager: ({ dir, compressionLevel }) => (0,_push_staging_pool_js__WEBPACK_IMPORTED_MODULE_17__/* .startStagingPool */ .m)({
                script: (0,_action_bundle_files_js__WEBPACK_IMPORTED_MODULE_6__/* .bundleScript */ .o)("stager.js"),
                // NBCA_STAGING_THREADS: for measuring (npm run bench); one thread per core otherwise.
                threads: Number(process.env.NBCA_STAGING_THREADS) || (0,node_os__WEBPACK_IMPORTED_MODULE_3__.availableParallelism)(),
                dir,
                compressionLevel,
                fs: _nix_store_files_js__WEBPACK_IMPORTED_MODULE_13__/* .nodeNarFileSystem */ .T,
                onFallback: (reason) => _action_runner_js__WEBPACK_IMPORTED_MODULE_8__/* .coreLog */ .uu.info(`Staging on the main thread: ${reason}.`),
            }),
            ...deps,
            tempDir,
            stop,
        });
        return { strict };
    }
    catch (error) {
        if (!pushing)
            (0,_push_run_push_js__WEBPACK_IMPORTED_MODULE_16__/* .setPushOutputs */ .PK)(deps, NOTHING);
        return { error, strict };
    }
}
/**
 * Asks the background pusher to finish its queue (within `timeoutMs`, or at once on a stop), prints its log, removes
 * its directory; returns what it published.
 */
async function finishBackgroundPush(dir, timeoutMs, stop) {
    const finished = await _action_runner_js__WEBPACK_IMPORTED_MODULE_8__/* .coreLog */ .uu.group("Finish the background push", async () => {
        const result = await (0,_push_pusher_process_js__WEBPACK_IMPORTED_MODULE_15__/* .finishPusher */ .P5)(dir, { deadline: AbortSignal.timeout(Math.max(1, timeoutMs)), stop });
        printQuoted(result.log.trimEnd() || "The background pusher wrote no log.");
        _action_runner_js__WEBPACK_IMPORTED_MODULE_8__/* .coreLog */ .uu.info(result.ending === "finished"
            ? `The background pusher finished: ${result.published.size} paths pushed while the build ran.`
            : result.ending === "timed-out"
                ? `The background pusher did not finish within pushTimeout and was ended; the ${result.published.size} paths it pushed count.`
                : result.ending === "stopped"
                    ? `Post was stopped, and the background pusher with it; the ${result.published.size} paths it pushed count.`
                    : `The background pusher had ended before post (killed?); the ${result.published.size} paths it pushed count, post pushes the rest.`);
        return result;
    });
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(dir, { recursive: true, force: true });
    return finished.published;
}
/** Ends the Actions cache's read server (which setup started), prints its log and removes its directory. */
async function endReadServer(dir) {
    await (0,_process_background_js__WEBPACK_IMPORTED_MODULE_14__/* .endBackground */ .UG)(dir, 1000);
    const log = (0,_process_background_js__WEBPACK_IMPORTED_MODULE_14__/* .readText */ .yR)((0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(dir, _process_background_js__WEBPACK_IMPORTED_MODULE_14__/* .BACKGROUND_FILES */ .hE.log)).trimEnd();
    if (log !== "")
        await _action_runner_js__WEBPACK_IMPORTED_MODULE_8__/* .coreLog */ .uu.group("The cache's read server", async () => printQuoted(log));
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(dir, { recursive: true, force: true });
}
/** Prints a background process's log: it quotes what servers answered, so the runner takes no `::command::` from it. */
function printQuoted(text) {
    const token = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomUUID)();
    _actions_core__WEBPACK_IMPORTED_MODULE_5__/* .info */ .pq(`::stop-commands::${token}`);
    _action_runner_js__WEBPACK_IMPORTED_MODULE_8__/* .coreLog */ .uu.info(text);
    _actions_core__WEBPACK_IMPORTED_MODULE_5__/* .info */ .pq(`::${token}::`);
}


/***/ })

};

//# sourceMappingURL=661.index.js.map