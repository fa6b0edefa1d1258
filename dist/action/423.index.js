export const id = 423;
export const ids = [423];
export const modules = {

/***/ 4422:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   l5: () => (/* binding */ temporaryPath),
/* harmony export */   vK: () => (/* binding */ writeAtomically)
/* harmony export */ });
/* unused harmony export isTemporaryOf */
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

/***/ 8770:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bk: () => (/* binding */ renderCacheInfo),
/* harmony export */   hh: () => (/* binding */ checkCacheStoreDir)
/* harmony export */ });
/* unused harmony export parseCacheInfoStoreDir */
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


/***/ })

};

//# sourceMappingURL=423.index.js.map