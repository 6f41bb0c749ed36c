import { MlflowError } from "../mlflow-error.js";
import type { Run } from "../types.js";
import { compareValue } from "./compare-values.js";
import type { FilterClause } from "./filter-clause.js";
import {
  COMPARATORS,
  checkComparator,
  RUN_NUMERIC_ATTRIBUTES,
  translateRunAttribute,
} from "./identifier.js";

/** MLflow's dataset-context input tag. @public */
export const MLFLOW_DATASET_CONTEXT = "mlflow.data.context";

function allowedFor(clause: FilterClause): readonly string[] {
  switch (clause.type) {
    case "metric":
      return COMPARATORS.metric;
    case "parameter":
      return COMPARATORS.parameter;
    case "tag":
      return COMPARATORS.tag;
    case "dataset":
      return COMPARATORS.dataset;
    case "attribute":
      return RUN_NUMERIC_ATTRIBUTES.has(clause.key)
        ? COMPARATORS.numericAttribute
        : COMPARATORS.stringAttribute;
  }
}

/**
 * The evaluation-time comparator checks MLflow makes when it filters or builds SQL
 * (`Invalid comparator '>' not one of …`). Call right after {@link parseRunsFilter} so an
 * invalid comparator fails even when no run is examined.
 * @public
 */
export function assertRunsFilterComparators(clauses: readonly FilterClause[]): void {
  for (const clause of clauses) checkComparator(clause.comparator, allowedFor(clause));
}

/** A metric's value as the SQL store compares it: NaN is stored as 0. */
function metricForFilter(value: number | undefined): number | undefined {
  return value !== undefined && Number.isNaN(value) ? 0 : value;
}

function attributeValue(run: Run, key: string): string | number | null {
  const { info } = run;
  switch (translateRunAttribute(key)) {
    case "run_id":
      return info.runId;
    case "run_name":
      return info.runName;
    case "status":
      return info.status;
    case "user_id":
      return info.userId;
    case "artifact_uri":
      return info.artifactUri;
    case "start_time":
      return info.startTime;
    case "end_time":
      return info.endTime;
    default:
      throw MlflowError.invalidParameterValue(`Invalid attribute key '${key}' specified.`);
  }
}

function clauseMatches(run: Run, clause: FilterClause): boolean {
  const { comparator, value } = clause;
  switch (clause.type) {
    case "metric":
      return compareValue(metricForFilter(run.data.metrics[clause.key]), comparator, Number(value));
    case "parameter":
      return compareValue(
        Object.hasOwn(run.data.params, clause.key) ? run.data.params[clause.key] : undefined,
        comparator,
        value,
      );
    case "tag":
      return compareValue(
        Object.hasOwn(run.data.tags, clause.key) ? run.data.tags[clause.key] : undefined,
        comparator,
        value,
      );
    case "attribute": {
      const numeric = RUN_NUMERIC_ATTRIBUTES.has(clause.key);
      return compareValue(
        attributeValue(run, clause.key),
        comparator,
        numeric ? Number(value) : value,
      );
    }
    case "dataset":
      return run.inputs.datasetInputs.some((input) => {
        if (clause.key === "context") {
          return input.tags.some(
            (tag) =>
              tag.key === MLFLOW_DATASET_CONTEXT && compareValue(tag.value, comparator, value),
          );
        }
        const lhs = clause.key === "name" ? input.dataset.name : input.dataset.digest;
        return compareValue(lhs, comparator, value);
      });
  }
}

/**
 * True when `run` satisfies every clause, with MLflow's semantics: metrics compare the run's
 * latest value (NaN as the stored 0), a missing metric/param/tag matches nothing but `IS NULL`,
 * `=`/`!=`/`LIKE` are case-sensitive and `ILIKE` is not, `dataset.*` clauses each match when any
 * dataset input satisfies them, `context` reads the `mlflow.data.context` input tag.
 * Throws INVALID_PARAMETER_VALUE for comparators the entity does not allow.
 * @public
 */
export function runMatches(clauses: readonly FilterClause[], run: Run): boolean {
  assertRunsFilterComparators(clauses);
  return clauses.every((clause) => clauseMatches(run, clause));
}
