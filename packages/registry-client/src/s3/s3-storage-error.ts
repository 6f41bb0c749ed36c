import { isRegistryError, RegistryError, type RegistryErrorCode } from "../errors.js";

/**
 * Options of {@link S3StorageError}.
 * @public
 */
export interface S3StorageErrorOptions {
  readonly code: RegistryErrorCode;
  /** The S3 operation that failed, e.g. `PutObject`, `GetObject`, `ListObjectsV2`. */
  readonly operation?: string;
  readonly bucket?: string;
  readonly key?: string;
  /** HTTP status of the S3 answer, when there was one. */
  readonly status?: number;
  /** S3's error code, e.g. `NoSuchKey`, `AccessDenied`, `NoSuchBucket`. */
  readonly s3Code?: string;
  readonly cause?: unknown;
}

/**
 * An S3 storage operation failed, or its configuration, URI or installation is wrong. Codes:
 * `S3_ERROR` (the S3 service answered with an error, or the connection failed), `NOT_FOUND` (no
 * such object or bucket), `INVALID_S3_URI`, `MISSING_METADATA` (`s3UriFrom` or an upload lacks a
 * bucket or an endpoint), `MISSING_PEER_DEPENDENCY` (the AWS SDK is not installed),
 * `INVALID_OPTIONS`, `INTEGRITY_ERROR` (a download ended short of its announced length). Never
 * carries credentials.
 * @public
 */
export class S3StorageError extends RegistryError {
  override readonly name = "S3StorageError";
  readonly operation?: string;
  readonly bucket?: string;
  readonly key?: string;
  readonly status?: number;
  readonly s3Code?: string;

  constructor(message: string, options: S3StorageErrorOptions) {
    super(message, {
      code: options.code,
      ...(options.cause === undefined ? {} : { cause: options.cause }),
    });
    if (options.operation !== undefined) this.operation = options.operation;
    if (options.bucket !== undefined) this.bucket = options.bucket;
    if (options.key !== undefined) this.key = options.key;
    if (options.status !== undefined) this.status = options.status;
    if (options.s3Code !== undefined) this.s3Code = options.s3Code;
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      operation: this.operation,
      bucket: this.bucket,
      key: this.key,
      status: this.status,
      s3Code: this.s3Code,
    };
  }
}

/** True for an {@link S3StorageError} (also across copies of this package). @public */
export function isS3StorageError(error: unknown): error is S3StorageError {
  return isRegistryError(error) && error.name === "S3StorageError";
}
