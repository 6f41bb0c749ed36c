import { S3StorageError } from "./s3-storage-error.js";
import { formatS3Uri } from "./s3-uri.js";

/**
 * Options of {@link s3UriFrom}.
 * @public
 */
export interface S3UriFromOptions {
  /** Bucket name. @default env AWS_S3_BUCKET */
  bucket?: string;
  /** S3 endpoint URL (e.g. `http://minio:9000`). @default env AWS_S3_ENDPOINT */
  endpoint?: string;
  /** Region (left out of the URI when unknown). @default env AWS_DEFAULT_REGION */
  region?: string;
  /** Where the defaults are read. @default process.env */
  env?: Record<string, string | undefined>;
}

/**
 * Builds the S3 URI of `path` the way the Python `model-registry` client's `utils.s3_uri_from`
 * does (same rules, same string), for model artifact URIs that KServe and the Kubeflow dashboard
 * read: `s3://BUCKET/PATH?endpoint=ENDPOINT&defaultRegion=REGION`, or
 * `s3://BUCKET/PATH?endpoint=ENDPOINT` when no region is known.
 *
 * - Without `bucket`, the bucket is env `AWS_S3_BUCKET` (a pre-configured data connection);
 *   neither → `MISSING_METADATA` "Custom environment requires all arguments".
 * - A `bucket` other than `AWS_S3_BUCKET` needs an explicit `endpoint` → else `MISSING_METADATA`
 *   "endpoint must be provided for non-default bucket".
 * - `endpoint` defaults to env `AWS_S3_ENDPOINT` (required: `MISSING_METADATA` without one),
 *   `region` to env `AWS_DEFAULT_REGION` (optional).
 * - The path and values are inserted as given (not percent-encoded), as the Python helper does.
 * @example
 * s3UriFrom("models/churn/v1", { bucket: "ml", endpoint: "http://minio:9000", region: "us-east-1" })
 * // "s3://ml/models/churn/v1?endpoint=http://minio:9000&defaultRegion=us-east-1"
 * @public
 */
export function s3UriFrom(path: string, options: S3UriFromOptions = {}): string {
  const env = options.env ?? process.env;
  const defaultBucket = env.AWS_S3_BUCKET || undefined;
  let bucket = options.bucket || undefined;
  if (bucket === undefined) {
    if (defaultBucket === undefined) missing("Custom environment requires all arguments");
    bucket = defaultBucket;
  } else if ((defaultBucket === undefined || defaultBucket !== bucket) && !options.endpoint) {
    missing("endpoint must be provided for non-default bucket");
  }
  const endpoint = options.endpoint || env.AWS_S3_ENDPOINT || undefined;
  const region = options.region || env.AWS_DEFAULT_REGION || undefined;
  if (endpoint === undefined) {
    missing(
      "Missing environment variable: the endpoint is required (pass `endpoint` or set AWS_S3_ENDPOINT)",
    );
  }
  return formatS3Uri({ bucket, key: path, endpoint, ...(region !== undefined ? { region } : {}) });
}

function missing(message: string): never {
  throw new S3StorageError(message, { code: "MISSING_METADATA" });
}
