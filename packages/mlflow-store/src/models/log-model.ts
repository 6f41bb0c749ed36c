import { stat } from "node:fs/promises";
import { basename, join } from "node:path";
import type {
  ArtifactRepository,
  ArtifactTransferOptions,
} from "../artifacts/artifact-repository.js";
import { localFiles } from "../artifacts/artifact-transfers.js";
import { toYaml } from "../artifacts/dict-artifact.js";
import { validateLoggedModelDescription } from "../logged-models/mlflow-model-properties.js";
import { MlflowError } from "../mlflow-error.js";
import { mapConcurrent } from "../operations/map-concurrent.js";
import type { KeyValue, LoggedModel, LoggedModelDescription, MlflowStore, Run } from "../types.js";
import { buildMlmodel, type ModelSignature, utcTimeCreated } from "./mlmodel.js";
import { GENERIC_FLAVOR, MLMODEL_FILE_NAME } from "./model-constants.js";

/**
 * What `logModel` logs: the model's files, its MLflow description (flavors, signature,
 * metadata) and the logged model's name, type, params and tags.
 * @public
 */
export interface LogModelOptions extends ArtifactTransferOptions {
  /**
   * The model's files: a directory (its contents become the model directory), a file, or several
   * of either. Omitted: the model holds only its MLmodel file.
   */
  path?: string | readonly string[];
  /** Logged model name. @default a generated name, as MLflow */
  name?: string;
  /**
   * Flavors as MLflow writes them in MLmodel, e.g. `{ onnx: { onnx_version: "1.16", data: "model.onnx" } }`
   * or `{ python_function: { loader_module: "…" } }`; they are data, written as given.
   * @default { generic: {} }
   */
  flavors?: Record<string, Record<string, unknown>>;
  signature?: ModelSignature;
  /** Free-form metadata stored in MLmodel's `metadata`. */
  metadata?: Record<string, unknown>;
  modelType?: string;
  /** Logged-model params (values stringified); the run's params are added, as MLflow does. */
  params?: Record<string, unknown>;
  /** Logged-model tags (values stringified). */
  tags?: Record<string, unknown>;
  /** Step of the run output. @default 0 */
  step?: number;
  /** Source run: the model is recorded as its output. The fluent API uses the active run. */
  runId?: string;
  /** Experiment of a model logged without a run (with a run: the run's experiment). */
  experimentId?: string;
  /** Written as MLmodel's `mlflow_version` when given. */
  mlflowVersion?: string;
}

/**
 * A model logged by `logModel`: the logged model (READY) and what its MLmodel file says, with the
 * URI that names it (`models:/<modelId>`).
 * @public
 */
export interface LoggedModelInfo extends LoggedModel {
  /** `models:/<modelId>` */
  modelUri: string;
  flavors: Record<string, Record<string, unknown>>;
  runId: string | null;
  utcTimeCreated: string;
  /** Total size of the model's files (MLmodel excluded). */
  modelSizeBytes: number;
  signature?: ModelSignature;
  metadata?: Record<string, unknown>;
  /** The MLmodel dictionary as written. */
  mlmodel: Record<string, unknown>;
}

/** What `logModel` needs from the client. @internal */
export interface LogModelContext {
  readonly store: MlflowStore;
  readonly now: () => number;
  getRun(runId: string): Promise<Run>;
  repository(rootUri: string): Promise<ArtifactRepository>;
  stringify(value: unknown): string;
}

/** Model files uploaded at the same time. */
const UPLOAD_CONCURRENCY = 4;

interface ModelFile {
  readonly localPath: string;
  readonly artifactPath: string;
  readonly size: number;
}

async function collectFiles(paths: readonly string[]): Promise<ModelFile[]> {
  const files: ModelFile[] = [];
  for (const path of paths) {
    const info = await stat(path).catch((error: unknown) => {
      throw MlflowError.invalidParameterValue(
        `Cannot log model file '${path}': no such file or directory.`,
        { cause: error },
      );
    });
    if (info.isDirectory()) {
      for (const relative of await localFiles(path)) {
        const localPath = join(path, ...relative.split("/"));
        files.push({ localPath, artifactPath: relative, size: (await stat(localPath)).size });
      }
    } else {
      files.push({ localPath: path, artifactPath: basename(path), size: info.size });
    }
  }
  const seen = new Set<string>();
  for (const file of files) {
    if (file.artifactPath === MLMODEL_FILE_NAME) {
      throw MlflowError.invalidParameterValue(
        `Cannot log model file '${file.localPath}': '${MLMODEL_FILE_NAME}' is written by logModel from its options.`,
      );
    }
    if (seen.has(file.artifactPath)) {
      throw MlflowError.invalidParameterValue(
        `Two model files would be stored as '${file.artifactPath}'.`,
      );
    }
    seen.add(file.artifactPath);
  }
  return files.sort((a, b) => (a.artifactPath < b.artifactPath ? -1 : 1));
}

function keyValues(
  record: Record<string, unknown> | undefined,
  stringify: (v: unknown) => string,
): KeyValue[] {
  return Object.entries(record ?? {}).map(([key, value]) => ({ key, value: stringify(value) }));
}

/**
 * MLflow 3's `Model.log` on the store: creates the logged model (PENDING, in the registry layout),
 * records it as the run's output, uploads the files and then the MLmodel file to the model's
 * artifact location, and finalizes it READY; when anything after the creation fails (or is
 * cancelled) the model is finalized FAILED and the error rethrown.
 * @internal
 */
export async function logModel(
  ctx: LogModelContext,
  options: LogModelOptions,
): Promise<LoggedModelInfo> {
  options.signal?.throwIfAborted();
  const paths =
    options.path === undefined
      ? []
      : typeof options.path === "string"
        ? [options.path]
        : options.path;
  const files = await collectFiles(paths);
  const flavors = options.flavors ?? { [GENERIC_FLAVOR]: {} };
  const createdAt = utcTimeCreated(ctx.now());
  const description: LoggedModelDescription = {
    flavors,
    utcTimeCreated: createdAt,
    ...(options.mlflowVersion !== undefined ? { mlflowVersion: options.mlflowVersion } : {}),
  };
  validateLoggedModelDescription(description);
  const step = options.step ?? 0;
  if (!Number.isSafeInteger(step)) {
    throw MlflowError.invalidParameterValue(`Invalid step ${String(step)}: it must be an integer.`);
  }
  const run = options.runId !== undefined ? await ctx.getRun(options.runId) : undefined;
  const experimentId = run?.info.experimentId ?? options.experimentId;
  if (experimentId === undefined) {
    throw MlflowError.invalidParameterValue("logModel needs a runId or an experimentId.");
  }
  const params = new Map<string, string>();
  for (const { key, value } of keyValues(options.params, ctx.stringify)) params.set(key, value);
  for (const [key, value] of Object.entries(run?.data.params ?? {})) params.set(key, value);

  const created = await ctx.store.createLoggedModel({
    experimentId,
    ...(options.name !== undefined ? { name: options.name } : {}),
    ...(options.runId !== undefined ? { sourceRunId: options.runId } : {}),
    ...(options.modelType !== undefined ? { modelType: options.modelType } : {}),
    tags: keyValues(options.tags, ctx.stringify),
    params: [...params].map(([key, value]) => ({ key, value })),
    // the flavors on the logged model too: registering it reads the format from there
    mlflowModel: description,
  });
  const modelSizeBytes = files.reduce((sum, file) => sum + file.size, 0);
  const mlmodel = buildMlmodel({
    artifactPath: created.artifactLocation,
    flavors,
    modelId: created.modelId,
    runId: options.runId,
    utcTimeCreated: createdAt,
    signature: options.signature,
    metadata: options.metadata,
    modelSizeBytes,
    mlflowVersion: options.mlflowVersion,
  });
  const transfer: ArtifactTransferOptions = {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  };
  let finalized: LoggedModel;
  try {
    if (options.runId !== undefined) {
      await ctx.store.logOutputs(options.runId, [{ modelId: created.modelId, step }]);
    }
    const repository = await ctx.repository(created.artifactLocation);
    await mapConcurrent(files, UPLOAD_CONCURRENCY, (file) =>
      repository.uploadFile(file.localPath, file.artifactPath, transfer),
    );
    // MLmodel last: a reader that finds it finds every file it describes.
    await repository.uploadBytes(
      new TextEncoder().encode(toYaml(mlmodel)),
      MLMODEL_FILE_NAME,
      transfer,
    );
    finalized = await ctx.store.finalizeLoggedModel(created.modelId, "READY");
  } catch (error) {
    await ctx.store.finalizeLoggedModel(created.modelId, "FAILED").catch(() => undefined);
    throw error;
  }
  return {
    ...finalized,
    modelUri: `models:/${finalized.modelId}`,
    flavors,
    runId: options.runId ?? null,
    utcTimeCreated: mlmodel["utc_time_created"] as string,
    modelSizeBytes,
    ...(options.signature !== undefined ? { signature: options.signature } : {}),
    ...(options.metadata !== undefined ? { metadata: options.metadata } : {}),
    mlmodel,
  };
}
