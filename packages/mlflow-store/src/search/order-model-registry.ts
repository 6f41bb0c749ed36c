import { MlflowError } from "../mlflow-error.js";
import type { ModelVersion, RegisteredModel } from "../model-registry/model-registry-types.js";
import { pythonListRepr } from "../validation/python-format.js";
import { pythonSetRepr } from "./identifier.js";
import { compareCodePoints } from "./like-pattern.js";
import { versionNumber } from "./model-registry-matches.js";
import { splitOrderByClause } from "./order-by-clause.js";
import { experimentIdentifier } from "./parse-experiments-filter.js";

/** One parsed `order_by` element of a model-registry search. @public */
export interface ModelRegistryOrderBy {
  /** `name`, `version_number`, `creation_timestamp` or `last_updated_timestamp`. */
  readonly key: string;
  readonly ascending: boolean;
}

const REGISTERED_MODEL_ORDER_KEYS = new Set(["name", "timestamp", "last_updated_timestamp"]);
const RECOMMENDED_REGISTERED_MODEL_KEYS = new Set(["name", "timestamp"]);
const MODEL_VERSION_ORDER_KEYS: ReadonlySet<string> = new Set([
  "name",
  "version_number",
  "creation_timestamp",
  "last_updated_timestamp",
]);

function rejectDuplicates(parsed: readonly ModelRegistryOrderBy[], orderBy: readonly string[]) {
  const seen = new Set<string>();
  for (const { key } of parsed) {
    if (seen.has(key)) {
      throw MlflowError.invalidParameterValue(
        `\`order_by\` contains duplicate fields: ${pythonListRepr(orderBy)}`,
      );
    }
    seen.add(key);
  }
}

/**
 * Parses `searchRegisteredModels` `orderBy` as MLflow's SQL store does: `name`, `timestamp` or
 * `last_updated_timestamp` (both the last update time) with `ASC`/`DESC`. Throws
 * INVALID_PARAMETER_VALUE.
 * @public
 */
export function parseRegisteredModelsOrderBy(
  orderBy: readonly string[] | undefined | null,
): ModelRegistryOrderBy[] {
  const list = orderBy ?? [];
  const parsed = list.map((clause) => {
    const { identifier, ascending } = splitOrderByClause(clause);
    if (!REGISTERED_MODEL_ORDER_KEYS.has(identifier)) {
      throw MlflowError.invalidParameterValue(
        `Invalid order by key '${identifier}' specified.Valid keys are '${pythonSetRepr(RECOMMENDED_REGISTERED_MODEL_KEYS)}'`,
      );
    }
    return { key: identifier === "name" ? "name" : "last_updated_timestamp", ascending };
  });
  rejectDuplicates(parsed, list);
  return parsed;
}

/**
 * Parses `searchModelVersions` `orderBy`: `name`, `version_number`, `creation_timestamp`,
 * `last_updated_timestamp` with `ASC`/`DESC`. Throws INVALID_PARAMETER_VALUE.
 * @public
 */
export function parseModelVersionsOrderBy(
  orderBy: readonly string[] | undefined | null,
): ModelRegistryOrderBy[] {
  const list =
    orderBy === undefined || orderBy === null || orderBy.length === 0
      ? ["last_updated_timestamp DESC", "name ASC", "version_number DESC"]
      : orderBy;
  const parsed = list.map((clause) => {
    const { identifier, ascending } = splitOrderByClause(clause);
    const { key } = experimentIdentifier(identifier, MODEL_VERSION_ORDER_KEYS);
    if (!MODEL_VERSION_ORDER_KEYS.has(key)) {
      throw MlflowError.invalidParameterValue(
        `Invalid order by key '${key}' specified. Valid keys are ${pythonSetRepr(MODEL_VERSION_ORDER_KEYS)}`,
      );
    }
    return { key, ascending };
  });
  rejectDuplicates(parsed, list);
  return parsed;
}

function direction(order: number, ascending: boolean): number {
  return ascending ? order : -order;
}

function compareNumbers(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

/**
 * Orders version names as MLflow orders version numbers; names that are not integers (versions
 * registered by other clients) come before every number, by code point.
 * @internal
 */
export function compareVersionNames(a: string, b: string): number {
  const x = versionNumber(a);
  const y = versionNumber(b);
  if (x !== null && y !== null) return x === y ? 0 : x < y ? -1 : 1;
  if (x !== null) return 1;
  if (y !== null) return -1;
  return compareCodePoints(a, b);
}

/**
 * A comparator in MLflow's order for registered models: the clauses, then `name ASC`.
 * @public
 */
export function compareRegisteredModels(
  orderBy: readonly ModelRegistryOrderBy[] = [],
): (a: RegisteredModel, b: RegisteredModel) => number {
  const clauses = orderBy.some((c) => c.key === "name")
    ? [...orderBy]
    : [...orderBy, { key: "name", ascending: true }];
  return (a, b) => {
    for (const { key, ascending } of clauses) {
      const order =
        key === "name"
          ? compareCodePoints(a.name, b.name)
          : compareNumbers(a.lastUpdatedTimestamp, b.lastUpdatedTimestamp);
      if (order !== 0) return direction(order, ascending);
    }
    return 0;
  };
}

/**
 * A comparator in MLflow's order for model versions: the clauses (default
 * `last_updated_timestamp DESC, name ASC, version_number DESC`), then `name ASC` and
 * `version_number DESC` when absent.
 * @public
 */
export function compareModelVersions(
  orderBy: readonly ModelRegistryOrderBy[],
): (a: ModelVersion, b: ModelVersion) => number {
  const clauses = [...orderBy];
  if (!clauses.some((c) => c.key === "name")) clauses.push({ key: "name", ascending: true });
  if (!clauses.some((c) => c.key === "version_number"))
    clauses.push({ key: "version_number", ascending: false });
  return (a, b) => {
    for (const { key, ascending } of clauses) {
      let order: number;
      if (key === "name") order = compareCodePoints(a.name, b.name);
      else if (key === "version_number") order = compareVersionNames(a.version, b.version);
      else if (key === "creation_timestamp")
        order = compareNumbers(a.creationTimestamp, b.creationTimestamp);
      else order = compareNumbers(a.lastUpdatedTimestamp, b.lastUpdatedTimestamp);
      if (order !== 0) return direction(order, ascending);
    }
    return 0;
  };
}
