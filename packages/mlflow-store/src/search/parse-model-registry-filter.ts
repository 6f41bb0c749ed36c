import { MlflowError } from "../mlflow-error.js";
import type { FilterClause } from "./filter-clause.js";
import { type Comparison, type GroupedItem, isComparison } from "./group-filter.js";
import { pythonSetRepr, stripQuotes } from "./identifier.js";
import type { Token } from "./lex-filter.js";
import { experimentIdentifier } from "./parse-experiments-filter.js";
import { checkLeftIsIdentifier } from "./parse-runs-filter.js";
import { parsePythonStringList } from "./python-list-literal.js";
import { groupStatement } from "./statement.js";

/** Searchable registered-model attributes (`SearchModelUtils`). @internal */
export const REGISTERED_MODEL_SEARCH_ATTRIBUTES: ReadonlySet<string> = new Set(["name"]);
/** Searchable model-version attributes (`SearchModelVersionUtils`). @internal */
export const MODEL_VERSION_SEARCH_ATTRIBUTES: ReadonlySet<string> = new Set([
  "name",
  "version_number",
  "run_id",
  "source_path",
]);
/** Model-version attributes compared as numbers. @internal */
export const MODEL_VERSION_NUMERIC_ATTRIBUTES: ReadonlySet<string> = new Set([
  "version_number",
  "creation_timestamp",
  "last_updated_timestamp",
]);

/**
 * Only comparisons joined by `AND`; anything else (including `IS NULL`, which the model grammar
 * does not group into a comparison) is MLflow's `Invalid clause(s) in filter string`.
 */
function comparisonsOnly(items: readonly GroupedItem[]): Comparison[] {
  const invalid: string[] = [];
  for (const item of items) {
    if (isComparison(item)) {
      if (item.right === undefined) invalid.push(item.raw.split(/\s+/).join(", "));
    } else if (!(item.kind === "keyword" && item.value === "AND")) {
      invalid.push(item.raw);
    }
  }
  if (invalid.length > 0) {
    throw MlflowError.invalidParameterValue(
      `Invalid clause(s) in filter string: ${invalid.join(", ")}`,
    );
  }
  return items.filter(isComparison);
}

/** Run ids of an `IN` list: MLflow keeps lower-case ones; decimal registry ids are kept too. */
function runIdList(paren: string): string[] {
  return parsePythonStringList(paren).filter((id) => id !== "" && id === id.toLowerCase());
}

function clauseValue(
  type: "attribute" | "tag",
  key: string,
  token: Token,
  numeric: ReadonlySet<string> | undefined,
): string | string[] {
  const stringLike = token.kind === "string" || token.kind === "ident";
  if (type === "tag") {
    if (stringLike) return stripQuotes(token.raw, true);
    throw MlflowError.invalidParameterValue(
      `Expected a quoted string value for tag (e.g. 'my-value'). Got value ${token.raw}`,
    );
  }
  if (stringLike) return stripQuotes(token.raw, true);
  if (token.kind === "paren") {
    if (key !== "run_id") {
      throw MlflowError.invalidParameterValue(
        "Only the 'run_id' attribute supports comparison with a list of quoted string values.",
      );
    }
    return runIdList(token.raw);
  }
  if (numeric !== undefined && token.kind === "number") {
    if (!numeric.has(key)) {
      throw MlflowError.invalidParameterValue(
        `Only the '${pythonSetRepr(numeric)}' attributes support comparison with numeric values.`,
      );
    }
    return token.raw;
  }
  throw MlflowError.invalidParameterValue(
    `Expected a quoted string value or a list of quoted string values for attributes. Got value ${token.raw}`,
  );
}

function parse(
  filter: string | undefined | null,
  attributes: ReadonlySet<string>,
  numeric: ReadonlySet<string> | undefined,
): FilterClause[] {
  const items = groupStatement(filter);
  if (items === undefined) return [];
  return comparisonsOnly(items).map((comparison) => {
    checkLeftIsIdentifier(comparison);
    const { type, key } = experimentIdentifier(comparison.left.raw, attributes);
    const right = comparison.right as Token;
    return {
      type,
      key,
      comparator: comparison.comparator,
      value: clauseValue(type, key, right, numeric),
    };
  });
}

/**
 * Parses a `searchRegisteredModels` filter with MLflow's grammar (`SearchModelUtils`): `name`
 * (bare or `attribute.name`) and `tag.`/`tags.` keys, compared with quoted strings, joined by
 * `AND`. Comparators are checked by {@link assertRegisteredModelsFilterComparators}. Throws
 * INVALID_PARAMETER_VALUE with MLflow's messages.
 * @public
 */
export function parseRegisteredModelsFilter(filter: string | undefined | null): FilterClause[] {
  return parse(filter, REGISTERED_MODEL_SEARCH_ATTRIBUTES, undefined);
}

/**
 * Parses a `searchModelVersions` filter with MLflow's grammar (`SearchModelVersionUtils`):
 * `name`, `version_number` (numbers), `run_id` (strings, or `IN` lists), `source_path` and
 * `tag.`/`tags.` keys, joined by `AND`. Throws INVALID_PARAMETER_VALUE with MLflow's messages.
 * @public
 */
export function parseModelVersionsFilter(filter: string | undefined | null): FilterClause[] {
  return parse(filter, MODEL_VERSION_SEARCH_ATTRIBUTES, MODEL_VERSION_NUMERIC_ATTRIBUTES);
}

const STRING_COMPARATORS = ["=", "!=", "LIKE", "ILIKE"];
const NUMERIC_COMPARATORS = ["=", "!=", "<", "<=", ">", ">="];

function checkComparator(clause: FilterClause, numericKeys: ReadonlySet<string>): void {
  const { type, key, comparator } = clause;
  if (type === "tag") {
    if (!STRING_COMPARATORS.includes(comparator)) {
      throw MlflowError.invalidParameterValue(`Invalid comparator for tag: ${comparator}`);
    }
    return;
  }
  if (numericKeys.has(key)) {
    if (!NUMERIC_COMPARATORS.includes(comparator)) {
      throw MlflowError.invalidParameterValue(
        `Invalid comparator for attribute ${key}: ${comparator}`,
      );
    }
    return;
  }
  const allowed = comparator === "IN" ? key === "run_id" : STRING_COMPARATORS.includes(comparator);
  if (!allowed) {
    throw MlflowError.invalidParameterValue(`Invalid comparator for attribute: ${comparator}`);
  }
}

/** The comparator checks MLflow's SQL store makes for registered-model filters. @public */
export function assertRegisteredModelsFilterComparators(clauses: readonly FilterClause[]): void {
  for (const clause of clauses) checkComparator(clause, new Set());
}

/** The comparator checks MLflow's SQL store makes for model-version filters. @public */
export function assertModelVersionsFilterComparators(clauses: readonly FilterClause[]): void {
  for (const clause of clauses) checkComparator(clause, MODEL_VERSION_NUMERIC_ATTRIBUTES);
}
