import { MlflowError } from "../mlflow-error.js";
import type { Run } from "../types.js";
import { pythonListRepr } from "../validation/python-format.js";
import type { FilterEntityType } from "./filter-clause.js";
import { RUN_ORDER_BY_ATTRIBUTES, runIdentifier, translateRunAttribute } from "./identifier.js";
import { compareCodePoints } from "./like-pattern.js";
import { splitOrderByClause } from "./order-by-clause.js";

/** One parsed `order_by` element for runs. @public */
export interface RunOrderBy {
  readonly type: FilterEntityType;
  readonly key: string;
  readonly ascending: boolean;
}

/**
 * Parses `searchRuns` `orderBy` strings (`parse_order_by_for_search_runs`): `<identifier> [ASC|DESC]`
 * with the filter grammar's identifiers; attributes `run_id`, `run_name`, `status`, `user_id`,
 * `artifact_uri`, `start_time`, `end_time`, `created`/`Created`. Throws INVALID_PARAMETER_VALUE.
 * @public
 */
export function parseRunsOrderBy(orderBy: readonly string[] | undefined | null): RunOrderBy[] {
  return (orderBy ?? []).map((clause) => {
    const { identifier, ascending } = splitOrderByClause(clause);
    const { type, key } = runIdentifier(identifier, RUN_ORDER_BY_ATTRIBUTES);
    return { type, key: type === "attribute" ? translateRunAttribute(key) : key, ascending };
  });
}

type SortValue = { rank: 0 | 1 | 2; value: number | string | null };

function sortValue(run: Run, type: FilterEntityType, key: string): SortValue {
  let value: number | string | null | undefined;
  if (type === "metric") {
    value = Object.hasOwn(run.data.metrics, key) ? run.data.metrics[key] : undefined;
    if (typeof value === "number" && Number.isNaN(value)) return { rank: 1, value: null };
  } else if (type === "parameter")
    value = Object.hasOwn(run.data.params, key) ? run.data.params[key] : undefined;
  else if (type === "tag")
    value = Object.hasOwn(run.data.tags, key) ? run.data.tags[key] : undefined;
  else {
    const info = run.info;
    const attribute: Record<string, number | string | null> = {
      run_id: info.runId,
      run_name: info.runName,
      status: info.status,
      user_id: info.userId,
      artifact_uri: info.artifactUri,
      start_time: info.startTime,
      end_time: info.endTime,
    };
    value = attribute[key];
  }
  return value === undefined || value === null ? { rank: 2, value: null } : { rank: 0, value };
}

/** Orders present values, then NaN, then missing — the same in both directions (SQL store). */
function compareSortValues(a: SortValue, b: SortValue, ascending: boolean): number {
  if (a.rank !== b.rank) return a.rank - b.rank;
  if (a.value === null || b.value === null) return 0;
  const order =
    typeof a.value === "number" && typeof b.value === "number"
      ? a.value - b.value
      : compareCodePoints(String(a.value), String(b.value));
  const sign = order < 0 ? -1 : order > 0 ? 1 : 0;
  return ascending ? sign : -sign;
}

/**
 * A comparator for runs in MLflow's SQL-store order: the given clauses, then `start_time DESC`
 * (unless already ordered by start time), then `run_id ASC`. NaN metrics sort after numbers and
 * missing values last, in both directions; params and tags sort as strings by code point.
 * Throws INVALID_PARAMETER_VALUE for `dataset` keys and duplicate fields.
 * @public
 */
export function compareRuns(orderBy: readonly RunOrderBy[] = []): (a: Run, b: Run) => number {
  const seen = new Set<string>();
  for (const clause of orderBy) {
    if (clause.type === "dataset") {
      throw MlflowError.invalidParameterValue(`Invalid identifier type '${clause.type}'`);
    }
    const field = `${clause.type}.${clause.key}`;
    if (seen.has(field)) {
      throw MlflowError.invalidParameterValue(
        `\`order_by\` contains duplicate fields: ${pythonListRepr(orderBy.map((c) => `${c.type}.${c.key}`))}`,
      );
    }
    seen.add(field);
  }
  const clauses: RunOrderBy[] = [...orderBy];
  if (!seen.has("attribute.start_time"))
    clauses.push({ type: "attribute", key: "start_time", ascending: false });
  clauses.push({ type: "attribute", key: "run_id", ascending: true });
  return (a, b) => {
    for (const clause of clauses) {
      const order = compareSortValues(
        sortValue(a, clause.type, clause.key),
        sortValue(b, clause.type, clause.key),
        clause.ascending,
      );
      if (order !== 0) return order;
    }
    return 0;
  };
}
