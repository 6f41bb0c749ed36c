import {
  type ArtifactRepositoryRegistry,
  defaultArtifactRepositoryRegistry,
} from "../artifacts/artifact-repository-registry.js";
import { MLFLOW_BATCH_LIMITS, splitBatch } from "../async-logging/split-batch.js";
import { checkOptionKeys } from "../check-option-keys.js";
import {
  CONNECTION_OPTION_KEYS,
  type ConnectionOptions,
  pickConnectionOptions,
} from "../connection-options.js";
import { MlflowError } from "../mlflow-error.js";
import { createModelRegistryClientMethods } from "../model-registry/model-registry-client.js";
import { validateBatchItems } from "../operations/validate.js";
import { defaultEnv } from "../runtime.js";
import { getTrackingStore } from "../tracking-store-registry.js";
import type { LogBatchInput, Metric, MlflowStore } from "../types.js";
import { createArtifactMethods } from "./artifact-methods.js";
import { currentUser } from "./current-user.js";
import type {
  KeyValueInput,
  MetricInput,
  MlflowClient,
  SynchronousOption,
} from "./mlflow-client.js";
import { stringifyValue, toKeyValues } from "./stringify-value.js";

/**
 * Options of {@link createMlflowClient}: the tracking URI and how to connect to it (see
 * {@link ConnectionOptions}), or a ready store, and the client's defaults.
 * @public
 */
export interface MlflowClientOptions extends ConnectionOptions {
  /**
   * Tracking URI resolved through the tracking-store registry.
   * @default env MLFLOW_TRACKING_URI (blank counts as unset), else modelregistry://
   */
  trackingUri?: string | undefined;
  /** A store to use instead of resolving `trackingUri` (not combinable with connection options). */
  store?: MlflowStore | undefined;
  /** Clock in ms since the epoch, for default timestamps. @default Date.now */
  now?: (() => number) | undefined;
  /** `RunInfo.userId` when the `mlflow.user` tag is absent. @default currentUser({ env }) */
  userId?: string | undefined;
  /**
   * Read for `MLFLOW_TRACKING_URI`, `MLFLOW_ENABLE_ASYNC_LOGGING`, the user and artifact storage
   * settings (`MLFLOW_S3_ENDPOINT_URL`, `AWS_*`…), and given to the store it creates
   * (`MODEL_REGISTRY_*`). @default process.env
   */
  env?: Record<string, string | undefined> | undefined;
  /**
   * Where artifact URIs are resolved to repositories (`file://`, plain paths, `s3://` built in).
   * @default the shared registry (registerArtifactRepository)
   */
  artifactRepositories?: Pick<ArtifactRepositoryRegistry, "getArtifactRepository"> | undefined;
}

/** Every key of {@link MlflowClientOptions} (a type test checks that none is missing). @internal */
export const CLIENT_OPTION_KEYS = [
  "trackingUri",
  "store",
  "now",
  "userId",
  "env",
  "artifactRepositories",
  ...CONNECTION_OPTION_KEYS,
] as const satisfies readonly (keyof MlflowClientOptions)[];

/**
 * Creates an MLflow-style client (MLflow's `MlflowClient`, camelCase) over a tracking store: the
 * store for `trackingUri` (stores are shared per URI, unless this call gives connection options or
 * its own `env`), or the given `store`.
 * @example
 * const client = createMlflowClient({
 *   trackingUri: "modelregistry+https://registry.example:443",
 *   auth: process.env.REGISTRY_TOKEN,
 *   timeoutMs: 10_000,
 * });
 * @public
 */
export function createMlflowClient(options: MlflowClientOptions = {}): MlflowClient {
  checkOptionKeys(options, CLIENT_OPTION_KEYS, "createMlflowClient");
  const env = options.env ?? defaultEnv();
  const connection = pickConnectionOptions(options);
  if (options.store !== undefined && connection !== undefined) {
    throw MlflowError.invalidParameterValue(
      `createMlflowClient: ${Object.keys(connection).join(", ")} configure the store it creates ` +
        "from trackingUri; they cannot be combined with store (configure that store instead).",
    );
  }
  const store =
    options.store ??
    getTrackingStore(options.trackingUri, {
      ...(options.env === undefined ? {} : { env: options.env }),
      ...(connection === undefined ? {} : { connection }),
    });
  const now = () => Math.floor((options.now ?? Date.now)());
  const asyncByDefault = (env.MLFLOW_ENABLE_ASYNC_LOGGING ?? "").toLowerCase() === "true";
  let defaultUser = options.userId;
  const user = () => {
    defaultUser ??= currentUser({ env });
    return defaultUser;
  };
  const ids = (value: string | string[]) => (Array.isArray(value) ? value : [value]);

  const toBatch = (batch: {
    metrics?: MetricInput[];
    params?: KeyValueInput[];
    tags?: KeyValueInput[];
  }): Required<LogBatchInput> => {
    const timestamp = now();
    return {
      metrics: (batch.metrics ?? []).map(
        (m): Metric => ({
          key: m.key,
          value: m.value,
          timestamp: m.timestamp ?? timestamp,
          step: m.step ?? 0,
        }),
      ),
      params: (batch.params ?? []).map((p) => ({ key: p.key, value: stringifyValue(p.value) })),
      tags: (batch.tags ?? []).map((t) => ({ key: t.key, value: stringifyValue(t.value) })),
    };
  };

  /** Writes one small batch, synchronously or through the async queue (resolving on acceptance). */
  const write = async (
    runId: string,
    batch: LogBatchInput,
    sync: SynchronousOption | undefined,
    direct: () => Promise<void>,
  ): Promise<void> => {
    if (sync?.synchronous ?? !asyncByDefault) return direct();
    await store.logBatchAsync(runId, batch).accepted;
  };

  const artifacts = createArtifactMethods({
    store,
    env,
    repositories: options.artifactRepositories ?? defaultArtifactRepositoryRegistry(),
    now,
    stringify: stringifyValue,
  });

  const client: MlflowClient = {
    store,

    createExperiment: (name, opts = {}) =>
      store.createExperiment(name, {
        ...(opts.artifactLocation === undefined ? {} : { artifactLocation: opts.artifactLocation }),
        tags: toKeyValues(opts.tags),
      }),
    getExperiment: (id) => store.getExperiment(id),
    getExperimentByName: (name) => store.getExperimentByName(name),
    searchExperiments: (opts) => store.searchExperiments(opts),
    deleteExperiment: (id) => store.deleteExperiment(id),
    restoreExperiment: (id) => store.restoreExperiment(id),
    renameExperiment: (id, newName) => store.renameExperiment(id, newName),
    setExperimentTag: (id, key, value) =>
      store.setExperimentTag(id, { key, value: stringifyValue(value) }),
    deleteExperimentTag: (id, key) => store.deleteExperimentTag(id, key),

    createRun: async (experimentId, opts = {}) => {
      const tags = toKeyValues(opts.tags);
      const userTag = tags.find((t) => t.key === "mlflow.user");
      const run = await store.createRun({
        experimentId,
        userId: userTag?.value ?? user(),
        startTime: opts.startTime ?? now(),
        tags,
        ...(opts.runName === undefined ? {} : { runName: opts.runName }),
      });
      artifacts.rememberRun(run);
      return run;
    },
    getRun: async (runId) => {
      const run = await store.getRun(runId);
      artifacts.rememberRun(run);
      return run;
    },
    updateRun: async (runId, update) => {
      if (update.status === undefined && update.name === undefined) return;
      await store.updateRunInfo(runId, {
        ...(update.status === undefined ? {} : { status: update.status }),
        ...(update.name === undefined ? {} : { runName: update.name }),
      });
    },
    setTerminated: async (runId, status = "FINISHED", endTime) => {
      let loggingError: unknown;
      const drained = await store.shutDownAsyncLogging().then(
        () => true,
        (error: unknown) => {
          loggingError = error;
          return false;
        },
      );
      await store.updateRunInfo(runId, { status, endTime: endTime ?? now() });
      if (!drained) throw loggingError;
    },
    deleteRun: (runId) => store.deleteRun(runId),
    restoreRun: (runId) => store.restoreRun(runId),

    logMetric: (runId, key, value, opts) => {
      const metric: Metric = {
        key,
        value,
        timestamp: opts?.timestamp ?? now(),
        step: opts?.step ?? 0,
      };
      return write(runId, { metrics: [metric] }, opts, () => store.logMetric(runId, metric));
    },
    logParam: async (runId, key, value, opts) => {
      const param = { key, value: stringifyValue(value) };
      await write(runId, { params: [param] }, opts, () => store.logParam(runId, param));
      return param.value;
    },
    setTag: (runId, key, value, opts) => {
      const tag = { key, value: stringifyValue(value) };
      return write(runId, { tags: [tag] }, opts, () => store.setTag(runId, tag));
    },
    deleteTag: (runId, key) => store.deleteTag(runId, key),
    logBatch: async (runId, batch, opts) => {
      const full = toBatch(batch);
      if (full.metrics.length + full.params.length + full.tags.length === 0) return;
      // The whole batch is checked before its first call, whatever the split.
      validateBatchItems(full, runId);
      if (!(opts?.synchronous ?? !asyncByDefault)) {
        await store.logBatchAsync(runId, full).accepted;
        return;
      }
      for (const chunk of splitBatch(full, MLFLOW_BATCH_LIMITS)) await store.logBatch(runId, chunk);
    },
    logBatchAsync: (runId, batch) => store.logBatchAsync(runId, toBatch(batch)),
    flush: () => store.flushAsyncLogging(),

    logInputs: (runId, inputs) => store.logInputs(runId, inputs),
    logOutputs: (runId, models) => store.logOutputs(runId, models),
    getMetricHistory: async (runId, key) => {
      const points: Metric[] = [];
      let pageToken: string | undefined;
      do {
        const page = await store.getMetricHistory(
          runId,
          key,
          pageToken === undefined ? {} : { pageToken },
        );
        points.push(...page.items);
        pageToken = page.nextPageToken;
      } while (pageToken);
      return points;
    },
    searchRuns: (experimentIds, opts = {}) =>
      store.searchRuns({ ...opts, experimentIds: ids(experimentIds) }),
    searchDatasets: (experimentIds) => store.searchDatasets(ids(experimentIds)),

    createLoggedModel: (experimentId, opts = {}) => {
      const { tags, params, ...rest } = opts;
      return store.createLoggedModel({
        ...rest,
        experimentId,
        tags: toKeyValues(tags),
        params: toKeyValues(params),
      });
    },
    getLoggedModel: (modelId) => store.getLoggedModel(modelId),
    searchLoggedModels: (experimentIds, opts = {}) =>
      store.searchLoggedModels({ ...opts, experimentIds: ids(experimentIds) }),
    finalizeLoggedModel: (modelId, status) => store.finalizeLoggedModel(modelId, status),
    setLoggedModelTags: (modelId, tags) => store.setLoggedModelTags(modelId, toKeyValues(tags)),
    deleteLoggedModelTag: (modelId, key) => store.deleteLoggedModelTag(modelId, key),
    deleteLoggedModel: (modelId) => store.deleteLoggedModel(modelId),
    logModelParams: (modelId, params) => store.logLoggedModelParams(modelId, toKeyValues(params)),

    logArtifact: artifacts.logArtifact,
    logArtifacts: artifacts.logArtifacts,
    logText: artifacts.logText,
    logDict: artifacts.logDict,
    listArtifacts: artifacts.listArtifacts,
    downloadArtifacts: artifacts.downloadArtifacts,
    logModel: artifacts.logModel,
    logModelArtifact: artifacts.logModelArtifact,
    logModelArtifacts: artifacts.logModelArtifacts,
    listLoggedModelArtifacts: artifacts.listLoggedModelArtifacts,
    downloadLoggedModelArtifacts: artifacts.downloadLoggedModelArtifacts,
    ...createModelRegistryClientMethods({
      store,
      user,
      readRunMlmodel: artifacts.readRunMlmodel,
    }),
  };
  return client;
}
