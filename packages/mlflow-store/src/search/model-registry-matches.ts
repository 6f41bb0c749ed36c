import type { ModelVersion, RegisteredModel } from "../model-registry/model-registry-types.js";
import { compareValue } from "./compare-values.js";
import type { FilterClause } from "./filter-clause.js";
import {
  assertModelVersionsFilterComparators,
  assertRegisteredModelsFilterComparators,
} from "./parse-model-registry-filter.js";

const INTEGER = /^-?\d+$/;

/** A version's number, or null for registry version names that are not integers. @internal */
export function versionNumber(version: string): number | null {
  return INTEGER.test(version) ? Number(version) : null;
}

function tag(tags: Record<string, string>, key: string): string | undefined {
  return Object.hasOwn(tags, key) ? tags[key] : undefined;
}

/**
 * True when the registered model satisfies every clause (`name` is its MLflow name; `=` and
 * `LIKE` are case-sensitive, `ILIKE` is not; a missing tag never matches).
 * @public
 */
export function registeredModelMatches(
  clauses: readonly FilterClause[],
  model: RegisteredModel,
): boolean {
  assertRegisteredModelsFilterComparators(clauses);
  return clauses.every(({ type, key, comparator, value }) =>
    type === "tag"
      ? compareValue(tag(model.tags, key), comparator, value)
      : compareValue(model.name, comparator, value),
  );
}

function versionAttribute(version: ModelVersion, key: string): string | number | null {
  switch (key) {
    case "name":
      return version.name;
    case "run_id":
      return version.runId;
    case "source_path":
      return version.source;
    default:
      return versionNumber(version.version);
  }
}

/**
 * True when the model version satisfies every clause: `name` (its registered model's MLflow
 * name), `version_number` (numeric; registry version names that are not integers never match),
 * `run_id` (`=`, `!=`, `LIKE`, `ILIKE`, `IN`), `source_path`, tags.
 * @public
 */
export function modelVersionMatches(
  clauses: readonly FilterClause[],
  version: ModelVersion,
): boolean {
  assertModelVersionsFilterComparators(clauses);
  return clauses.every(({ type, key, comparator, value }) => {
    if (type === "tag") return compareValue(tag(version.tags, key), comparator, value);
    const lhs = versionAttribute(version, key);
    if (key === "version_number") {
      const rhs = Number(value);
      return Number.isFinite(rhs) && compareValue(lhs, comparator, rhs);
    }
    return compareValue(lhs, comparator, value);
  });
}
