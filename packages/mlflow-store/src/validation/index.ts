export type { TruncationOptions } from "./length-limit.js";
export { MLFLOW_LIMITS } from "./limits.js";
export {
  MLFLOW_MAX_FLOAT,
  restoreMetricValue,
  type StoredMetricValue,
  sanitizeMetricValue,
} from "./metric-value.js";
export { isStorableText } from "./storable-text.js";
export { type ValidatedBatch, validateBatch } from "./validate-batch.js";
export { validateDatasetInput } from "./validate-dataset-input.js";
export {
  validateExperimentId,
  validateExperimentName,
  validateRunId,
  validateRunName,
} from "./validate-identifiers.js";
export { isValidKeyName, pathNotUnique } from "./validate-key-name.js";
export {
  validateLoggedModelName,
  validateLoggedModelParams,
  validateLoggedModelStatus,
  validateLoggedModelTags,
} from "./validate-logged-model.js";
export { type MaxResultsKind, validateMaxResults } from "./validate-max-results.js";
export { validateMetric } from "./validate-metric.js";
export { validateParam } from "./validate-param.js";
export { validateExperimentTag, validateTag } from "./validate-tag.js";
