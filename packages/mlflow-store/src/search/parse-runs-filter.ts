import { MlflowError } from "../mlflow-error.js";
import type { FilterClause, FilterEntityType } from "./filter-clause.js";
import { type Comparison, type GroupedItem, isComparison } from "./group-filter.js";
import {
  DATASET_KEYS,
  RUN_NUMERIC_ATTRIBUTES,
  RUN_SEARCH_ATTRIBUTES,
  runIdentifier,
  stripQuotes,
} from "./identifier.js";
import type { Token } from "./lex-filter.js";
import { parsePythonStringList } from "./python-list-literal.js";
import { groupStatement } from "./statement.js";

const isNumber = (t: Token) => t.kind === "number";
const isStringLike = (t: Token) => t.kind === "string" || t.kind === "ident";

/** Throws unless every grouped item is a comparison or `AND` (`Invalid clause(s) …`). @internal */
export function checkOnlyComparisons(
  items: readonly GroupedItem[],
  quoteInvalid: boolean,
): Comparison[] {
  const invalid = items.filter(
    (item) => !isComparison(item) && !(item.kind === "keyword" && item.value === "AND"),
  );
  if (invalid.length > 0) {
    const text = invalid.map((item) => (quoteInvalid ? `'${item.raw}'` : item.raw)).join(", ");
    throw MlflowError.invalidParameterValue(`Invalid clause(s) in filter string: ${text}`);
  }
  return items.filter(isComparison);
}

/** `_validate_comparison`: the left side must be an identifier. @internal */
export function checkLeftIsIdentifier(comparison: Comparison): void {
  if (comparison.left.kind !== "ident") {
    throw MlflowError.invalidParameterValue(
      `Invalid comparison clause. Expected 'Identifier' found '${comparison.left.raw}'`,
    );
  }
}

/**
 * Run ids in `IN` lists: MLflow keeps only `islower()` strings because run ids are lowercase hex.
 * Registry run ids are decimal, so items without letters are kept here; items with upper-case
 * letters (or empty) are dropped as MLflow drops them.
 */
function runIdList(paren: string): string[] {
  return parsePythonStringList(paren).filter((id) => id !== "" && id === id.toLowerCase());
}

function expectString(type: string, token: Token): string {
  if (isStringLike(token)) return stripQuotes(token.raw, true);
  throw MlflowError.invalidParameterValue(
    `Expected a quoted string value for ${type} (e.g. 'my-value'). Got value ${token.raw}`,
  );
}

function runValue(type: FilterEntityType, key: string, token: Token): string | string[] {
  switch (type) {
    case "metric":
      if (!isNumber(token)) {
        throw MlflowError.invalidParameterValue(
          `Expected numeric value type for metric. Found ${token.raw}`,
        );
      }
      return token.raw;
    case "parameter":
    case "tag":
      return expectString(type, token);
    case "attribute":
      if (RUN_NUMERIC_ATTRIBUTES.has(key)) {
        if (!isNumber(token)) {
          throw MlflowError.invalidParameterValue(
            `Expected numeric value type for numeric attribute: ${key}. Found ${token.raw}`,
          );
        }
        return token.raw;
      }
      if (isStringLike(token)) return stripQuotes(token.raw, true);
      if (token.kind === "paren") {
        if (key !== "run_id") {
          throw MlflowError.invalidParameterValue(
            "Only the 'run_id' attribute supports comparison with a list of quoted string values.",
          );
        }
        return runIdList(token.raw);
      }
      throw MlflowError.invalidParameterValue(
        `Expected a quoted string value for attributes. Got value ${token.raw}`,
      );
    case "dataset":
      if (DATASET_KEYS.has(key) && isStringLike(token)) return stripQuotes(token.raw, true);
      if (token.kind === "paren") return parsePythonStringList(token.raw);
      throw MlflowError.invalidParameterValue(
        `Expected a quoted string value for dataset attributes. Got value ${token.raw}`,
      );
  }
}

function runClause(comparison: Comparison): FilterClause {
  checkLeftIsIdentifier(comparison);
  const { type, key } = runIdentifier(comparison.left.raw, RUN_SEARCH_ATTRIBUTES);
  if (comparison.right === undefined) {
    if (type !== "tag" && type !== "parameter") {
      throw MlflowError.invalidParameterValue(
        `IS NULL / IS NOT NULL is only supported for tags and params, not for '${type}' '${key}'`,
      );
    }
    return { type, key, comparator: comparison.comparator, value: null };
  }
  return {
    type,
    key,
    comparator: comparison.comparator,
    value: runValue(type, key, comparison.right),
  };
}

/**
 * Parses a `searchRuns` filter string with MLflow's grammar (`SearchUtils.parse_search_filter`):
 * comparisons joined by `AND`; entity prefixes `metric(s)`, `param(s)`/`parameter(s)`, `tag(s)`,
 * `attribute(s)`/`attr`/`run`, `dataset(s)`; backtick or double-quoted keys; typed values.
 * Comparator legality is checked later, at evaluation ({@link assertRunsFilterComparators},
 * `runMatches`), as MLflow does. Throws INVALID_PARAMETER_VALUE with MLflow's messages.
 * @public
 */
export function parseRunsFilter(filter: string | undefined | null): FilterClause[] {
  const items = groupStatement(filter);
  if (items === undefined) return [];
  return checkOnlyComparisons(items, true).map(runClause);
}
