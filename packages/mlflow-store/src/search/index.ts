export { assertExperimentsFilterComparators, experimentMatches } from "./experiment-matches.js";
export type {
  FilterClause,
  FilterEntityType,
  LoggedModelFilterClause,
  LoggedModelFilterEntityType,
} from "./filter-clause.js";
export {
  type LoggedModelDatasetFilter,
  type LoggedModelMatchOptions,
  type LoggedModelMetric,
  loggedModelMatches,
  validateLoggedModelDatasets,
} from "./logged-model-matches.js";
export {
  compareExperiments,
  type ExperimentOrderBy,
  parseExperimentsOrderBy,
} from "./order-experiments.js";
export {
  compareLoggedModels,
  type LoggedModelOrderBy,
  type LoggedModelOrderByInput,
  parseLoggedModelsOrderBy,
} from "./order-logged-models.js";
export { compareRuns, parseRunsOrderBy, type RunOrderBy } from "./order-runs.js";
export {
  decodePageToken,
  encodePageToken,
  type PageTokenState,
  searchFingerprint,
} from "./page-token.js";
export { parseExperimentsFilter } from "./parse-experiments-filter.js";
export { parseLoggedModelsFilter } from "./parse-logged-models-filter.js";
export { parseRunsFilter } from "./parse-runs-filter.js";
export {
  type RegistryFilter,
  type RegistryFilterTarget,
  registryArtifactFilterFromClause,
  registryFilterFromClauses,
  registryLifecycleFilter,
  registryPropertyName,
  registryStringLiteral,
} from "./registry-filter.js";
export { assertRunsFilterComparators, MLFLOW_DATASET_CONTEXT, runMatches } from "./run-matches.js";
