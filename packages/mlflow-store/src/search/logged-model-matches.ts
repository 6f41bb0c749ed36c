import { MlflowError } from "../mlflow-error.js";
import type { LoggedModel, Metric } from "../types.js";
import { compareValue } from "./compare-values.js";
import type { LoggedModelFilterClause } from "./filter-clause.js";

/** A metric recorded for a logged model, optionally computed on a dataset. @public */
export interface LoggedModelMetric extends Metric {
  datasetName?: string | null;
  datasetDigest?: string | null;
}

/** `datasets` restriction of `searchLoggedModels`. @public */
export interface LoggedModelDatasetFilter {
  datasetName: string;
  datasetDigest?: string;
}

/** Extra inputs for {@link loggedModelMatches}. @public */
export interface LoggedModelMatchOptions {
  /** Every metric point logged for the model (metric clauses never match without them). */
  metrics?: readonly LoggedModelMetric[];
  /** Restrict metric clauses to metrics computed on one of these datasets. */
  datasets?: readonly LoggedModelDatasetFilter[];
}

/** MLflow: "`dataset_name` in the `datasets` clause must be specified." @public */
export function validateLoggedModelDatasets(
  datasets: readonly LoggedModelDatasetFilter[] | undefined,
): void {
  if (datasets?.some((d) => !d?.datasetName)) {
    throw MlflowError.invalidParameterValue(
      "`dataset_name` in the `datasets` clause must be specified.",
    );
  }
}

function onDatasets(
  metric: LoggedModelMetric,
  datasets: readonly LoggedModelDatasetFilter[],
): boolean {
  return datasets.some(
    (d) =>
      metric.datasetName === d.datasetName &&
      (d.datasetDigest === undefined || metric.datasetDigest === d.datasetDigest),
  );
}

function attribute(model: LoggedModel, key: string): string | number | null {
  switch (key) {
    case "name":
      return model.name;
    case "model_id":
      return model.modelId;
    case "model_type":
      return model.modelType;
    case "status":
      return model.status;
    case "source_run_id":
      return model.sourceRunId;
    case "creation_timestamp":
      return model.creationTimestamp;
    case "last_updated_timestamp":
      return model.lastUpdatedTimestamp;
    default:
      throw MlflowError.invalidParameterValue(`Invalid logged model search key '${key}'`);
  }
}

function clauseMatches(
  model: LoggedModel,
  clause: LoggedModelFilterClause,
  options: LoggedModelMatchOptions,
): boolean {
  const { key, comparator, value } = clause;
  switch (clause.type) {
    case "attributes":
      return compareValue(attribute(model, key), comparator, value);
    case "params":
      return compareValue(
        Object.hasOwn(model.params, key) ? model.params[key] : undefined,
        comparator,
        value,
      );
    case "tags":
      return compareValue(
        Object.hasOwn(model.tags, key) ? model.tags[key] : undefined,
        comparator,
        value,
      );
    case "metrics": {
      const datasets = options.datasets ?? [];
      return (options.metrics ?? []).some(
        (m) =>
          m.key === key &&
          (datasets.length === 0 || onDatasets(m, datasets)) &&
          compareValue(Number.isNaN(m.value) ? 0 : m.value, comparator, value),
      );
    }
  }
}

/**
 * True when `model` satisfies every clause, as MLflow's SQL store evaluates logged-model
 * filters: a metric clause matches when any logged point of that metric (on one of `datasets`,
 * when given) satisfies it; with `datasets` and no metric clause the model needs at least one
 * metric on those datasets. Absent values (no such param/tag, null `model_type`) never match.
 * `status` compares MLflow's status names (`'READY'`).
 * @public
 */
export function loggedModelMatches(
  clauses: readonly LoggedModelFilterClause[],
  model: LoggedModel,
  options: LoggedModelMatchOptions = {},
): boolean {
  const datasets = options.datasets ?? [];
  if (datasets.length > 0 && !clauses.some((c) => c.type === "metrics")) {
    if (!(options.metrics ?? []).some((m) => onDatasets(m, datasets))) return false;
  }
  return clauses.every((clause) => clauseMatches(model, clause, options));
}
