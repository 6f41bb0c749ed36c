/**
 * MLflow-side entity shapes and the tracking-store interface.
 *
 * Every method mirrors MLflow's `AbstractStore` operation of the same name in camelCase. Times are
 * milliseconds since the epoch (numbers); ids are strings.
 */

import type { MlflowModelRegistryStore } from "./model-registry/model-registry-types.js";

/** Whether an experiment or run is live or soft-deleted (restorable). @public */
export type LifecycleStage = "active" | "deleted";
/** Which lifecycle stages a search returns. @public */
export type ViewType = "ACTIVE_ONLY" | "DELETED_ONLY" | "ALL";
/** An MLflow run's status. @public */
export type RunStatus = "RUNNING" | "SCHEDULED" | "FINISHED" | "FAILED" | "KILLED";
/** A logged model's status. @public */
export type LoggedModelStatus = "PENDING" | "READY" | "FAILED" | "UNSPECIFIED";

/** A tag or param: one key and its string value. @public */
export interface KeyValue {
  readonly key: string;
  readonly value: string;
}

/** An MLflow experiment, as the store returns it. @public */
export interface Experiment {
  experimentId: string;
  name: string;
  artifactLocation: string;
  lifecycleStage: LifecycleStage;
  tags: Record<string, string>;
  creationTime: number | null;
  lastUpdateTime: number | null;
}

/** A run's metadata: ids, name, owner, status, times, lifecycle stage and artifact URI. @public */
export interface RunInfo {
  runId: string;
  runName: string;
  experimentId: string;
  userId: string;
  status: RunStatus;
  startTime: number;
  endTime: number | null;
  lifecycleStage: LifecycleStage;
  artifactUri: string;
}

/** A run's latest metrics, params and tags. @public */
export interface RunData {
  /** Latest value per metric key (MLflow's rule: max step, then max timestamp, then max value). */
  metrics: Record<string, number>;
  params: Record<string, string>;
  tags: Record<string, string>;
}

/** A dataset as MLflow describes it (name, digest, source, optional schema and profile). @public */
export interface Dataset {
  name: string;
  digest: string;
  sourceType: string;
  source: string;
  schema?: string;
  profile?: string;
}

/** A dataset a run used, with its input tags (such as `mlflow.data.context`). @public */
export interface DatasetInput {
  dataset: Dataset;
  tags: KeyValue[];
}

/** A logged model a run used as an input. @public */
export interface LoggedModelInput {
  modelId: string;
}

/** A logged model a run produced, at a step. @public */
export interface LoggedModelOutput {
  modelId: string;
  step: number;
}

/** What a run used: datasets and logged models. @public */
export interface RunInputs {
  datasetInputs: DatasetInput[];
  modelInputs: LoggedModelInput[];
}

/** What a run produced: logged models. @public */
export interface RunOutputs {
  modelOutputs: LoggedModelOutput[];
}

/** An MLflow run: its info, latest data, inputs and outputs. @public */
export interface Run {
  info: RunInfo;
  data: RunData;
  inputs: RunInputs;
  outputs: RunOutputs;
}

/** One metric value at a step. @public */
export interface Metric {
  key: string;
  value: number;
  /** Milliseconds since the epoch. */
  timestamp: number;
  step: number;
}

/** A metric value together with the run it belongs to. @public */
export interface MetricWithRunId extends Metric {
  runId: string;
}

/** An MLflow logged model (stored as a registry model artifact). @public */
export interface LoggedModel {
  modelId: string;
  experimentId: string;
  name: string;
  sourceRunId: string | null;
  artifactLocation: string;
  modelType: string | null;
  status: LoggedModelStatus;
  statusMessage?: string | null;
  creationTimestamp: number;
  lastUpdatedTimestamp: number;
  tags: Record<string, string>;
  params: Record<string, string>;
}

/** A page of results. `nextPageToken` is opaque and absent on the last page. @public */
export interface PagedList<T> {
  items: T[];
  nextPageToken?: string;
}

/**
 * Options of `searchExperiments`: view type, page size, MLflow filter string, order-by clauses,
 * page token.
 * @public
 */
export interface SearchExperimentsOptions {
  viewType?: ViewType;
  maxResults?: number;
  filterString?: string;
  orderBy?: string[];
  pageToken?: string;
}

/**
 * Options of `searchRuns`: experiments to search, MLflow filter string, view type, page size,
 * order-by clauses, page token.
 * @public
 */
export interface SearchRunsOptions {
  experimentIds: string[];
  filterString?: string;
  runViewType?: ViewType;
  maxResults?: number;
  orderBy?: string[];
  pageToken?: string;
}

/**
 * Options of `searchLoggedModels`: experiments to search, MLflow filter string, datasets metric
 * filters apply to, page size, ordering, page token.
 * @public
 */
export interface SearchLoggedModelsOptions {
  experimentIds: string[];
  filterString?: string;
  /** Restrict metric filters/ordering to metrics computed on these datasets. */
  datasets?: { datasetName: string; datasetDigest?: string }[];
  maxResults?: number;
  orderBy?: {
    fieldName: string;
    ascending?: boolean;
    datasetName?: string;
    datasetDigest?: string;
  }[];
  pageToken?: string;
}

/**
 * Input of `createRun`: the experiment, and optionally the user, start time, tags and run name.
 * @public
 */
export interface CreateRunInput {
  experimentId: string;
  userId?: string;
  startTime?: number;
  tags?: KeyValue[] | Record<string, string>;
  runName?: string;
}

/** Input of `logBatch`: metrics, params and tags to write to one run. @public */
export interface LogBatchInput {
  metrics?: Metric[];
  params?: KeyValue[];
  tags?: KeyValue[];
}

/**
 * Input of `createLoggedModel`: the experiment, and optionally a name, source run, model type,
 * artifact location, tags and params.
 * @public
 */
export interface CreateLoggedModelInput {
  experimentId: string;
  name?: string;
  sourceRunId?: string;
  modelType?: string;
  artifactLocation?: string;
  tags?: KeyValue[] | Record<string, string>;
  params?: KeyValue[] | Record<string, string>;
  /**
   * What the model's MLmodel file says, recorded on the logged model (`mlflow__flavor_NAME` per
   * flavor, `mlflow__utc_time_created`, `mlflow__mlflow_version`, the Python plugin's keys) so that
   * registering it takes the model format from its flavor without reading the file. `logModel`
   * sets it; MLflow's `create_logged_model` has no such argument.
   */
  mlflowModel?: LoggedModelDescription;
}

/**
 * The parts of an MLmodel file a logged model records: its flavors (as MLflow writes them, e.g.
 * `{ onnx: { onnx_version: "1.16.0" } }`), creation time and MLflow version.
 * @public
 */
export interface LoggedModelDescription {
  flavors: Record<string, Record<string, unknown>>;
  /** MLmodel's `utc_time_created`. */
  utcTimeCreated?: string;
  /** MLmodel's `mlflow_version`. */
  mlflowVersion?: string;
}

/** An MLflow `Model` (MLmodel file) recorded against a run, as `recordLoggedModel` takes it. @public */
export interface MlflowModelDict {
  artifactPath: string;
  runId?: string;
  modelUuid?: string;
  utcTimeCreated?: string;
  mlflowVersion?: string;
  flavors?: Record<string, unknown>;
  [key: string]: unknown;
}

/** Returned by `logBatchAsync` for one request. @public */
export interface AsyncLoggingHandle {
  /** Resolves when the request's items are persisted; rejects with the error that stopped them. */
  wait(): Promise<void>;
  /**
   * Resolves once the request is inside the bounded queue. Producers that await it before logging
   * more are throttled to the registry's pace (backpressure); it never rejects. After the queue
   * was closed (`closeAsyncLogging`, the exit hook) a request is not accepted: this promise and
   * `wait()` never settle, so a producer pauses while the process drains and ends.
   */
  readonly accepted: Promise<void>;
}

/** How many async logging requests, and items in them, a count covers. @public */
export interface AsyncLoggingCounts {
  requests: number;
  metrics: number;
  params: number;
  tags: number;
}

/** Options of closing async logging (`closeAsyncLogging`, the exit hook). @public */
export interface AsyncLoggingCloseOptions {
  /** Longest wait for the drain, in ms; what is not written by then is reported as unwritten. @default 25000 */
  timeoutMs?: number;
  /** Why the queue closes ("SIGTERM", "beforeExit"…), for messages. @default "close" */
  reason?: string;
}

/** What closing async logging achieved. @public */
export interface AsyncLoggingDrainReport {
  reason: string;
  /** Logged before the close and not written yet at that moment (queued, waiting for room, in flight). */
  pending: AsyncLoggingCounts;
  /** Of the pending requests, those written by the end of the drain. */
  written: AsyncLoggingCounts;
  /** Failed requests nobody had been told about (also from before the close), with their errors. */
  failed: AsyncLoggingCounts & { errors: unknown[] };
  /** Pending requests still not written when the deadline passed: lost if the process ends now. */
  unwritten: AsyncLoggingCounts;
  /** `logBatchAsync` calls made after the close: not accepted, never written. */
  refused: AsyncLoggingCounts;
  /** Time the drain took, in ms. */
  elapsedMs: number;
  /** True when the deadline passed before everything pending settled. */
  timedOut: boolean;
}

/** One dataset used in an experiment, as `searchDatasets` lists it. @public */
export interface DatasetSummary {
  experimentId: string;
  name: string;
  digest: string;
  context?: string;
}

/**
 * MLflow's tracking-store operations, backed by Kubeflow Model Registry, with MLflow's
 * model-registry operations ({@link MlflowModelRegistryStore}) on the same registry.
 * @public
 */
export interface MlflowStore extends MlflowModelRegistryStore {
  // Experiments
  createExperiment(
    name: string,
    options?: { artifactLocation?: string; tags?: KeyValue[] | Record<string, string> },
  ): Promise<string>;
  getExperiment(experimentId: string): Promise<Experiment>;
  getExperimentByName(name: string): Promise<Experiment | null>;
  searchExperiments(options?: SearchExperimentsOptions): Promise<PagedList<Experiment>>;
  deleteExperiment(experimentId: string): Promise<void>;
  restoreExperiment(experimentId: string): Promise<void>;
  renameExperiment(experimentId: string, newName: string): Promise<void>;
  setExperimentTag(experimentId: string, tag: KeyValue): Promise<void>;
  deleteExperimentTag(experimentId: string, key: string): Promise<void>;

  // Runs
  createRun(input: CreateRunInput): Promise<Run>;
  getRun(runId: string): Promise<Run>;
  updateRunInfo(
    runId: string,
    update: { status?: RunStatus; endTime?: number; runName?: string },
  ): Promise<RunInfo>;
  deleteRun(runId: string): Promise<void>;
  restoreRun(runId: string): Promise<void>;
  logMetric(runId: string, metric: Metric): Promise<void>;
  logParam(runId: string, param: KeyValue): Promise<void>;
  setTag(runId: string, tag: KeyValue): Promise<void>;
  deleteTag(runId: string, key: string): Promise<void>;
  logBatch(runId: string, batch: LogBatchInput): Promise<void>;
  getMetricHistory(
    runId: string,
    metricKey: string,
    options?: { maxResults?: number; pageToken?: string },
  ): Promise<PagedList<Metric>>;
  getMetricHistoryBulkIntervalFromSteps(
    runId: string,
    metricKey: string,
    steps: number[],
    maxResults: number,
  ): Promise<MetricWithRunId[]>;
  /**
   * MLflow's `get_metric_history_bulk_interval`: one metric of several runs, sampled to at most
   * `maxResults` steps in [`startStep`, `endStep`] (every run's first and last step kept), by run
   * then step. One registry request per 100 runs (the cross-run history endpoint), where MLflow's
   * default reads each run twice.
   */
  getMetricHistoryBulkInterval(
    runIds: readonly string[],
    metricKey: string,
    maxResults: number,
    startStep?: number,
    endStep?: number,
  ): Promise<MetricWithRunId[]>;
  /**
   * MLflow's `get_metric_history_bulk` (the SQL store's, behind the UI's history charts): every
   * point of one metric of several runs, by run id then timestamp, step and value, at most
   * `maxResults` (default 25,000). One registry request per 100 runs.
   */
  getMetricHistoryBulk(
    runIds: readonly string[],
    metricKey: string,
    maxResults?: number,
  ): Promise<MetricWithRunId[]>;
  searchRuns(options: SearchRunsOptions): Promise<PagedList<Run>>;
  logInputs(
    runId: string,
    inputs: { datasets?: DatasetInput[]; models?: LoggedModelInput[] },
  ): Promise<void>;
  logOutputs(runId: string, models: LoggedModelOutput[]): Promise<void>;
  searchDatasets(experimentIds: string[]): Promise<DatasetSummary[]>;

  // Logged models
  createLoggedModel(input: CreateLoggedModelInput): Promise<LoggedModel>;
  getLoggedModel(modelId: string): Promise<LoggedModel>;
  searchLoggedModels(options: SearchLoggedModelsOptions): Promise<PagedList<LoggedModel>>;
  finalizeLoggedModel(modelId: string, status: LoggedModelStatus): Promise<LoggedModel>;
  setLoggedModelTags(modelId: string, tags: KeyValue[] | Record<string, string>): Promise<void>;
  deleteLoggedModelTag(modelId: string, key: string): Promise<void>;
  deleteLoggedModel(modelId: string): Promise<void>;
  logLoggedModelParams(modelId: string, params: KeyValue[] | Record<string, string>): Promise<void>;
  recordLoggedModel(runId: string, model: MlflowModelDict): Promise<void>;

  // Async logging
  logBatchAsync(runId: string, batch: LogBatchInput): AsyncLoggingHandle;
  flushAsyncLogging(): Promise<void>;
  endAsyncLogging(): Promise<void>;
  shutDownAsyncLogging(): Promise<void>;
  /**
   * Closes async logging for good, as at process exit: later `logBatchAsync` calls are not
   * accepted (their `accepted` and `wait()` never settle, so a producer that awaits `accepted`
   * pauses instead of failing), everything logged before is written, within `timeoutMs`, and the
   * report counts what was written, failed, left unwritten and refused.
   */
  closeAsyncLogging(options?: AsyncLoggingCloseOptions): Promise<AsyncLoggingDrainReport>;

  // Traces: not supported by the registry; each throws MlflowError("NOT_IMPLEMENTED"-style, clear message)
  startTrace(...args: unknown[]): Promise<never>;
  endTrace(...args: unknown[]): Promise<never>;
  deleteTraces(...args: unknown[]): Promise<never>;
  getTraceInfo(...args: unknown[]): Promise<never>;
  searchTraces(...args: unknown[]): Promise<never>;
  setTraceTag(...args: unknown[]): Promise<never>;
  deleteTraceTag(...args: unknown[]): Promise<never>;
}
