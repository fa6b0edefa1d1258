export const id = 210;
export const ids = [210];
export const modules = {

/***/ 9540:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bk: () => (/* binding */ renderCacheInfo),
/* harmony export */   GZ: () => (/* binding */ parseCacheInfoStoreDir),
/* harmony export */   Gk: () => (/* binding */ netrcEntryFor),
/* harmony export */   hh: () => (/* binding */ checkCacheStoreDir),
/* harmony export */   yS: () => (/* binding */ netrcAuthorization)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/** The seam between the action and the places paths go: one implementation per kind of cache. */

/** The netrc entry Nix (curl) uses for `url`: netrc matches the host name alone, no port, no IPv6 brackets. */
function netrcEntryFor(url, password, login) {
    return { machine: url.hostname.replace(/^\[(.*)\]$/, "$1"), login, password };
}
/** The header curl sends for a netrc entry: Basic `login` (empty without one), a colon, `password`. */
function netrcAuthorization(entry) {
    return `Basic ${Buffer.from(`${entry.login ?? ""}:${entry.password}`).toString("base64")}`;
}
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

/***/ 4210:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FileCache: () => (/* binding */ FileCache),
/* harmony export */   isTemporaryOf: () => (/* binding */ isTemporaryOf),
/* harmony export */   temporaryPath: () => (/* binding */ temporaryPath),
/* harmony export */   writeAtomically: () => (/* binding */ writeAtomically)
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
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3916);
/* harmony import */ var _lib_signing_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(8920);
/* harmony import */ var _nix_cache_url_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(7197);
/* harmony import */ var _cache_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(9540);
/** A binary cache in a local directory (file://), e.g. a shared disk on self-hosted runners. */









class FileCache {
    description;
    root;
    publicKeys;
    constructor(url, context) {
        this.root = (0,node_url__WEBPACK_IMPORTED_MODULE_4__.fileURLToPath)(url).replace(/\/+$/, "");
        this.description = (0,_nix_cache_url_js__WEBPACK_IMPORTED_MODULE_8__/* .substituterUrl */ .gC)(url);
        const publicKey = context.inputs.publicKey;
        this.publicKeys = publicKey === undefined ? [] : [(0,_lib_signing_js__WEBPACK_IMPORTED_MODULE_6__/* .formatPublicKey */ .et)(publicKey)];
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
        (0,_cache_js__WEBPACK_IMPORTED_MODULE_7__/* .checkCacheStoreDir */ .hh)(this.description, cacheInfo, storeDir);
        return cacheInfo !== undefined;
    }
    async openForPush(storeDir, _signal) {
        const hasCacheInfo = await this.checkStoreDir(storeDir);
        try {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(this.root, "nar"), { recursive: true });
            if (!hasCacheInfo) {
                await writeAtomically((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(this.root, "nix-cache-info"), (0,_cache_js__WEBPACK_IMPORTED_MODULE_7__/* .renderCacheInfo */ .Bk)(storeDir));
            }
        }
        catch (error) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .CacheError */ .xA(`cannot write to ${this.description}: ${error.message}`, {
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
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .CacheError */ .xA(`cannot list ${this.description}: ${error.message}`, { cause: error });
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
        const temporary = temporaryPath(target);
        try {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(target), { recursive: true });
            await moveFile(nar.file, target, temporary, signal);
        }
        catch (error) {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(temporary, { force: true });
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .CacheError */ .xA(`cannot write ${nar.url} to ${this.description}: ${error.message}`, {
                cause: error,
            });
        }
    }
    async putNarInfo(hashPart, narInfo, signal) {
        // After a stop nothing more is published, however quick a local write would be.
        signal?.throwIfAborted();
        try {
            await writeAtomically((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(this.root, `${hashPart}.narinfo`), narInfo);
        }
        catch (error) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .CacheError */ .xA(`cannot write ${hashPart}.narinfo to ${this.description}: ${error.message}`, {
                cause: error,
            });
        }
    }
    async close(_stop) { }
    /** The cache's nix-cache-info, or undefined when it has none yet. */
    async readCacheInfo() {
        try {
            return await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readFile)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(this.root, "nix-cache-info"), "utf8");
        }
        catch (error) {
            if (error.code === "ENOENT")
                return undefined;
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .CacheError */ .xA(`cannot read ${this.description}: ${error.message}`, { cause: error });
        }
    }
}
/**
 * Moves the staged file in one rename when it is on the same disk; otherwise copies it beside the target first, as
 * a stream that `signal` ends (a NAR to another disk can take seconds; the caller removes the temporary file).
 */
async function moveFile(source, target, temporary, signal) {
    try {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rename)(source, target);
    }
    catch (error) {
        if (error.code !== "EXDEV")
            throw error;
        await (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_3__.pipeline)((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.createReadStream)(source, { highWaterMark: 1024 * 1024 }), (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.createWriteStream)(temporary), {
            signal,
        });
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rename)(temporary, target);
    }
}
/** Where a file is written before it is renamed over `path`: beside it, unique to this process and call. */
function temporaryPath(path) {
    return `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
}
/** Whether directory entry `name` is a temporaryPath of `base` in the same directory, left by a killed step. */
function isTemporaryOf(name, base) {
    return name.startsWith(`${base}.`) && /^\.\d+\.[a-z0-9]*\.tmp$/.test(name.slice(base.length));
}
/** Readers never see a half-written file: write beside the target, then rename over it. */
async function writeAtomically(path, content) {
    const temporary = temporaryPath(path);
    try {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.writeFile)(temporary, content);
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rename)(temporary, path);
    }
    catch (error) {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(temporary, { force: true });
        throw error;
    }
}


/***/ })

};

//# sourceMappingURL=210.index.js.map