import { MlflowError } from "../mlflow-error.js";
import { pythonRepr } from "../validation/python-format.js";
import type { LoggedModelFilterClause, LoggedModelFilterEntityType } from "./filter-clause.js";
import { groupFilter, isComparison } from "./group-filter.js";
import { pythonSetRepr } from "./identifier.js";
import { lexFilter } from "./lex-filter.js";
import { parsePythonStringList } from "./python-list-literal.js";

const ENTITY_TYPES: readonly LoggedModelFilterEntityType[] = [
  "attributes",
  "metrics",
  "params",
  "tags",
];
const NUMERIC_OPS = ["<", "<=", ">", ">=", "=", "!="] as const;
const STRING_OPS = ["=", "!=", "LIKE", "ILIKE", "IN", "NOT IN"] as const;

/** Attribute aliases → canonical logged-model attribute names. @internal */
export const LOGGED_MODEL_ATTRIBUTES: Readonly<Record<string, string>> = {
  name: "name",
  model_id: "model_id",
  model_type: "model_type",
  status: "status",
  source_run_id: "source_run_id",
  creation_timestamp: "creation_timestamp",
  creation_time: "creation_timestamp",
  last_updated_timestamp: "last_updated_timestamp",
  last_updated_time: "last_updated_timestamp",
};
const NUMERIC_ATTRIBUTES = new Set(["creation_timestamp", "last_updated_timestamp"]);
const IDENTIFIER = /^([a-z]+)\.(.+)$/s;
const PY_FLOAT =
  /^\s*[+-]?(?:(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][+-]?\d+)?|inf|infinity|nan)\s*$/i;

function stripAll(value: string, ch: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && value[start] === ch) start++;
  while (end > start && value[end - 1] === ch) end--;
  return value.slice(start, end);
}

function entityOf(identifier: string): { type: LoggedModelFilterEntityType; key: string } {
  const m = IDENTIFIER.exec(identifier);
  if (m) {
    const type = m[1] as LoggedModelFilterEntityType;
    if (!ENTITY_TYPES.includes(type)) {
      throw MlflowError.invalidParameterValue(
        `Invalid entity type: ${pythonRepr(m[1] ?? "")}. Expected one of ['attributes', 'metrics', 'params', 'tags'].`,
      );
    }
    const key = stripAll(m[2] ?? "", "`");
    return { type, key: type === "attributes" ? (LOGGED_MODEL_ATTRIBUTES[key] ?? key) : key };
  }
  const key = stripAll(
    Object.hasOwn(LOGGED_MODEL_ATTRIBUTES, identifier)
      ? (LOGGED_MODEL_ATTRIBUTES[identifier] as string)
      : identifier,
    "`",
  );
  return { type: "attributes", key };
}

function isNumericEntity(type: LoggedModelFilterEntityType, key: string): boolean {
  return type === "metrics" || (type === "attributes" && NUMERIC_ATTRIBUTES.has(key));
}

/** Python's `float(text)` (accepts `1e3`, `inf`, `nan`, surrounding spaces, `_` separators). */
function pythonFloat(text: string, entity: string): number {
  if (!PY_FLOAT.test(text)) {
    throw MlflowError.invalidParameterValue(
      `Invalid numeric value for ${entity}: ${pythonRepr(text)}. Expected a number.`,
    );
  }
  const t = text.trim().toLowerCase().replaceAll("_", "");
  if (t.endsWith("nan")) return Number.NaN;
  if (t.endsWith("inf") || t.endsWith("infinity")) return t.startsWith("-") ? -Infinity : Infinity;
  return Number(t);
}

/**
 * Parses a `searchLoggedModels` filter as MLflow's SQL store does
 * (`search_logged_model_utils.parse_filter_string`): entity prefixes `attributes.`, `metrics.`,
 * `params.`, `tags.` only (bare names are attributes); numeric operators for metrics and
 * timestamps, `= != LIKE ILIKE IN NOT IN` for everything else (operators are case-sensitive);
 * single quotes are stripped from values, double quotes are not; no `IS NULL`, no `OR`.
 * Unknown attributes and non-numeric values for numeric fields, which MLflow reports as internal
 * errors, are INVALID_PARAMETER_VALUE here.
 * @public
 */
export function parseLoggedModelsFilter(
  filter: string | undefined | null,
): LoggedModelFilterClause[] {
  if (filter === undefined || filter === null || filter === "") return [];
  const tokens = lexFilter(filter);
  const semicolon = tokens.findIndex((t) => t.kind === "punct" && t.raw === ";");
  if (semicolon >= 0 && tokens.slice(semicolon + 1).some((t) => t.kind !== "ws")) {
    throw MlflowError.invalidParameterValue(
      `Invalid filter string: ${pythonRepr(filter)}. Expected a single SQL expression.`,
    );
  }
  const clauses: LoggedModelFilterClause[] = [];
  for (const item of groupFilter(tokens)) {
    if (!isComparison(item)) {
      if (item.kind === "keyword" && item.value === "AND") continue;
      throw MlflowError.invalidParameterValue(
        `Invalid filter string: ${pythonRepr(filter)}. Expected a list of comparisons separated by 'AND' (e.g. 'metrics.loss > 0.1 AND params.lr = 0.01').`,
      );
    }
    if (item.right === undefined) {
      throw MlflowError.invalidParameterValue(
        `Invalid comparison: ${item.raw}. Expected a comparison with 3 tokens.`,
      );
    }
    const { type, key } = entityOf(item.left.raw);
    const entity = `${type}.${key}`;
    if (type === "attributes" && !Object.values(LOGGED_MODEL_ATTRIBUTES).includes(key)) {
      throw MlflowError.invalidParameterValue(
        `Invalid attribute key '${key}' specified. Valid keys are '${pythonSetRepr(Object.keys(LOGGED_MODEL_ATTRIBUTES))}'`,
      );
    }
    const numeric = isNumericEntity(type, key);
    const op = item.comparator === "NOT IN" ? "NOT IN" : item.comparatorRaw;
    if (
      !(numeric ? (NUMERIC_OPS as readonly string[]) : (STRING_OPS as readonly string[])).includes(
        op,
      )
    ) {
      throw MlflowError.invalidParameterValue(
        `Invalid comparison operator for ${entity}: ${pythonRepr(op)}. Expected one of ('=', '!=', 'LIKE', 'ILIKE', 'IN', 'NOT IN').`,
      );
    }
    const raw = item.right.raw;
    let value: LoggedModelFilterClause["value"];
    if (numeric) value = pythonFloat(raw, entity);
    else if (raw.startsWith("(") && raw.endsWith(")")) value = parsePythonStringList(raw);
    else value = stripAll(raw, "'");
    const isList = Array.isArray(value);
    if (isList !== (op === "IN" || op === "NOT IN")) {
      throw MlflowError.invalidParameterValue(
        `Invalid comparison: ${item.raw}. ${isList ? "A list value needs IN or NOT IN." : "IN and NOT IN need a parenthesised list of quoted strings."}`,
      );
    }
    clauses.push({ type, key, comparator: op, value });
  }
  return clauses;
}
