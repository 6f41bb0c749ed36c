import {
  createS3Storage,
  isS3StorageError,
  joinS3Location,
  parseS3Uri,
  type S3Location,
  type S3Storage,
} from "@model-registry/registry-client/s3";
import { MlflowError, type MlflowErrorCode } from "../mlflow-error.js";
import type {
  ArtifactRepository,
  ArtifactTransferOptions,
  FileInfo,
} from "./artifact-repository.js";

const S3_ERROR_CODES: Record<string, MlflowErrorCode> = {
  NOT_FOUND: "RESOURCE_DOES_NOT_EXIST",
  INVALID_S3_URI: "INVALID_PARAMETER_VALUE",
  INVALID_OPTIONS: "INVALID_PARAMETER_VALUE",
  MISSING_METADATA: "INVALID_PARAMETER_VALUE",
  MISSING_PEER_DEPENDENCY: "INVALID_STATE",
  INTEGRITY_ERROR: "DATA_LOSS",
};

/** An S3 storage error as an MlflowError (same message, the S3 error as `cause`). @internal */
export function mlflowErrorFromS3(error: unknown, signal?: AbortSignal): unknown {
  if (signal?.aborted) return signal.reason;
  if (!isS3StorageError(error)) return error;
  let code: MlflowErrorCode = S3_ERROR_CODES[error.code] ?? "INTERNAL_ERROR";
  if (error.status === 403) code = "PERMISSION_DENIED";
  else if (error.status === 401) code = "UNAUTHENTICATED";
  else if (error.status !== undefined && error.status >= 500) code = "TEMPORARILY_UNAVAILABLE";
  return new MlflowError(
    error.message.replace(/^\[@model-registry\/registry-client\] /, ""),
    code,
    {
      cause: error,
    },
  );
}

const storages = new WeakMap<object, S3Storage>();

function sharedStorage(env: Record<string, string | undefined>): S3Storage {
  let storage = storages.get(env);
  if (storage === undefined) {
    storage = createS3Storage({ env });
    storages.set(env, storage);
  }
  return storage;
}

/**
 * An artifact repository over S3 for `s3://bucket/prefix` roots (including the
 * `?endpoint=…&defaultRegion=…` form), through `@model-registry/registry-client/s3`.
 * @internal
 */
export function createS3ArtifactRepository(
  rootUri: string,
  options: { env: Record<string, string | undefined>; storage?: S3Storage },
): ArtifactRepository {
  let root: S3Location;
  try {
    root = parseS3Uri(rootUri);
  } catch (error) {
    throw mlflowErrorFromS3(error);
  }
  const storage = options.storage ?? sharedStorage(options.env);
  const rootKey = root.key.replace(/\/+$/, "");
  const rootPrefix = rootKey === "" ? "" : `${rootKey}/`;
  const at = (path: string) => joinS3Location({ ...root, key: rootKey }, path);

  const transfer = (path: string, options: ArtifactTransferOptions) => ({
    ...(options.signal ? { signal: options.signal } : {}),
    onProgress: ({ loaded, total }: { loaded: number; total?: number }) =>
      options.onProgress?.({ path, loaded, ...(total !== undefined ? { total } : {}) }),
  });

  return {
    rootUri,
    async uploadFile(localPath, artifactFile, options = {}) {
      try {
        await storage.uploadFile(localPath, at(artifactFile), transfer(artifactFile, options));
      } catch (error) {
        throw mlflowErrorFromS3(error, options.signal);
      }
    },
    async uploadBytes(data, artifactFile, options = {}) {
      try {
        await storage.uploadStream(data, at(artifactFile), transfer(artifactFile, options));
      } catch (error) {
        throw mlflowErrorFromS3(error, options.signal);
      }
    },
    async list(path, options = {}) {
      const directory = at(path);
      const prefix = directory.key === "" ? "" : `${directory.key}/`;
      const infos: FileInfo[] = [];
      try {
        for await (const entry of storage.list(
          { ...directory, key: prefix },
          { delimiter: "/", ...(options.signal ? { signal: options.signal } : {}) },
        )) {
          if (!entry.key.startsWith(rootPrefix)) continue;
          const relative = entry.key.slice(rootPrefix.length).replace(/\/+$/, "");
          if (relative === "" || entry.key === prefix) continue; // the folder's own marker object
          infos.push(
            entry.type === "prefix"
              ? { path: relative, isDir: true, fileSize: null }
              : { path: relative, isDir: false, fileSize: entry.size },
          );
        }
      } catch (error) {
        throw mlflowErrorFromS3(error, options.signal);
      }
      return infos.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    },
    async downloadFile(artifactFile, localPath, options = {}) {
      try {
        await storage.downloadFile(at(artifactFile), localPath, transfer(artifactFile, options));
      } catch (error) {
        throw mlflowErrorFromS3(error, options.signal);
      }
    },
  };
}
