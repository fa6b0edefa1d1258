/**
 * The object store behind Cachix's multipart uploads, behaving as S3 does for presigned part uploads: the URL's
 * signature covers the part and its Content-MD5, a request must not carry a second credential (Authorization),
 * the body must match its Content-MD5, and the reply's ETag (quoted hex MD5) is what `complete` must list.
 */
import { createHash, createHmac, randomBytes, randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { HttpError, type Reply } from "./http-util.js";

/** S3's smallest part, except for the last one. */
export const MIN_PART_SIZE = 5 * 1024 * 1024;

interface Part {
  readonly eTag: string;
  readonly data: Buffer;
}

export interface Upload {
  readonly narId: string;
  readonly uploadId: string;
  readonly cacheName: string;
  readonly compression: "zst" | "xz";
  readonly parts: Map<number, Part>;
  state: "open" | "completed" | "aborted";
}

export class ObjectStore {
  readonly uploads = new Map<string, Upload>();
  private readonly secret = randomBytes(32);
  /** Set once the listener runs. */
  origin = "";

  create(cacheName: string, compression: "zst" | "xz"): Upload {
    const upload: Upload = {
      narId: randomUUID(),
      uploadId: randomBytes(24).toString("base64url"),
      cacheName,
      compression,
      parts: new Map(),
      state: "open",
    };
    this.uploads.set(upload.narId, upload);
    return upload;
  }

  /** The open upload `narId` of `cacheName` with this `uploadId`; 404 otherwise, as for any unknown upload. */
  open(cacheName: string, narId: string, uploadId: string | null): Upload {
    const upload = this.uploads.get(narId);
    if (upload === undefined || upload.cacheName !== cacheName || upload.uploadId !== uploadId) {
      throw new HttpError(404, "NoSuchUpload: the upload does not exist or its uploadId is wrong");
    }
    if (upload.state !== "open") throw new HttpError(404, `NoSuchUpload: the upload was ${upload.state}`);
    return upload;
  }

  presign(upload: Upload, partNumber: number, contentMD5: string): string {
    const query = new URLSearchParams({
      partNumber: String(partNumber),
      uploadId: upload.uploadId,
      "X-Amz-SignedHeaders": "content-md5;host",
      "X-Amz-Signature": this.sign(upload.narId, partNumber, upload.uploadId, contentMD5),
    });
    return `${this.origin}/nar-uploads/${upload.narId}?${query}`;
  }

  private sign(narId: string, partNumber: number, uploadId: string, contentMD5: string): string {
    return createHmac("sha256", this.secret)
      .update(`${narId}\n${partNumber}\n${uploadId}\n${contentMD5}`)
      .digest("hex");
  }

  /** A part PUT to a presigned URL. */
  async put(request: IncomingMessage, url: URL, body: Buffer): Promise<Reply> {
    if (request.method !== "PUT") throw new HttpError(405, "MethodNotAllowed");
    if (request.headers.authorization !== undefined) {
      throw new HttpError(
        400,
        "InvalidArgument: only one auth mechanism allowed (presigned URL and Authorization)",
      );
    }
    const narId = /^\/nar-uploads\/([0-9a-f-]{36})$/.exec(url.pathname)?.[1] ?? "";
    const partNumber = Number(url.searchParams.get("partNumber"));
    const uploadId = url.searchParams.get("uploadId") ?? "";
    const contentMD5 = String(request.headers["content-md5"] ?? "");
    const signature = url.searchParams.get("X-Amz-Signature") ?? "";
    if (signature !== this.sign(narId, partNumber, uploadId, contentMD5)) {
      throw new HttpError(
        403,
        "SignatureDoesNotMatch: the URL, or the Content-MD5 header it was signed for, does not match",
      );
    }
    const upload = this.uploads.get(narId);
    if (upload === undefined || upload.uploadId !== uploadId || upload.state !== "open") {
      throw new HttpError(404, "NoSuchUpload");
    }
    const md5 = createHash("md5").update(body).digest();
    if (md5.toString("base64") !== contentMD5) {
      throw new HttpError(400, "BadDigest: the Content-MD5 you specified did not match what we received");
    }
    const eTag = `"${md5.toString("hex")}"`;
    upload.parts.set(partNumber, { eTag, data: body });
    return { status: 200, headers: { etag: eTag }, body: "" };
  }

  /**
   * S3's CompleteMultipartUpload checks: parts listed in ascending order, numbered 1..n without gaps, each ETag
   * the one its PUT returned, every part but the last at least 5 MiB. Returns the object's bytes.
   */
  assemble(upload: Upload, parts: unknown): Buffer {
    if (!Array.isArray(parts) || parts.length === 0) {
      throw new HttpError(400, "parts must list every uploaded part with its ETag");
    }
    const chunks: Buffer[] = [];
    parts.forEach((entry: unknown, index) => {
      const { partNumber, eTag } = (entry ?? {}) as { partNumber?: unknown; eTag?: unknown };
      if (partNumber !== index + 1) {
        throw new HttpError(400, `InvalidPartOrder: part ${index + 1} is listed as ${String(partNumber)}`);
      }
      const stored = upload.parts.get(index + 1);
      if (stored === undefined || stored.eTag !== eTag) {
        throw new HttpError(400, `InvalidPart: part ${index + 1} was not uploaded or its ETag differs`);
      }
      if (index < parts.length - 1 && stored.data.length < MIN_PART_SIZE) {
        throw new HttpError(400, `EntityTooSmall: part ${index + 1} has ${stored.data.length} bytes`);
      }
      chunks.push(stored.data);
    });
    if (upload.parts.size !== parts.length) {
      throw new HttpError(400, `InvalidPart: ${upload.parts.size} parts uploaded, ${parts.length} listed`);
    }
    return Buffer.concat(chunks);
  }
}
