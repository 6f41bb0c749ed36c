import { randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import { Agent } from "node:https";
import { basename, dirname, join } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ListObjectsV2CommandOutput, S3Client } from "@aws-sdk/client-s3";
import { type AwsSdk, loadAwsSdk } from "./load-aws-sdk.js";
import { credentialsFromEnv, type ResolvedS3Config, resolveS3Config } from "./resolve-s3-config.js";
import { toS3StorageError } from "./s3-errors.js";
import type {
  S3DownloadResult,
  S3ListEntry,
  S3ListOptions,
  S3ObjectInfo,
  S3Storage,
  S3StorageOptions,
  S3TransferOptions,
  S3UploadDirectoryOptions,
  S3UploadOptions,
  S3UploadResult,
} from "./s3-storage.js";
import { S3StorageError } from "./s3-storage-error.js";
import { formatS3Uri, joinS3Location, parseS3Uri, type S3Location } from "./s3-uri.js";

const MIB = 1024 * 1024;
/** S3's smallest multipart part (except the last). */
const MIN_PART_SIZE = 5 * MIB;
const DEFAULT_PART_SIZE = 8 * MIB;
const DEFAULT_QUEUE_SIZE = 4;
/** Pages a single listing may follow before it is treated as a broken server. */
const MAX_LIST_PAGES = 1_000_000;

function toLocation(target: string | S3Location): S3Location {
  return typeof target === "string" ? parseS3Uri(target) : target;
}

function positiveInteger(
  name: string,
  value: number | undefined,
  fallback: number,
  min = 1,
): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < min) {
    throw new S3StorageError(`Invalid ${name} ${String(value)}: it must be an integer ≥ ${min}`, {
      code: "INVALID_OPTIONS",
    });
  }
  return value;
}

function uploadExtraArgsFromEnv(env: Record<string, string | undefined>): Record<string, unknown> {
  const raw = env.MLFLOW_S3_UPLOAD_EXTRA_ARGS;
  if (!raw) return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) {
      return parsed as Record<string, unknown>;
    }
  } catch {
    // reported below
  }
  throw new S3StorageError("MLFLOW_S3_UPLOAD_EXTRA_ARGS must be a JSON object", {
    code: "INVALID_OPTIONS",
  });
}

function abortReason(signal: AbortSignal | undefined): unknown {
  return (
    signal?.reason ?? Object.assign(new Error("The operation was aborted"), { name: "AbortError" })
  );
}

/**
 * Creates an {@link S3Storage}. The AWS SDK (`@aws-sdk/client-s3`, `@aws-sdk/lib-storage`,
 * optional peer dependencies) is loaded on the first transfer; when it is not installed, that
 * transfer rejects with `MISSING_PEER_DEPENDENCY` naming the packages.
 *
 * Clients are made per endpoint and region (a URI's `?endpoint=` can point elsewhere), with the
 * SDK's CRC checksums limited to the operations that require them
 * (`requestChecksumCalculation`/`responseChecksumValidation: "WHEN_REQUIRED"`): S3-compatible
 * servers such as older MinIO, Ceph RGW and s3rver reject or mis-store the `aws-chunked` bodies
 * that default checksums produce.
 * @example
 * const storage = createS3Storage(); // MLFLOW_S3_ENDPOINT_URL, AWS_* from the environment
 * await storage.uploadFile("model.onnx", "s3://models/churn/1/model.onnx", {
 *   onProgress: ({ loaded, total }) => console.log(loaded, total),
 * });
 * @public
 */
export function createS3Storage(options: S3StorageOptions = {}): S3Storage {
  const env = options.env ?? process.env;
  const partSize = positiveInteger("partSize", options.partSize, DEFAULT_PART_SIZE, MIN_PART_SIZE);
  const queueSize = positiveInteger("queueSize", options.queueSize, DEFAULT_QUEUE_SIZE);
  const maxAttempts = positiveInteger("maxAttempts", options.maxAttempts, 3);
  const extraArgs = options.uploadExtraArgs ?? uploadExtraArgsFromEnv(env);
  const clients = new Map<string, Promise<{ sdk: AwsSdk; client: S3Client }>>();

  function clientFor(location: S3Location): Promise<{ sdk: AwsSdk; client: S3Client }> {
    const config: ResolvedS3Config = resolveS3Config(options, location);
    const cacheKey = JSON.stringify(config);
    let entry = clients.get(cacheKey);
    if (entry === undefined) {
      entry = loadAwsSdk().then((sdk) => ({ sdk, client: newClient(sdk, config) }));
      entry.catch(() => clients.delete(cacheKey));
      clients.set(cacheKey, entry);
    }
    return entry;
  }

  function newClient(sdk: AwsSdk, config: ResolvedS3Config): S3Client {
    const credentials = options.credentials ?? credentialsFromEnv(env);
    const tls = config.ignoreTls || options.ca !== undefined;
    return new sdk.s3.S3Client({
      ...(config.endpoint !== undefined ? { endpoint: config.endpoint } : {}),
      ...(config.region !== undefined ? { region: config.region } : {}),
      forcePathStyle: config.forcePathStyle,
      ...(credentials !== undefined ? { credentials } : {}),
      maxAttempts,
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
      ...(tls
        ? {
            requestHandler: {
              httpsAgent: new Agent({
                keepAlive: true,
                rejectUnauthorized: !config.ignoreTls,
                ...(options.ca !== undefined ? { ca: options.ca } : {}),
              }),
            },
          }
        : {}),
    });
  }

  async function upload(
    body: Readable | Uint8Array | string,
    location: S3Location,
    uploadOptions: S3UploadOptions,
    contentLength: number | undefined,
  ): Promise<S3UploadResult> {
    const { signal, onProgress } = uploadOptions;
    signal?.throwIfAborted();
    const { sdk, client } = await clientFor(location);
    signal?.throwIfAborted();
    const where = { bucket: location.bucket, key: location.key };
    const internal = new AbortController();
    const onAbort = () => internal.abort(abortReason(signal));
    signal?.addEventListener("abort", onAbort, { once: true });

    // lib-storage's Upload talks to S3 through this client view: every request but the final
    // CompleteMultipartUpload carries the abort signal, and requests are tracked so that a failed
    // or cancelled upload is settled (and then aborted on the server) before this call returns.
    const inFlight = new Set<Promise<unknown>>();
    let closed = false;
    let uploadId: string | undefined;
    let completed: { ETag?: string } | undefined;
    const view = {
      config: client.config,
      send(command: unknown, sendOptions?: Record<string, unknown>): Promise<unknown> {
        if (closed) return Promise.reject(abortReason(signal));
        const isComplete = command instanceof sdk.s3.CompleteMultipartUploadCommand;
        const sent = client.send(
          command as never,
          isComplete ? sendOptions : { ...sendOptions, abortSignal: internal.signal },
        ) as Promise<unknown>;
        const tracked = sent.then((result) => {
          if (command instanceof sdk.s3.CreateMultipartUploadCommand) {
            uploadId = (result as { UploadId?: string }).UploadId;
          }
          // Once the object is whole (a single PUT or the multipart completion landed), a late
          // cancellation or failure no longer undoes it: the upload counts as done.
          if (isComplete || command instanceof sdk.s3.PutObjectCommand) {
            completed = result as { ETag?: string };
          }
          return result;
        });
        const settled = tracked.then(
          () => undefined,
          () => undefined,
        );
        inFlight.add(settled);
        void settled.then(() => inFlight.delete(settled));
        return tracked;
      },
    };

    const size = contentLength;
    const task = new sdk.storage.Upload({
      client: view as unknown as S3Client,
      params: {
        ...extraArgs,
        Bucket: location.bucket,
        Key: location.key,
        Body: body,
        ...(uploadOptions.contentType !== undefined
          ? { ContentType: uploadOptions.contentType }
          : {}),
        ...(size !== undefined ? { ContentLength: size } : {}),
      },
      partSize,
      queueSize,
      leavePartsOnError: true,
      abortController: internal,
    });
    let loaded = 0;
    task.on("httpUploadProgress", (progress) => {
      loaded = Math.max(loaded, progress.loaded ?? 0);
      onProgress?.({
        ...where,
        loaded,
        ...(progress.total !== undefined
          ? { total: progress.total }
          : size !== undefined
            ? { total: size }
            : {}),
      });
    });
    try {
      const result = (await task.done()) as { ETag?: string };
      return {
        ...where,
        uri: formatS3Uri(location),
        size: size ?? loaded,
        ...(result.ETag !== undefined ? { etag: result.ETag } : {}),
        multipart: uploadId !== undefined,
      };
    } catch (error) {
      closed = true;
      internal.abort(abortReason(signal));
      while (inFlight.size > 0) await Promise.all([...inFlight]);
      if (completed !== undefined) {
        return {
          ...where,
          uri: formatS3Uri(location),
          size: size ?? loaded,
          ...(completed.ETag !== undefined ? { etag: completed.ETag } : {}),
          multipart: uploadId !== undefined,
        };
      }
      let abortFailure: unknown;
      if (uploadId !== undefined) {
        await client
          .send(
            new sdk.s3.AbortMultipartUploadCommand({
              Bucket: location.bucket,
              Key: location.key,
              UploadId: uploadId,
            }),
          )
          .catch((failure: unknown) => {
            abortFailure = failure;
          });
      }
      if (signal?.aborted) throw signal.reason;
      const failure = toS3StorageError(
        error,
        uploadId !== undefined ? "MultipartUpload" : "PutObject",
        where,
      );
      if (abortFailure !== undefined) {
        // The upload's parts may remain on the server (a lifecycle rule can clean them up).
        Object.defineProperty(failure, "abortFailure", {
          value: toS3StorageError(abortFailure, "AbortMultipartUpload", where),
          enumerable: false,
        });
      }
      throw failure;
    } finally {
      signal?.removeEventListener("abort", onAbort);
    }
  }

  async function uploadFile(
    localPath: string,
    target: string | S3Location,
    uploadOptions: S3UploadOptions = {},
  ): Promise<S3UploadResult> {
    const location = toLocation(target);
    const info = await stat(localPath).catch((error: unknown) => {
      throw new S3StorageError(`Cannot read '${localPath}': ${(error as Error).message}`, {
        code: "INVALID_OPTIONS",
        cause: error,
      });
    });
    if (!info.isFile()) {
      throw new S3StorageError(`'${localPath}' is not a file`, { code: "INVALID_OPTIONS" });
    }
    const stream = createReadStream(localPath);
    try {
      return await upload(stream, location, uploadOptions, info.size);
    } finally {
      stream.destroy();
    }
  }

  async function uploadStream(
    body: Readable | Uint8Array | string,
    target: string | S3Location,
    uploadOptions: S3UploadOptions = {},
  ): Promise<S3UploadResult> {
    const location = toLocation(target);
    const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : body;
    const length =
      uploadOptions.contentLength ?? (bytes instanceof Uint8Array ? bytes.byteLength : undefined);
    return upload(bytes, location, uploadOptions, length);
  }

  async function uploadDirectory(
    localDir: string,
    target: string | S3Location,
    uploadOptions: S3UploadDirectoryOptions = {},
  ): Promise<S3UploadResult[]> {
    const location = toLocation(target);
    const concurrency = positiveInteger("concurrency", uploadOptions.concurrency, 4);
    const files = await listLocalFiles(localDir);
    const results: S3UploadResult[] = new Array(files.length);
    let next = 0;
    let failure: { error: unknown } | undefined;
    const worker = async () => {
      while (failure === undefined && next < files.length) {
        const index = next++;
        const relative = files[index]!;
        try {
          results[index] = await uploadFile(
            join(localDir, ...relative.split("/")),
            joinS3Location(location, relative),
            uploadOptions,
          );
        } catch (error) {
          failure ??= { error };
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, files.length) }, worker));
    if (failure !== undefined) throw failure.error;
    return results;
  }

  async function downloadFile(
    source: string | S3Location,
    localPath: string,
    transferOptions: S3TransferOptions = {},
  ): Promise<S3DownloadResult> {
    const { signal, onProgress } = transferOptions;
    const location = toLocation(source);
    const where = { bucket: location.bucket, key: location.key };
    signal?.throwIfAborted();
    const { sdk, client } = await clientFor(location);
    const directory = dirname(localPath);
    await mkdir(directory, { recursive: true });
    const temporary = join(directory, `.${basename(localPath)}.${randomUUID().slice(0, 8)}.part`);
    let loaded = 0;
    let total: number | undefined;
    try {
      const response = await client.send(
        new sdk.s3.GetObjectCommand({ Bucket: location.bucket, Key: location.key }),
        signal ? { abortSignal: signal } : {},
      );
      total = response.ContentLength;
      const body = response.Body;
      if (!(body instanceof Readable)) {
        throw new S3StorageError(`GetObject ${formatS3Uri(where)} returned no readable body`, {
          code: "S3_ERROR",
          operation: "GetObject",
          ...where,
        });
      }
      const counter = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          loaded += chunk.length;
          onProgress?.({ ...where, loaded, ...(total !== undefined ? { total } : {}) });
          callback(null, chunk);
        },
      });
      await pipeline(body, counter, createWriteStream(temporary, { flags: "wx" }), {
        ...(signal ? { signal } : {}),
      });
      if (total !== undefined && loaded !== total) {
        throw new S3StorageError(
          `GetObject ${formatS3Uri(where)} ended after ${loaded} of ${total} bytes`,
          { code: "INTEGRITY_ERROR", operation: "GetObject", ...where },
        );
      }
      await rename(temporary, localPath);
      return { ...where, path: localPath, size: loaded };
    } catch (error) {
      await rm(temporary, { force: true });
      if (signal?.aborted) throw signal.reason;
      throw toS3StorageError(error, "GetObject", where);
    }
  }

  async function* list(
    prefix: string | S3Location,
    listOptions: S3ListOptions = {},
  ): AsyncGenerator<S3ListEntry> {
    const location = toLocation(prefix);
    const pageSize = positiveInteger("pageSize", listOptions.pageSize, 1000);
    const { sdk, client } = await clientFor(location);
    const where = { bucket: location.bucket, key: location.key };
    const seen = new Set<string>();
    let token: string | undefined;
    for (let page = 0; page < MAX_LIST_PAGES; page++) {
      listOptions.signal?.throwIfAborted();
      let response: ListObjectsV2CommandOutput;
      try {
        response = await client.send(
          new sdk.s3.ListObjectsV2Command({
            Bucket: location.bucket,
            Prefix: location.key,
            MaxKeys: pageSize,
            ...(listOptions.delimiter ? { Delimiter: listOptions.delimiter } : {}),
            ...(token !== undefined ? { ContinuationToken: token } : {}),
          }),
          listOptions.signal ? { abortSignal: listOptions.signal } : {},
        );
      } catch (error) {
        if (listOptions.signal?.aborted) throw listOptions.signal.reason;
        throw toS3StorageError(error, "ListObjectsV2", where);
      }
      for (const common of response.CommonPrefixes ?? []) {
        if (common.Prefix !== undefined) yield { type: "prefix", key: common.Prefix };
      }
      for (const object of response.Contents ?? []) {
        if (object.Key === undefined) continue;
        yield {
          type: "object",
          key: object.Key,
          size: object.Size ?? 0,
          ...(object.LastModified !== undefined ? { lastModified: object.LastModified } : {}),
          ...(object.ETag !== undefined ? { etag: object.ETag } : {}),
        };
      }
      if (!response.IsTruncated) return;
      token = response.NextContinuationToken;
      if (token === undefined || seen.has(token)) {
        throw new S3StorageError(
          `ListObjectsV2 ${formatS3Uri(where)}: the server reported more results without a new continuation token`,
          { code: "S3_ERROR", operation: "ListObjectsV2", ...where },
        );
      }
      seen.add(token);
    }
    throw new S3StorageError(
      `ListObjectsV2 ${formatS3Uri(where)}: more than ${MAX_LIST_PAGES} pages`,
      {
        code: "S3_ERROR",
        operation: "ListObjectsV2",
        ...where,
      },
    );
  }

  async function statObject(
    target: string | S3Location,
    statOptions: { signal?: AbortSignal } = {},
  ): Promise<S3ObjectInfo | null> {
    const location = toLocation(target);
    const where = { bucket: location.bucket, key: location.key };
    const { sdk, client } = await clientFor(location);
    try {
      const head = await client.send(
        new sdk.s3.HeadObjectCommand({ Bucket: location.bucket, Key: location.key }),
        statOptions.signal ? { abortSignal: statOptions.signal } : {},
      );
      return {
        ...where,
        size: head.ContentLength ?? 0,
        ...(head.ETag !== undefined ? { etag: head.ETag } : {}),
        ...(head.LastModified !== undefined ? { lastModified: head.LastModified } : {}),
        ...(head.ContentType !== undefined ? { contentType: head.ContentType } : {}),
      };
    } catch (error) {
      if (statOptions.signal?.aborted) throw statOptions.signal.reason;
      const failure = toS3StorageError(error, "HeadObject", where);
      if (failure.code === "NOT_FOUND") return null;
      throw failure;
    }
  }

  return {
    uploadFile,
    uploadStream,
    uploadDirectory,
    downloadFile,
    list,
    stat: statObject,
    destroy() {
      const all = [...clients.values()];
      clients.clear();
      for (const entry of all) {
        entry.then(({ client }) => client.destroy()).catch(() => undefined);
      }
    },
  };
}

/** Files below `root`, as `/`-separated paths relative to it, sorted; follows no symlinked folders. */
async function listLocalFiles(root: string): Promise<string[]> {
  const info = await stat(root).catch((error: unknown) => {
    throw new S3StorageError(`Cannot read '${root}': ${(error as Error).message}`, {
      code: "INVALID_OPTIONS",
      cause: error,
    });
  });
  if (!info.isDirectory()) {
    throw new S3StorageError(`'${root}' is not a directory`, { code: "INVALID_OPTIONS" });
  }
  const files: string[] = [];
  const walk = async (relative: string): Promise<void> => {
    const entries = await readdir(relative === "" ? root : join(root, relative), {
      withFileTypes: true,
    });
    for (const entry of entries) {
      const path = relative === "" ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) files.push(path);
      else if (entry.isSymbolicLink()) {
        const target = await stat(join(root, path)).catch(() => undefined);
        if (target?.isFile()) files.push(path);
      }
    }
  };
  await walk("");
  return files.sort();
}
