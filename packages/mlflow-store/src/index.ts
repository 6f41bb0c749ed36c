export { validateArtifactPath } from "./artifacts/artifact-path.js";
export type {
  ArtifactProgress,
  ArtifactRepository,
  ArtifactRepositoryFactory,
  ArtifactRepositoryFactoryOptions,
  ArtifactTransferOptions,
  FileInfo,
} from "./artifacts/artifact-repository.js";
export {
  type ArtifactRepositoryRegistry,
  createArtifactRepositoryRegistry,
  getArtifactRepository,
  registerArtifactRepository,
} from "./artifacts/artifact-repository-registry.js";
export { appendToUriPath } from "./artifacts/artifact-uri.js";
export { s3ArtifactRepositoryFactory } from "./artifacts/s3-artifact-repository-factory.js";
export {
  type AsyncLoggingQueue,
  type AsyncLoggingQueueOptions,
  type AsyncLoggingRetryOptions,
  createAsyncLoggingQueue,
} from "./async-logging/create-async-logging-queue.js";
export { isTransientLoggingError } from "./async-logging/is-transient-logging-error.js";
export {
  type AsyncLoggingExitHookOptions,
  type AsyncLoggingFlushTarget,
  type ExitHookProcess,
  registerAsyncLoggingExitHook,
} from "./async-logging/register-async-logging-exit-hook.js";
export { type BatchLimits, MLFLOW_BATCH_LIMITS } from "./async-logging/split-batch.js";
export type { ArtifactMethods } from "./client/artifact-methods.js";
export { createMlflowClient, type MlflowClientOptions } from "./client/create-mlflow-client.js";
export { type CurrentUserOptions, currentUser } from "./client/current-user.js";
export type {
  KeyValueInput,
  MetricInput,
  MlflowClient,
  SynchronousOption,
  TagsInput,
} from "./client/mlflow-client.js";
export { stringifyValue } from "./client/stringify-value.js";
export type { ConnectionOptions } from "./connection-options.js";
export { createMlflowStore, type MlflowStoreOptions } from "./create-mlflow-store.js";
export {
  createFluent,
  type FluentExitProcess,
  type FluentOptions,
} from "./fluent/create-fluent.js";
export {
  activeRun,
  deleteTag,
  downloadArtifacts,
  endRun,
  flush,
  getArtifactUri,
  getClient,
  getDefaultFluent,
  getTrackingUri,
  lastActiveRunId,
  listArtifacts,
  logArtifact,
  logArtifacts,
  logDict,
  logInput,
  logMetric,
  logMetrics,
  logModel,
  logParam,
  logParams,
  logText,
  registerModel,
  searchModelVersions,
  searchRegisteredModels,
  setExperiment,
  setExperimentTag,
  setExperimentTags,
  setTag,
  setTags,
  setTrackingUri,
  startRun,
  withRun,
} from "./fluent/fluent.js";
export type { Fluent, LogMetricOptions, StartRunOptions } from "./fluent/fluent-types.js";
export { type ReadTextFile, readGitCommit } from "./fluent/read-git-commit.js";
export {
  type RunContextOptions,
  resolveRunContextTags,
} from "./fluent/resolve-run-context-tags.js";
export { DATASET_CONTEXT_TAG, datasetInputsFromArtifacts } from "./mapping/dataset.js";
export { loggedModelFromArtifact } from "./mapping/logged-model.js";
export { modelInputsFromArtifacts, modelOutputsFromArtifacts } from "./mapping/run-model-links.js";
export {
  httpStatusForErrorCode,
  isMlflowError,
  MlflowError,
  type MlflowErrorCode,
} from "./mlflow-error.js";
export type { MlflowClientModelRegistry } from "./model-registry/model-registry-client.js";
export type {
  CreateModelVersionOptions,
  MlflowModelRegistryStore,
  ModelFormat,
  ModelVersion,
  ModelVersionNumber,
  ModelVersionStatus,
  RegisteredModel,
  SearchModelRegistryOptions,
} from "./model-registry/model-registry-types.js";
export type { FluentModelRegistry } from "./model-registry/register-model.js";
export type { LoggedModelInfo, LogModelOptions } from "./models/log-model.js";
export type { ModelSignature } from "./models/mlmodel.js";
export { GENERIC_FLAVOR, MLMODEL_FILE_NAME } from "./models/model-constants.js";
export {
  DEFAULT_EXPERIMENT_ID,
  DEFAULT_EXPERIMENT_NAME,
} from "./operations/default-experiment.js";
export { experimentMatches } from "./search/experiment-matches.js";
export type {
  FilterClause,
  FilterEntityType,
  LoggedModelFilterClause,
  LoggedModelFilterEntityType,
} from "./search/filter-clause.js";
export {
  type LoggedModelMatchOptions,
  type LoggedModelMetric,
  loggedModelMatches,
} from "./search/logged-model-matches.js";
export {
  modelVersionMatches,
  registeredModelMatches,
} from "./search/model-registry-matches.js";
export {
  compareExperiments,
  type ExperimentOrderBy,
  parseExperimentsOrderBy,
} from "./search/order-experiments.js";
export {
  compareModelVersions,
  compareRegisteredModels,
  type ModelRegistryOrderBy,
  parseModelVersionsOrderBy,
  parseRegisteredModelsOrderBy,
} from "./search/order-model-registry.js";
export { compareRuns, parseRunsOrderBy, type RunOrderBy } from "./search/order-runs.js";
export { parseExperimentsFilter } from "./search/parse-experiments-filter.js";
export { parseLoggedModelsFilter } from "./search/parse-logged-models-filter.js";
export {
  parseModelVersionsFilter,
  parseRegisteredModelsFilter,
} from "./search/parse-model-registry-filter.js";
export { parseRunsFilter } from "./search/parse-runs-filter.js";
export { runMatches } from "./search/run-matches.js";
export { traceOperations } from "./traces.js";
export {
  createTrackingStoreRegistry,
  DEFAULT_TRACKING_URI,
  type GetTrackingStoreOptions,
  getTrackingStore,
  MODEL_REGISTRY_SCHEMES,
  registerTrackingStore,
  type TrackingStoreFactory,
  type TrackingStoreFactoryOptions,
  type TrackingStoreRegistry,
} from "./tracking-store-registry.js";
export { type ResolvedTrackingUri, resolveTrackingUri, type TrackingEnv } from "./tracking-uri.js";
export type {
  AsyncLoggingCloseOptions,
  AsyncLoggingCounts,
  AsyncLoggingDrainReport,
  AsyncLoggingHandle,
  CreateLoggedModelInput,
  CreateRunInput,
  Dataset,
  DatasetInput,
  DatasetSummary,
  Experiment,
  KeyValue,
  LifecycleStage,
  LogBatchInput,
  LoggedModel,
  LoggedModelDescription,
  LoggedModelInput,
  LoggedModelOutput,
  LoggedModelStatus,
  Metric,
  MetricWithRunId,
  MlflowModelDict,
  MlflowStore,
  PagedList,
  Run,
  RunData,
  RunInfo,
  RunInputs,
  RunOutputs,
  RunStatus,
  SearchExperimentsOptions,
  SearchLoggedModelsOptions,
  SearchRunsOptions,
  ViewType,
} from "./types.js";
export {
  isStorableText,
  isValidKeyName,
  type MaxResultsKind,
  MLFLOW_LIMITS,
  type TruncationOptions,
  type ValidatedBatch,
  validateBatch,
  validateExperimentName,
  validateExperimentTag,
  validateMaxResults,
  validateMetric,
  validateParam,
  validateTag,
} from "./validation/index.js";
export {
  validateModelAlias,
  validateModelVersion,
  validateModelVersionTag,
  validateRegisteredModelName,
  validateRegisteredModelTag,
} from "./validation/validate-model-registry.js";
