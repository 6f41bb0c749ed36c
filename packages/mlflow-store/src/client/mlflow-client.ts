import type { MlflowClientModelRegistry } from "../model-registry/model-registry-client.js";
import type {
  AsyncLoggingHandle,
  CreateLoggedModelInput,
  DatasetInput,
  DatasetSummary,
  Experiment,
  LoggedModel,
  LoggedModelInput,
  LoggedModelOutput,
  LoggedModelStatus,
  Metric,
  MlflowStore,
  PagedList,
  Run,
  RunStatus,
  SearchExperimentsOptions,
  SearchLoggedModelsOptions,
  SearchRunsOptions,
} from "../types.js";
import type { ArtifactMethods } from "./artifact-methods.js";

/** Tags or params as MLflow's client takes them: a record, values stringified. @public */
export type TagsInput = Record<string, unknown>;

/** Per-call choice of MLflow's async logging. @public */
export interface SynchronousOption {
  /**
   * `false` queues the write in the store's async logging queue and resolves once it is accepted
   * (errors surface from `flush()`/`setTerminated()`). @default true, or `false` when env
   * `MLFLOW_ENABLE_ASYNC_LOGGING=true`
   */
  synchronous?: boolean;
}

/** A metric as `logBatch` takes it; `timestamp` defaults to now, `step` to 0. @public */
export interface MetricInput {
  key: string;
  value: number;
  timestamp?: number;
  step?: number;
}

/** A param or tag as `logBatch` takes it; the value is stringified. @public */
export interface KeyValueInput {
  key: string;
  value: unknown;
}

/**
 * MLflow's `MlflowClient` over an {@link MlflowStore}: the same operations, camelCase, with the
 * client's defaults (timestamps now, step 0, values stringified, oversized batches split).
 * It never touches the fluent API's active run.
 * @public
 */
export interface MlflowClient extends ArtifactMethods, MlflowClientModelRegistry {
  /** The store every call goes to. */
  readonly store: MlflowStore;

  createExperiment(
    name: string,
    options?: { artifactLocation?: string; tags?: TagsInput },
  ): Promise<string>;
  getExperiment(experimentId: string): Promise<Experiment>;
  getExperimentByName(name: string): Promise<Experiment | null>;
  searchExperiments(options?: SearchExperimentsOptions): Promise<PagedList<Experiment>>;
  deleteExperiment(experimentId: string): Promise<void>;
  restoreExperiment(experimentId: string): Promise<void>;
  renameExperiment(experimentId: string, newName: string): Promise<void>;
  setExperimentTag(experimentId: string, key: string, value: unknown): Promise<void>;
  deleteExperimentTag(experimentId: string, key: string): Promise<void>;

  /** `userId` comes from the `mlflow.user` tag, else the current user; `startTime` defaults to now. */
  createRun(
    experimentId: string,
    options?: { startTime?: number; tags?: TagsInput; runName?: string },
  ): Promise<Run>;
  getRun(runId: string): Promise<Run>;
  /** Changes status and/or name; a no-op when neither is given. */
  updateRun(runId: string, update: { status?: RunStatus; name?: string }): Promise<void>;
  /**
   * Ends a run: drains async logging (its failures are rethrown after the run is updated), then
   * sets `status` (default FINISHED) and `endTime` (default now).
   */
  setTerminated(runId: string, status?: RunStatus, endTime?: number): Promise<void>;
  deleteRun(runId: string): Promise<void>;
  restoreRun(runId: string): Promise<void>;

  logMetric(
    runId: string,
    key: string,
    value: number,
    options?: { timestamp?: number; step?: number } & SynchronousOption,
  ): Promise<void>;
  /** Logs a param (value stringified) and returns the stored string. */
  logParam(
    runId: string,
    key: string,
    value: unknown,
    options?: SynchronousOption,
  ): Promise<string>;
  setTag(runId: string, key: string, value: unknown, options?: SynchronousOption): Promise<void>;
  deleteTag(runId: string, key: string): Promise<void>;
  /** Logs everything, split into store calls within MLflow's batch limits; nothing to log → no call. */
  logBatch(
    runId: string,
    batch: { metrics?: MetricInput[]; params?: KeyValueInput[]; tags?: KeyValueInput[] },
    options?: SynchronousOption,
  ): Promise<void>;
  /** Queues a batch in the store's async logging queue; see {@link AsyncLoggingHandle}. */
  logBatchAsync(
    runId: string,
    batch: { metrics?: MetricInput[]; params?: KeyValueInput[]; tags?: KeyValueInput[] },
  ): AsyncLoggingHandle;
  /** Waits until everything queued by async logging is persisted. */
  flush(): Promise<void>;

  logInputs(
    runId: string,
    inputs: { datasets?: DatasetInput[]; models?: LoggedModelInput[] },
  ): Promise<void>;
  logOutputs(runId: string, models: LoggedModelOutput[]): Promise<void>;
  /** The full history of one metric (every page). */
  getMetricHistory(runId: string, key: string): Promise<Metric[]>;
  searchRuns(
    experimentIds: string | string[],
    options?: Omit<SearchRunsOptions, "experimentIds">,
  ): Promise<PagedList<Run>>;
  searchDatasets(experimentIds: string | string[]): Promise<DatasetSummary[]>;

  createLoggedModel(
    experimentId: string,
    options?: Omit<CreateLoggedModelInput, "experimentId" | "tags" | "params"> & {
      tags?: TagsInput;
      params?: TagsInput;
    },
  ): Promise<LoggedModel>;
  getLoggedModel(modelId: string): Promise<LoggedModel>;
  searchLoggedModels(
    experimentIds: string | string[],
    options?: Omit<SearchLoggedModelsOptions, "experimentIds">,
  ): Promise<PagedList<LoggedModel>>;
  finalizeLoggedModel(modelId: string, status: LoggedModelStatus): Promise<LoggedModel>;
  setLoggedModelTags(modelId: string, tags: TagsInput): Promise<void>;
  deleteLoggedModelTag(modelId: string, key: string): Promise<void>;
  deleteLoggedModel(modelId: string): Promise<void>;
  logModelParams(modelId: string, params: TagsInput): Promise<void>;
}
