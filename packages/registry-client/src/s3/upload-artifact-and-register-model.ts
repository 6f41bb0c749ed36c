import { readdir, stat } from "node:fs/promises";
import { basename } from "node:path";
import { isRegistryError, RegistryError } from "../errors.js";
import type {
  ModelRegistry,
  RegisteredModelEntity,
  RegisterModelOptions,
} from "../model-registry/model-registry-types.js";
import {
  invalidArgument,
  requireRegisterOptions,
  requireText,
} from "../model-registry/require-text.js";
import { createS3Storage } from "./create-s3-storage.js";
import type { S3StorageOptions, S3TransferOptions, S3UploadResult } from "./s3-storage.js";
import { S3StorageError } from "./s3-storage-error.js";
import { joinS3Location, type S3Location } from "./s3-uri.js";
import { s3UriFrom } from "./s3-uri-from.js";

/**
 * Where {@link uploadArtifactAndRegisterModel} uploads: the Python client's `S3Params` in
 * camelCase (`bucket_name` → `bucket`, `s3_prefix` → `prefix`, `endpoint_url` → `endpoint`,
 * `access_key_id`/`secret_access_key` → `credentials`, `multipart_chunksize` → `partSize`),
 * plus the other {@link S3StorageOptions}.
 * @public
 */
export interface S3UploadParams extends S3StorageOptions {
  /** Bucket to upload to. */
  bucket: string;
  /** Key prefix under which the files go (`<prefix>/<file>`); the registered URI names it. */
  prefix: string;
  /**
   * S3 endpoint URL (MinIO, Ceph, AWS), written into the registered URI as `?endpoint=`.
   * @default env AWS_S3_ENDPOINT (required, as in the Python client)
   */
  endpoint?: string;
  /** Region, written into the URI as `&defaultRegion=` when known. @default env AWS_DEFAULT_REGION */
  region?: string;
  /** Files of a directory uploaded at the same time. @default 4 */
  concurrency?: number;
}

/**
 * Options of {@link uploadArtifactAndRegisterModel}: where to upload (`s3`), the options of
 * `registerModel`, and progress reporting and cancellation of the upload.
 * @public
 */
export interface UploadArtifactAndRegisterModelOptions
  extends RegisterModelOptions,
    S3TransferOptions {
  s3: S3UploadParams;
}

/** What {@link uploadArtifactAndRegisterModel} uploaded and registered. @public */
export interface UploadArtifactAndRegisterModelResult {
  /** The registered model (as `registerModel` returns it). */
  readonly registeredModel: RegisteredModelEntity;
  /** The URI registered as the version's model artifact `uri`: `s3://bucket/prefix?endpoint=…`. */
  readonly uri: string;
  /** The objects uploaded, in path order. */
  readonly uploads: readonly S3UploadResult[];
}

/** True when a directory holds at least one file, at any depth. */
async function hasFiles(directory: string): Promise<boolean> {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true });
  return entries.some((entry) => entry.isFile());
}

/**
 * The Python `model-registry` client's `upload_artifact_and_register_model` with S3 upload
 * params: refuses a version that already exists (before uploading anything), uploads the file or
 * the directory at `localPath` to `s3://bucket/prefix/…`, then registers the version with
 * `registry.registerModel(name, uri, options)`, where `uri` is what `s3UriFrom(prefix, { bucket,
 * endpoint, region })` builds, the form KServe and the dashboard read.
 *
 * - A file goes to `<prefix>/<file name>`, a directory's files to `<prefix>/<relative path>`;
 *   the URI names the prefix in both cases (as in Python).
 * - The endpoint is `s3.endpoint`, else env `AWS_S3_ENDPOINT`; without one → `MISSING_METADATA`
 *   before any request. Credentials are `s3.credentials`, else env `AWS_ACCESS_KEY_ID` /
 *   `AWS_SECRET_ACCESS_KEY`, else the AWS SDK's default chain (Python requires the first two).
 * - Requests: the version check (1 when the model does not exist, else 2), the uploads (one PUT per
 *   file up to the part size), then `registerModel` (4 for a new model, 3 for a new version).
 * - A failed or cancelled upload throws before anything is registered (objects already uploaded
 *   stay, as in Python; a cancelled multipart upload leaves no object). If another client creates
 *   the same version during the upload, `registerModel` throws `ALREADY_EXISTS` and the uploaded
 *   objects stay.
 *
 * Node.js only (it reads local files); the AWS SDK is an optional peer dependency.
 * @example
 * const registry = createModelRegistry({ baseUrl: "https://registry.example", author: "ada" });
 * const { uri } = await uploadArtifactAndRegisterModel(registry, "churn", "./model", {
 *   s3: { bucket: "models", prefix: "churn/1", endpoint: "http://minio:9000", region: "us-east-1" },
 *   version: "1", modelFormatName: "onnx", modelFormatVersion: "1",
 * });
 * @public
 */
export async function uploadArtifactAndRegisterModel(
  registry: ModelRegistry,
  name: string,
  localPath: string,
  options: UploadArtifactAndRegisterModelOptions,
): Promise<UploadArtifactAndRegisterModelResult> {
  requireText(name, "name");
  requireText(localPath, "localPath");
  requireRegisterOptions(options);
  const { s3, signal, onProgress, ...registerOptions } = options;
  if (typeof s3 !== "object" || s3 === null) {
    throw invalidArgument(
      "uploadArtifactAndRegisterModel needs `s3` upload params ({ bucket, prefix })",
    );
  }
  requireText(s3.bucket, "s3.bucket");
  if (typeof s3.prefix !== "string") throw invalidArgument("s3.prefix must be a string");
  if (s3.prefix.startsWith("/")) {
    // S3 would store keys starting with "/", which the registered URI cannot name
    throw invalidArgument(`s3.prefix must not start with '/', got ${JSON.stringify(s3.prefix)}`);
  }
  const env = s3.env ?? process.env;
  const endpoint = s3.endpoint || env.AWS_S3_ENDPOINT || undefined;
  if (endpoint === undefined) {
    throw new S3StorageError(
      "An S3 endpoint is required: pass s3.endpoint or set the environment variable AWS_S3_ENDPOINT",
      { code: "MISSING_METADATA" },
    );
  }
  const region = s3.region || env.AWS_DEFAULT_REGION || undefined;
  const prefix = s3.prefix.replace(/\/+$/, "");
  const uri = s3UriFrom(prefix, {
    bucket: s3.bucket,
    endpoint,
    ...(region !== undefined ? { region } : {}),
    env,
  });
  const info = await stat(localPath).catch((error: unknown) => {
    throw new RegistryError(`Path '${localPath}' does not exist`, {
      code: "INVALID_ARGUMENT",
      cause: error,
    });
  });
  if (info.isDirectory() && !(await hasFiles(localPath))) {
    throw invalidArgument(`Directory '${localPath}' holds no files to upload`);
  }
  signal?.throwIfAborted();

  const existing = await registry.getModelVersion(name, options.version).catch((error: unknown) => {
    // The registered model does not exist yet: neither does the version.
    if (isRegistryError(error) && error.code === "NOT_FOUND") return null;
    throw error;
  });
  if (existing !== null) {
    throw new RegistryError(
      `Model \`${name}:${options.version}\` already exists in Model Registry.`,
      {
        code: "ALREADY_EXISTS",
      },
    );
  }

  const { bucket: _bucket, prefix: _prefix, concurrency, ...storageOptions } = s3;
  const storage = createS3Storage({
    ...storageOptions,
    endpoint,
    ...(region !== undefined ? { region } : {}),
    env,
  });
  const target: S3Location = {
    bucket: s3.bucket,
    key: prefix,
    endpoint,
    ...(region !== undefined ? { region } : {}),
  };
  const transfer = {
    ...(signal !== undefined ? { signal } : {}),
    ...(onProgress !== undefined ? { onProgress } : {}),
  };
  let uploads: S3UploadResult[];
  try {
    uploads = info.isDirectory()
      ? await storage.uploadDirectory(localPath, target, {
          ...transfer,
          ...(concurrency !== undefined ? { concurrency } : {}),
        })
      : [
          await storage.uploadFile(
            localPath,
            joinS3Location(target, basename(localPath)),
            transfer,
          ),
        ];
  } finally {
    storage.destroy();
  }
  const registeredModel = await registry.registerModel(name, uri, registerOptions);
  return { registeredModel, uri, uploads };
}
