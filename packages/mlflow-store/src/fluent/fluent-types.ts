import type { ArtifactTransferOptions, FileInfo } from "../artifacts/artifact-repository.js";
import type { MlflowClient, SynchronousOption } from "../client/mlflow-client.js";
import type { ConnectionOptions } from "../connection-options.js";
import type { FluentModelRegistry } from "../model-registry/register-model.js";
import type { LoggedModelInfo, LogModelOptions } from "../models/log-model.js";
import type { Dataset, Experiment, Run, RunStatus } from "../types.js";

/** Options of `startRun` and `withRun` (MLflow's `start_run` arguments). @public */
export interface StartRunOptions {
  /** Resume this run instead of creating one (it must not be deleted). */
  runId?: string;
  /** @default the active experiment (setExperiment), else env MLFLOW_EXPERIMENT_NAME / MLFLOW_EXPERIMENT_ID, else MLflow's default experiment "0" (the registry experiment "Default") */
  experimentId?: string;
  runName?: string;
  /** Start under the active run (tag `mlflow.parentRunId`) instead of failing because one is active. @default false */
  nested?: boolean;
  /** Parent of the new run; must be the active run when one is active. */
  parentRunId?: string;
  /** User tags; they override the automatic context tags. Values are stringified. */
  tags?: Record<string, unknown>;
  /** Stored as tag `mlflow.note.content`. */
  description?: string;
}

/** Step and timestamp of logged metrics. @public */
export interface LogMetricOptions extends SynchronousOption {
  /** @default 0 */
  step?: number;
  /** @default now */
  timestamp?: number;
}

/**
 * MLflow's fluent API: an active experiment, a stack of active runs and logging functions that
 * write to the active run (starting one when none is active). Each async context has its own run
 * stack (the JS counterpart of MLflow's thread-local stack), so concurrent `withRun` calls do not
 * see each other's runs.
 * @public
 */
export interface Fluent extends FluentModelRegistry {
  /**
   * Sets the tracking URI (and, optionally, how to connect to it: token, TLS, timeouts, retries,
   * on top of the instance's own connection options). The next call that needs the registry uses
   * it; the active experiment is forgotten.
   */
  setTrackingUri(uri: string, options?: ConnectionOptions): void;
  /**
   * The URI set with `setTrackingUri`, else env `MLFLOW_TRACKING_URI` (blank counts as unset),
   * else `modelregistry://`.
   */
  getTrackingUri(): string;
  /** A client for the current tracking URI. */
  getClient(): MlflowClient;
  /** Makes an experiment active, by name (created when missing, as MLflow does) or by id. */
  setExperiment(
    experiment: string | { experimentName?: string; experimentId?: string },
  ): Promise<Experiment>;
  startRun(options?: StartRunOptions): Promise<Run>;
  /**
   * Starts a run, calls `fn` with it and ends it FINISHED, or FAILED when `fn` throws (the error
   * is rethrown). Runs `fn` in its own async context: runs it starts do not leak out.
   */
  withRun<T>(fn: (run: Run) => T | Promise<T>, options?: StartRunOptions): Promise<T>;
  /** Ends the active run (default status FINISHED); a no-op when none is active. */
  endRun(status?: RunStatus): Promise<void>;
  /** The active run as it was when started, or null. */
  activeRun(): Run | null;
  /** Id of the run most recently ended in this instance, or null. */
  lastActiveRunId(): string | null;

  logParam(key: string, value: unknown, options?: SynchronousOption): Promise<string>;
  logParams(params: Record<string, unknown>, options?: SynchronousOption): Promise<void>;
  logMetric(key: string, value: number, options?: LogMetricOptions): Promise<void>;
  /** Logs several metrics with one timestamp and step. */
  logMetrics(metrics: Record<string, number>, options?: LogMetricOptions): Promise<void>;
  setTag(key: string, value: unknown, options?: SynchronousOption): Promise<void>;
  setTags(tags: Record<string, unknown>, options?: SynchronousOption): Promise<void>;
  deleteTag(key: string): Promise<void>;
  /** Links a dataset to the active run; `context` becomes input tag `mlflow.data.context`. */
  logInput(dataset: Dataset, context?: string, tags?: Record<string, unknown>): Promise<void>;
  setExperimentTag(key: string, value: unknown): Promise<void>;
  setExperimentTags(tags: Record<string, unknown>): Promise<void>;
  /** Waits until async logging of the current tracking store is persisted. */
  flush(): Promise<void>;

  /** MLflow `log_artifact` on the active run (started when none is active). */
  logArtifact(
    localPath: string,
    artifactPath?: string,
    options?: ArtifactTransferOptions,
  ): Promise<void>;
  /** MLflow `log_artifacts` on the active run. */
  logArtifacts(
    localDir: string,
    artifactPath?: string,
    options?: ArtifactTransferOptions,
  ): Promise<void>;
  /** MLflow `log_text` on the active run. */
  logText(text: string, artifactFile: string, options?: ArtifactTransferOptions): Promise<void>;
  /** MLflow `log_dict` on the active run (YAML for `.yaml`/`.yml`, else JSON). */
  logDict(
    dictionary: unknown,
    artifactFile: string,
    options?: ArtifactTransferOptions,
  ): Promise<void>;
  /** The active run's artifacts directly under `path` (default the root). */
  listArtifacts(path?: string): Promise<FileInfo[]>;
  /** Downloads a file or directory of the active run's artifacts; resolves with its local path. */
  downloadArtifacts(
    path: string,
    dstDir?: string,
    options?: ArtifactTransferOptions,
  ): Promise<string>;
  /** MLflow `get_artifact_uri`: the active run's artifact URI, or that of `artifactPath` below it. */
  getArtifactUri(artifactPath?: string): Promise<string>;
  /**
   * Logs a model (MLflow 3's `log_model`) as an output of the active run, or, with no run active,
   * attached to the active experiment only (as MLflow 3 does). Resolves with the logged model and
   * its `models:/<id>` URI.
   */
  logModel(options: Omit<LogModelOptions, "runId" | "experimentId">): Promise<LoggedModelInfo>;
}
