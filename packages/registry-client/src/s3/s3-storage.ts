import type { Readable } from "node:stream";
import type { S3ConnectionOptions } from "./resolve-s3-config.js";
import type { S3Location } from "./s3-uri.js";

/**
 * Progress of one object transfer. `loaded` only grows; `total` is the object's size when known.
 * @public
 */
export interface S3TransferProgress {
  readonly bucket: string;
  readonly key: string;
  /** Bytes transferred so far. */
  readonly loaded: number;
  /** Size of the object, when known. */
  readonly total?: number;
}

/** Options shared by transfers: progress reporting and cancellation. @public */
export interface S3TransferOptions {
  /**
   * Called as bytes move: on downloads for every chunk written, on uploads as each part (or the
   * single PUT of a small object) completes.
   */
  onProgress?: (progress: S3TransferProgress) => void;
  /**
   * Cancels the transfer: in-flight requests are aborted, a multipart upload is aborted on the
   * server (so no object appears), a download's temporary file is removed. The operation rejects
   * with `signal.reason`.
   */
  signal?: AbortSignal;
}

/** Options of {@link S3Storage.uploadFile} and {@link S3Storage.uploadStream}. @public */
export interface S3UploadOptions extends S3TransferOptions {
  /** `Content-Type` of the object. @default "application/octet-stream" (S3's default) */
  contentType?: string;
  /**
   * Size of the body in bytes, when a stream's length is known in advance (enables progress
   * totals and a check that the whole body was sent). `uploadFile` uses the file's size.
   */
  contentLength?: number;
}

/** What an upload stored. @public */
export interface S3UploadResult {
  readonly bucket: string;
  readonly key: string;
  /** `s3://bucket/key` (with the `?endpoint=…&defaultRegion=…` of the target URI, if it had one). */
  readonly uri: string;
  /** Bytes stored. */
  readonly size: number;
  readonly etag?: string;
  /** True when the object went up as a multipart upload (it was larger than one part). */
  readonly multipart: boolean;
}

/** What a download wrote. @public */
export interface S3DownloadResult {
  readonly bucket: string;
  readonly key: string;
  /** The local file, complete. */
  readonly path: string;
  readonly size: number;
}

/** One entry of a listing: an object, or a common prefix ("directory") when a delimiter is used. @public */
export type S3ListEntry =
  | {
      readonly type: "object";
      readonly key: string;
      readonly size: number;
      readonly lastModified?: Date;
      readonly etag?: string;
    }
  | { readonly type: "prefix"; readonly key: string };

/** Options of {@link S3Storage.list}. @public */
export interface S3ListOptions {
  /** Group keys by this delimiter into `prefix` entries (one level, like a directory). */
  delimiter?: string;
  /** Keys per request (S3 answers at most 1000). @default 1000 */
  pageSize?: number;
  signal?: AbortSignal;
}

/** Options of {@link S3Storage.uploadDirectory}. @public */
export interface S3UploadDirectoryOptions extends S3TransferOptions {
  /** Files uploaded at the same time. @default 4 */
  concurrency?: number;
}

/** Metadata of a stored object. @public */
export interface S3ObjectInfo {
  readonly bucket: string;
  readonly key: string;
  readonly size: number;
  readonly etag?: string;
  readonly lastModified?: Date;
  readonly contentType?: string;
}

/**
 * Streaming S3 transfers for model artifacts. Targets are `s3://` URIs (including the
 * `?endpoint=…&defaultRegion=…` form) or {@link S3Location}s. Memory stays bounded by
 * `partSize × queueSize` on uploads and by stream buffers on downloads, whatever the object size.
 * @public
 */
export interface S3Storage {
  /**
   * Streams a local file to S3: one PUT up to `partSize`, a multipart upload above it (parts sent
   * `queueSize` at a time). On failure or cancellation the multipart upload is aborted, so no
   * partial object appears under the key.
   */
  uploadFile(
    localPath: string,
    target: string | S3Location,
    options?: S3UploadOptions,
  ): Promise<S3UploadResult>;
  /** Like {@link S3Storage.uploadFile}, from a stream, bytes or a string (UTF-8). */
  uploadStream(
    body: Readable | Uint8Array | string,
    target: string | S3Location,
    options?: S3UploadOptions,
  ): Promise<S3UploadResult>;
  /**
   * Uploads every file under `localDir` (recursively) below the `target` prefix, keys joined with
   * `/`; `concurrency` files at a time. Progress is reported per file. Resolves with the uploads
   * in path order. On failure or cancellation the remaining files are not started and the error
   * of the first failure is thrown (files already uploaded stay).
   */
  uploadDirectory(
    localDir: string,
    target: string | S3Location,
    options?: S3UploadDirectoryOptions,
  ): Promise<S3UploadResult[]>;
  /**
   * Streams an object into `localPath` (parent folders created). The bytes go to a temporary file
   * beside it that is renamed into place once complete and of the announced length, so a failed
   * or cancelled download never leaves a partial file under `localPath`.
   */
  downloadFile(
    source: string | S3Location,
    localPath: string,
    options?: S3TransferOptions,
  ): Promise<S3DownloadResult>;
  /**
   * Lists the objects whose keys start with the location's key (pass a key ending in `/` for a
   * folder), page by page as the caller iterates; with `delimiter: "/"` one level only, deeper
   * keys folded into `prefix` entries.
   */
  list(prefix: string | S3Location, options?: S3ListOptions): AsyncIterable<S3ListEntry>;
  /** The object's metadata (HEAD), or `null` when there is no such object. */
  stat(
    target: string | S3Location,
    options?: { signal?: AbortSignal },
  ): Promise<S3ObjectInfo | null>;
  /** Closes the S3 clients' connections. The storage can still be used (clients are recreated). */
  destroy(): void;
}

/**
 * Options of {@link createS3Storage}: connection settings plus transfer tuning.
 * @public
 */
export interface S3StorageOptions extends S3ConnectionOptions {
  /** Multipart part size in bytes (S3's minimum is 5 MiB). @default 8 MiB */
  partSize?: number;
  /** Parts of one upload in flight at once. @default 4 */
  queueSize?: number;
  /**
   * Extra `PutObject` / `CreateMultipartUpload` parameters for every upload, e.g.
   * `{ ServerSideEncryption: "aws:kms" }`. @default JSON of env MLFLOW_S3_UPLOAD_EXTRA_ARGS
   */
  uploadExtraArgs?: Record<string, unknown>;
}
