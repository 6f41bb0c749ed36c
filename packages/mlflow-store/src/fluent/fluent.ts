import type { MlflowClient, SynchronousOption } from "../client/mlflow-client.js";
import type { ConnectionOptions } from "../connection-options.js";
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
