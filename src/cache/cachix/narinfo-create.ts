/**
 * From the narinfo the push pipeline renders to Cachix's `narInfoCreate`, in the exact field formats the service
 * takes: `sha256:`+nix32 NAR hash, bare lowercase hex file hash, sorted reference basenames, `unknown-deriver`
 * when there is none, and `cSig` the bare base64 signature (null: Cachix signs with the cache's managed key).
 */
import { formatSha256Nix32 } from "../../lib/hash.js";
import { type NarInfo, sortedUnique } from "../../lib/narinfo.js";
import type { PublicKey } from "../../lib/signing.js";
import { parseStorePath } from "../../lib/store-path.js";
import type { NarInfoCreate } from "./api.js";

export function narInfoCreate(
  info: NarInfo,
  storeDir: string,
  signedBy: PublicKey | undefined,
): NarInfoCreate {
  const path = parseStorePath(info.storePath, storeDir);
  const basename = (full: string) => parseStorePath(full, storeDir).basename;
  // Byte order, like the Set the cachix client keeps them in (and Nix's std::set).
  const references = sortedUnique(info.references.map(basename));
  return {
    cStoreHash: path.hashPart,
    cStoreSuffix: path.name,
    cNarHash: formatSha256Nix32(info.narHash),
    cNarSize: info.narSize,
    cFileHash: Buffer.from(info.fileHash).toString("hex"),
    cFileSize: info.fileSize,
    cReferences: references,
    cDeriver: info.deriver === undefined ? "unknown-deriver" : basename(info.deriver),
    cSig: signedBy === undefined ? null : bareSignature(info, signedBy.name),
  };
}

/**
 * Our signature, as the push pipeline already put it in the narinfo, without its key name: the service adds the
 * cache's own key name when it serves the narinfo.
 */
function bareSignature(info: NarInfo, keyName: string): string {
  const ours = info.sigs.find((sig) => sig.startsWith(`${keyName}:`));
  if (ours === undefined)
    throw new Error(`the narinfo of ${info.storePath} carries no signature by ${keyName}`);
  return ours.slice(keyName.length + 1);
}
