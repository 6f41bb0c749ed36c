import type { ArtifactTransferOptions, FileInfo } from "../artifacts/artifact-repository.js";
import type { MlflowClient, SynchronousOption } from "../client/mlflow-client.js";
import type { ConnectionOptions } from "../connection-options.js";
import type {
  ModelVersion,
  RegisteredModel,
  SearchModelRegistryOptions,
} from "../model-registry/model-registry-types.js";
import type { LoggedModelInfo, LogModelOptions } from "../models/log-model.js";
import type { Dataset, Experiment, Run, RunStatus } from "../types.js";
import { createFluent } from "./create-fluent.js";
import type { Fluent, LogMetricOptions, StartRunOptions } from "./fluent-types.js";

let defaultFluent: Fluent | undefined;

/** The shared fluent instance behind the module-level functions (created on first use). @public */
export function getDefaultFluent(): Fluent {
  defaultFluent ??= createFluent();
  return defaultFluent;
}

/**
 * Sets the tracking URI of the module-level fluent API, and optionally how to connect to it
 * (token, TLS, timeouts, retries). @public
 */
export function setTrackingUri(uri: string, options?: ConnectionOptions): void {
  getDefaultFluent().setTrackingUri(uri, options);
}

/** The tracking URI of the module-level fluent API. @public */
export function getTrackingUri(): string {
  return getDefaultFluent().getTrackingUri();
}

/** A client for the module-level fluent API's tracking URI. @public */
export function getClient(): MlflowClient {
  return getDefaultFluent().getClient();
}

/** Makes an experiment active (by name, created when missing, or by id). @public */
export function setExperiment(
  experiment: string | { experimentName?: string; experimentId?: string },
): Promise<Experiment> {
  return getDefaultFluent().setExperiment(experiment);
}

/** Starts (or resumes) a run and makes it active. @public */
export function startRun(options?: StartRunOptions): Promise<Run> {
  return getDefaultFluent().startRun(options);
}

/** Runs `fn` inside a new run, ended FINISHED, or FAILED when `fn` throws. @public */
export function withRun<T>(
  fn: (run: Run) => T | Promise<T>,
  options?: StartRunOptions,
): Promise<T> {
  return getDefaultFluent().withRun(fn, options);
}

/** Ends the active run. @public */
export function endRun(status?: RunStatus): Promise<void> {
  return getDefaultFluent().endRun(status);
}

/** The active run, or null. @public */
export function activeRun(): Run | null {
  return getDefaultFluent().activeRun();
}

/** Logs a param to the active run. @public */
export function logParam(
  key: string,
  value: unknown,
  options?: SynchronousOption,
): Promise<string> {
  return getDefaultFluent().logParam(key, value, options);
}

/** Logs params to the active run in one batch. @public */
export function logParams(
  params: Record<string, unknown>,
  options?: SynchronousOption,
): Promise<void> {
  return getDefaultFluent().logParams(params, options);
}

/** Logs a metric to the active run. @public */
export function logMetric(key: string, value: number, options?: LogMetricOptions): Promise<void> {
  return getDefaultFluent().logMetric(key, value, options);
}

/** Logs metrics to the active run in one batch. @public */
export function logMetrics(
  metrics: Record<string, number>,
  options?: LogMetricOptions,
): Promise<void> {
  return getDefaultFluent().logMetrics(metrics, options);
}

/** Sets a tag on the active run. @public */
export function setTag(key: string, value: unknown, options?: SynchronousOption): Promise<void> {
  return getDefaultFluent().setTag(key, value, options);
}

/** Sets tags on the active run in one batch. @public */
export function setTags(tags: Record<string, unknown>, options?: SynchronousOption): Promise<void> {
  return getDefaultFluent().setTags(tags, options);
}

/** Links a dataset to the active run. @public */
export function logInput(
  dataset: Dataset,
  context?: string,
  tags?: Record<string, unknown>,
): Promise<void> {
  return getDefaultFluent().logInput(dataset, context, tags);
}

/** Uploads a local file to the active run's artifacts (MLflow `log_artifact`). @public */
export function logArtifact(
  localPath: string,
  artifactPath?: string,
  options?: ArtifactTransferOptions,
): Promise<void> {
  return getDefaultFluent().logArtifact(localPath, artifactPath, options);
}

/** Uploads a local directory's files to the active run's artifacts (MLflow `log_artifacts`). @public */
export function logArtifacts(
  localDir: string,
  artifactPath?: string,
  options?: ArtifactTransferOptions,
): Promise<void> {
  return getDefaultFluent().logArtifacts(localDir, artifactPath, options);
}

/** Stores text as an artifact file of the active run (MLflow `log_text`). @public */
export function logText(
  text: string,
  artifactFile: string,
  options?: ArtifactTransferOptions,
): Promise<void> {
  return getDefaultFluent().logText(text, artifactFile, options);
}

/** Stores a dictionary as JSON or YAML in the active run's artifacts (MLflow `log_dict`). @public */
export function logDict(
  dictionary: unknown,
  artifactFile: string,
  options?: ArtifactTransferOptions,
): Promise<void> {
  return getDefaultFluent().logDict(dictionary, artifactFile, options);
}

/** The active run's artifacts directly under `path`. @public */
export function listArtifacts(path?: string): Promise<FileInfo[]> {
  return getDefaultFluent().listArtifacts(path);
}

/** Downloads artifacts of the active run; resolves with the local path. @public */
export function downloadArtifacts(
  path: string,
  dstDir?: string,
  options?: ArtifactTransferOptions,
): Promise<string> {
  return getDefaultFluent().downloadArtifacts(path, dstDir, options);
}

/** The active run's artifact URI (MLflow `get_artifact_uri`). @public */
export function getArtifactUri(artifactPath?: string): Promise<string> {
  return getDefaultFluent().getArtifactUri(artifactPath);
}

/** Logs a model as an output of the active run (MLflow 3 `log_model`). @public */
export function logModel(
  options: Omit<LogModelOptions, "runId" | "experimentId">,
): Promise<LoggedModelInfo> {
  return getDefaultFluent().logModel(options);
}

/**
 * Creates the registered model `name` when needed and a new version from `modelUri`
 * (`runs:/<runId>/<path>`, `models:/<modelId>`, or any URI). MLflow's `mlflow.register_model`.
 * @public
 */
export function registerModel(
  modelUri: string,
  name: string,
  options?: { tags?: Record<string, unknown> },
): Promise<ModelVersion> {
  return getDefaultFluent().registerModel(modelUri, name, options);
}

/** Every matching registered model (MLflow's `mlflow.search_registered_models`). @public */
export function searchRegisteredModels(
  options?: Omit<SearchModelRegistryOptions, "pageToken">,
): Promise<RegisteredModel[]> {
  return getDefaultFluent().searchRegisteredModels(options);
}

/** Every matching model version (MLflow's `mlflow.search_model_versions`). @public */
export function searchModelVersions(
  options?: Omit<SearchModelRegistryOptions, "pageToken">,
): Promise<ModelVersion[]> {
  return getDefaultFluent().searchModelVersions(options);
}

/** Id of the run most recently ended by the module-level fluent API, or null. @public */
export function lastActiveRunId(): string | null {
  return getDefaultFluent().lastActiveRunId();
}

/** Deletes a tag from the active run. @public */
export function deleteTag(key: string): Promise<void> {
  return getDefaultFluent().deleteTag(key);
}

/** Sets a tag on the active experiment. @public */
export function setExperimentTag(key: string, value: unknown): Promise<void> {
  return getDefaultFluent().setExperimentTag(key, value);
}

/** Sets tags on the active experiment. @public */
export function setExperimentTags(tags: Record<string, unknown>): Promise<void> {
  return getDefaultFluent().setExperimentTags(tags);
}

/** Waits until async logging of the module-level fluent API's tracking store is persisted. @public */
export function flush(): Promise<void> {
  return getDefaultFluent().flush();
}
