import { MlflowError } from "../mlflow-error.js";
import type { FilterEntityType } from "./filter-clause.js";

const ENTITY_ALIASES: Readonly<Record<string, FilterEntityType>> = {
  metric: "metric",
  metrics: "metric",
  parameter: "parameter",
  parameters: "parameter",
  param: "parameter",
  params: "parameter",
  tag: "tag",
  tags: "tag",
  attribute: "attribute",
  attributes: "attribute",
  attr: "attribute",
  run: "attribute",
  dataset: "dataset",
  datasets: "dataset",
};

/** The comparator sets MLflow checks at evaluation time (`SearchUtils.VALID_*`). @internal */
export const COMPARATORS = {
  metric: ["=", "!=", "<", "<=", ">", ">="],
  parameter: ["=", "!=", "LIKE", "ILIKE", "IS NULL", "IS NOT NULL"],
  tag: ["=", "!=", "LIKE", "ILIKE", "IS NULL", "IS NOT NULL"],
  stringAttribute: ["=", "!=", "LIKE", "ILIKE", "IN", "NOT IN"],
  numericAttribute: ["=", "!=", "<", "<=", ">", ">="],
  dataset: ["=", "!=", "LIKE", "ILIKE", "IN", "NOT IN"],
} as const;

/** Python-like rendering of a set of strings, sorted for stable messages. @internal */
export function pythonSetRepr(values: Iterable<string>): string {
  return `{${[...values]
    .sort()
    .map((v) => `'${v}'`)
    .join(", ")}}`;
}

/** Throws MLflow's `Invalid comparator` error unless `comparator` is allowed. @internal */
export function checkComparator(comparator: string, allowed: readonly string[]): void {
  if (!allowed.includes(comparator)) {
    throw MlflowError.invalidParameterValue(
      `Invalid comparator '${comparator}' not one of '${pythonSetRepr(allowed)}'`,
    );
  }
}

/** `_is_quoted` + `_trim_ends`. @internal */
export function isQuoted(value: string, quote: string): boolean {
  return value.length >= 2 && value.startsWith(quote) && value.endsWith(quote);
}

/** `_strip_quotes` (single or double quotes). @internal */
export function stripQuotes(value: string, expectQuoted: boolean): string {
  if (isQuoted(value, "'") || isQuoted(value, '"')) return value.slice(1, -1);
  if (expectQuoted) {
    throw MlflowError.invalidParameterValue(
      `Parameter value is either not quoted or unidentified quote types used for string value ${value}. Use either single or double quotes.`,
    );
  }
  return value;
}

/** `_trim_backticks`. @internal */
export function trimBackticks(value: string): string {
  return isQuoted(value, "`") ? value.slice(1, -1) : value;
}

/** Splits at the first dot, as MLflow does on the identifier's source text. @internal */
export function splitIdentifier(raw: string): [string | undefined, string] {
  const dot = raw.indexOf(".");
  return dot < 0 ? [undefined, raw] : [raw.slice(0, dot), raw.slice(dot + 1)];
}

/** `SearchUtils._valid_entity_type`. @internal */
export function runEntityType(word: string): FilterEntityType {
  const trimmed = trimBackticks(word);
  const type = Object.hasOwn(ENTITY_ALIASES, trimmed) ? ENTITY_ALIASES[trimmed] : undefined;
  if (type === undefined) {
    throw MlflowError.invalidParameterValue(
      `Invalid entity type '${trimmed}'. Valid values are ['metric', 'parameter', 'tag', 'attribute', 'dataset']`,
    );
  }
  return type;
}

/** Orderable run attributes. @internal */
export const RUN_ORDER_BY_ATTRIBUTES: ReadonlySet<string> = new Set([
  "run_id",
  "run_name",
  "status",
  "user_id",
  "artifact_uri",
  "start_time",
  "end_time",
  "created",
  "Created",
]);

/** Searchable run attributes: the orderable ones plus MLflow's aliases of `run_name`. @internal */
export const RUN_SEARCH_ATTRIBUTES: ReadonlySet<string> = new Set([
  ...RUN_ORDER_BY_ATTRIBUTES,
  "run name",
  "Run name",
  "Run Name",
]);

/** Numeric run attributes (with aliases). @internal */
export const RUN_NUMERIC_ATTRIBUTES: ReadonlySet<string> = new Set([
  "start_time",
  "end_time",
  "created",
  "Created",
]);

/** Dataset keys. @internal */
export const DATASET_KEYS: ReadonlySet<string> = new Set(["name", "digest", "context"]);

/** `translate_key_alias`. @internal */
export function translateRunAttribute(key: string): string {
  if (key === "created" || key === "Created") return "start_time";
  if (key === "run name" || key === "Run name" || key === "Run Name") return "run_name";
  return key;
}

/** `SearchUtils._get_identifier` for runs. @internal */
export function runIdentifier(
  raw: string,
  validAttributes: ReadonlySet<string>,
): { type: FilterEntityType; key: string } {
  const [entity, rest] = splitIdentifier(raw);
  const type = entity === undefined ? "attribute" : runEntityType(entity);
  const key = trimBackticks(stripQuotes(rest, false));
  if (type === "attribute" && !validAttributes.has(key)) {
    throw MlflowError.invalidParameterValue(
      `Invalid attribute key '${key}' specified. Valid keys are '${pythonSetRepr(validAttributes)}'`,
    );
  }
  if (type === "dataset" && !DATASET_KEYS.has(key)) {
    throw MlflowError.invalidParameterValue(
      `Invalid dataset key '${key}' specified. Valid keys are '${pythonSetRepr(DATASET_KEYS)}'`,
    );
  }
  return { type, key };
}
