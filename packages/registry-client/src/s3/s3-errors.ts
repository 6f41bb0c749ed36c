import { S3StorageError } from "./s3-storage-error.js";
import { formatS3Uri, redactUri, type S3Location } from "./s3-uri.js";

interface SdkErrorShape {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  Code?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

const NOT_FOUND_CODES = new Set(["NoSuchKey", "NotFound", "NoSuchBucket", "NoSuchUpload"]);

/**
 * An {@link S3StorageError} for a failed S3 call: `NOT_FOUND` for a missing object or bucket,
 * else `S3_ERROR`, with the operation, location, HTTP status and S3 error code. The SDK error is
 * kept as `cause`; credentials in endpoint URLs are masked in the message.
 * @internal
 */
export function toS3StorageError(
  error: unknown,
  operation: string,
  location: Pick<S3Location, "bucket" | "key">,
): S3StorageError {
  if (error instanceof S3StorageError) return error;
  const e = (typeof error === "object" && error !== null ? error : {}) as SdkErrorShape;
  const status =
    typeof e.$metadata?.httpStatusCode === "number" ? e.$metadata.httpStatusCode : undefined;
  const s3Code =
    typeof e.Code === "string" ? e.Code : typeof e.name === "string" ? e.name : undefined;
  const networkCode = typeof e.code === "string" ? e.code : undefined;
  const detail = typeof e.message === "string" && e.message !== "" ? e.message : String(error);
  const notFound = status === 404 || (s3Code !== undefined && NOT_FOUND_CODES.has(s3Code));
  const what = [
    status !== undefined ? `HTTP ${status}` : undefined,
    s3Code !== undefined && s3Code !== "Error" ? s3Code : networkCode,
  ]
    .filter(Boolean)
    .join(" ");
  const uri = formatS3Uri({ bucket: location.bucket, key: location.key });
  return new S3StorageError(
    redactUri(`${operation} ${uri} failed${what ? ` (${what})` : ""}: ${detail}`),
    {
      code: notFound ? "NOT_FOUND" : "S3_ERROR",
      operation,
      bucket: location.bucket,
      key: location.key,
      ...(status !== undefined ? { status } : {}),
      ...(s3Code !== undefined ? { s3Code } : {}),
      cause: sanitizedCause(s3Code ?? networkCode, detail),
    },
  );
}

function sanitizedCause(name: string | undefined, message: string): Error {
  const cause = new Error(redactUri(message));
  if (name !== undefined) cause.name = name;
  return cause;
}
