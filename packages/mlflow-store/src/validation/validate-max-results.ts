import { MLFLOW_LIMITS } from "./limits.js";
import { invalidParameter } from "./messages.js";
import { safeString } from "./python-format.js";

/** Operations whose `maxResults` MLflow validates. @public */
export type MaxResultsKind =
  | "searchExperiments"
  | "searchRuns"
  | "searchLoggedModels"
  | "getMetricHistory";

function describe(value: unknown): string {
  return value === null || value === undefined ? "None" : safeString(value);
}

/**
 * Checks `maxResults` as MLflow's SQL store does and returns the effective limit (`null` = no
 * limit). Defaults: experiments and runs 1000, logged models 100, metric history unlimited.
 * Experiments and runs accept 1..50000 (`null` is rejected for experiments and means "no limit"
 * for runs); logged models and metric history accept any positive integer.
 * @public
 */
export function validateMaxResults(
  kind: MaxResultsKind,
  value: number | null | undefined,
): number | null {
  if (value === undefined) {
    if (kind === "getMetricHistory") return null;
    return kind === "searchLoggedModels"
      ? MLFLOW_LIMITS.SEARCH_LOGGED_MODEL_MAX_RESULTS_DEFAULT
      : MLFLOW_LIMITS.SEARCH_MAX_RESULTS_DEFAULT;
  }
  if (value === null) {
    if (kind === "searchRuns" || kind === "getMetricHistory") return null;
    if (kind === "searchLoggedModels") return MLFLOW_LIMITS.SEARCH_LOGGED_MODEL_MAX_RESULTS_DEFAULT;
  }
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
    throw invalidParameter(
      `Invalid value ${describe(value)} for parameter 'max_results' supplied. It must be a positive integer`,
    );
  }
  const bounded = kind === "searchExperiments" || kind === "searchRuns";
  if (bounded && value > MLFLOW_LIMITS.SEARCH_MAX_RESULTS_THRESHOLD) {
    throw invalidParameter(
      `Invalid value ${value} for parameter 'max_results' supplied. It must be at most ${MLFLOW_LIMITS.SEARCH_MAX_RESULTS_THRESHOLD}`,
    );
  }
  return value;
}
