import { MlflowError } from "../mlflow-error.js";
import type { FilterClause } from "./filter-clause.js";
import type { Comparison } from "./group-filter.js";
import { pythonSetRepr, splitIdentifier, stripQuotes, trimBackticks } from "./identifier.js";
import type { Token } from "./lex-filter.js";
import { checkLeftIsIdentifier, checkOnlyComparisons } from "./parse-runs-filter.js";
import { groupStatement } from "./statement.js";

/** Searchable experiment attributes. @internal */
export const EXPERIMENT_SEARCH_ATTRIBUTES: ReadonlySet<string> = new Set([
  "name",
  "creation_time",
  "last_update_time",
]);
/** Orderable experiment attributes. @internal */
export const EXPERIMENT_ORDER_BY_ATTRIBUTES: ReadonlySet<string> = new Set([
  "name",
  "experiment_id",
  "creation_time",
  "last_update_time",
]);
/** Numeric experiment attributes. @internal */
export const EXPERIMENT_NUMERIC_ATTRIBUTES: ReadonlySet<string> = new Set([
  "creation_time",
  "last_update_time",
]);

/** `SearchExperimentsUtils._get_identifier`: only `attribute.`, `tag.`, `tags.` prefixes. @internal */
export function experimentIdentifier(
  raw: string,
  validAttributes: ReadonlySet<string>,
): { type: "attribute" | "tag"; key: string } {
  const [entity, rest] = splitIdentifier(raw);
  let type: "attribute" | "tag" = "attribute";
  if (entity !== undefined) {
    if (entity !== "attribute" && entity !== "tag" && entity !== "tags") {
      throw MlflowError.invalidParameterValue(
        `Invalid entity type '${entity}'. Valid entity types are ('attribute', 'tag', 'tags')`,
      );
    }
    type = entity === "attribute" ? "attribute" : "tag";
  }
  const key = trimBackticks(stripQuotes(rest, false));
  if (type === "attribute" && !validAttributes.has(key)) {
    throw MlflowError.invalidParameterValue(
      `Invalid attribute key '${key}' specified. Valid keys are '${pythonSetRepr(validAttributes)}'`,
    );
  }
  return { type, key };
}

function experimentValue(type: "attribute" | "tag", key: string, token: Token): string {
  const stringLike = token.kind === "string" || token.kind === "ident";
  if (type === "tag") {
    if (stringLike) return stripQuotes(token.raw, true);
    throw MlflowError.invalidParameterValue(
      `Expected a quoted string value for tag (e.g. 'my-value'). Got value ${token.raw}`,
    );
  }
  if (EXPERIMENT_NUMERIC_ATTRIBUTES.has(key)) {
    if (token.kind !== "number") {
      throw MlflowError.invalidParameterValue(
        `Expected numeric value type for numeric attribute: ${key}. Found ${token.raw}`,
      );
    }
    return token.raw;
  }
  if (stringLike) return stripQuotes(token.raw, true);
  if (token.kind === "paren") {
    throw MlflowError.invalidParameterValue(
      "Only the 'run_id' attribute supports comparison with a list of quoted string values.",
    );
  }
  throw MlflowError.invalidParameterValue(
    `Expected a quoted string value for attributes. Got value ${token.raw}`,
  );
}

function experimentClause(comparison: Comparison): FilterClause {
  checkLeftIsIdentifier(comparison);
  const { type, key } = experimentIdentifier(comparison.left.raw, EXPERIMENT_SEARCH_ATTRIBUTES);
  if (comparison.right === undefined) {
    if (type !== "tag") {
      throw MlflowError.invalidParameterValue(
        `IS NULL / IS NOT NULL is only supported for tags, not for attribute '${key}'`,
      );
    }
    return { type, key, comparator: comparison.comparator, value: null };
  }
  return {
    type,
    key,
    comparator: comparison.comparator,
    value: experimentValue(type, key, comparison.right),
  };
}

/**
 * Parses a `searchExperiments` filter (`SearchExperimentsUtils`): bare attributes or
 * `attribute.` (`name`, `creation_time`, `last_update_time`), `tag.`/`tags.`; `attributes.`,
 * `params.` and `metrics.` are rejected as in MLflow. Throws INVALID_PARAMETER_VALUE.
 * @public
 */
export function parseExperimentsFilter(filter: string | undefined | null): FilterClause[] {
  const items = groupStatement(filter);
  if (items === undefined) return [];
  return checkOnlyComparisons(items, false).map(experimentClause);
}
