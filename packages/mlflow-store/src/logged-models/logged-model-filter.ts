import { MlflowError } from "../mlflow-error.js";
import type { LoggedModel } from "../types.js";

/** Entity of a logged-model filter clause (MLflow's SQL-store grammar: plural prefixes only). @internal */
export type LoggedModelEntity = "attributes" | "metrics" | "params" | "tags";

/** One comparison of a logged-model filter. @internal */
export interface LoggedModelClause {
  entity: LoggedModelEntity;
  /** Attribute keys are canonical (`creation_time` → `creation_timestamp`). */
  key: string;
  comparator: string;
  /** A string, a number, or a list of strings for IN / NOT IN. */
  value: string | number | string[];
}

const ENTITIES: readonly LoggedModelEntity[] = ["attributes", "metrics", "params", "tags"];
const STRING_OPS = ["=", "!=", "LIKE", "ILIKE", "IN", "NOT IN"] as const;
const NUMERIC_OPS = ["=", "!=", "<", "<=", ">", ">="] as const;
const ATTRIBUTE_ALIASES: Readonly<Record<string, string>> = {
  name: "name",
  model_id: "model_id",
  model_type: "model_type",
  status: "status",
  source_run_id: "source_run_id",
  creation_timestamp: "creation_timestamp",
  creation_time: "creation_timestamp",
  last_updated_timestamp: "last_updated_timestamp",
};
const NUMERIC_ATTRIBUTES = new Set(["creation_timestamp", "last_updated_timestamp"]);

const TOKEN =
  /\s*(?:(`(?:[^`])*`)|('(?:[^'\\]|\\.)*')|("(?:[^"\\]|\\.)*")|(<=|>=|!=|<>|=|<|>)|([(),])|([A-Za-z_][\w.]*)|([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?))/y;

interface Token {
  kind: "ident" | "quoted" | "string" | "dquoted" | "op" | "punct" | "number";
  text: string;
}

function invalidFilter(filter: string): MlflowError {
  return MlflowError.invalidParameterValue(
    `Invalid filter string: '${filter}'. Expected a list of comparisons separated by 'AND' (e.g. 'metrics.loss > 0.1 AND params.lr = 0.01').`,
  );
}

function tokenize(filter: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  let index = 0;
  while (index < filter.length) {
    if (/^\s*$/.test(filter.slice(index))) break;
    TOKEN.lastIndex = index;
    const m = TOKEN.exec(filter);
    if (m === null) throw invalidFilter(filter);
    index = TOKEN.lastIndex;
    const [, quoted, single, double, op, punct, ident, number] = m;
    if (quoted !== undefined) tokens.push({ kind: "quoted", text: quoted.slice(1, -1) });
    else if (single !== undefined) tokens.push({ kind: "string", text: unquote(single) });
    else if (double !== undefined) tokens.push({ kind: "dquoted", text: double });
    else if (op !== undefined) tokens.push({ kind: "op", text: op });
    else if (punct !== undefined) tokens.push({ kind: "punct", text: punct });
    else if (ident !== undefined) tokens.push({ kind: "ident", text: ident });
    else if (number !== undefined) tokens.push({ kind: "number", text: number });
  }
  return tokens;
}

function unquote(single: string): string {
  return single.slice(1, -1).replace(/\\(.)/g, "$1");
}

function splitKey(
  tokens: Token[],
  filter: string,
): { entity: LoggedModelEntity; key: string; rest: Token[] } {
  const [first, second] = tokens;
  if (first === undefined) throw invalidFilter(filter);
  if (first.kind === "quoted") return attributeKey(first.text, tokens.slice(1));
  if (first.kind !== "ident") throw invalidFilter(filter);
  const dot = first.text.indexOf(".");
  if (dot === -1) return attributeKey(first.text, tokens.slice(1));
  const entity = first.text.slice(0, dot);
  let key = first.text.slice(dot + 1);
  let rest = tokens.slice(1);
  if (key === "" && second?.kind === "quoted") {
    key = second.text;
    rest = tokens.slice(2);
  }
  if (!ENTITIES.includes(entity as LoggedModelEntity)) {
    throw MlflowError.invalidParameterValue(
      `Invalid entity type: '${entity}'. Expected one of ['attributes', 'metrics', 'params', 'tags'].`,
    );
  }
  if (entity === "attributes") return attributeKey(key, rest);
  return { entity: entity as LoggedModelEntity, key, rest };
}

function attributeKey(
  key: string,
  rest: Token[],
): { entity: LoggedModelEntity; key: string; rest: Token[] } {
  const canonical = ATTRIBUTE_ALIASES[key];
  if (canonical === undefined) {
    throw MlflowError.invalidParameterValue(
      `Invalid attribute key '${key}' specified. Valid keys are: ${Object.keys(ATTRIBUTE_ALIASES).join(", ")}`,
    );
  }
  return { entity: "attributes", key: canonical, rest };
}

function isNumericField(entity: LoggedModelEntity, key: string): boolean {
  return entity === "metrics" || (entity === "attributes" && NUMERIC_ATTRIBUTES.has(key));
}

function parseComparison(tokens: Token[], filter: string): LoggedModelClause {
  const { entity, key, rest } = splitKey(tokens, filter);
  const numeric = isNumericField(entity, key);
  let comparator: string;
  let valueTokens: Token[];
  const head = rest[0];
  const upper = head?.kind === "ident" ? head.text.toUpperCase() : head?.text;
  if (upper === "NOT" && rest[1]?.kind === "ident" && rest[1].text.toUpperCase() === "IN") {
    comparator = "NOT IN";
    valueTokens = rest.slice(2);
  } else if (upper === "IS") {
    throw MlflowError.invalidParameterValue(
      `Invalid comparison: '${filter}'. Expected a comparison with 3 tokens.`,
    );
  } else {
    comparator = upper ?? "";
    valueTokens = rest.slice(1);
  }
  const allowed: readonly string[] = numeric ? NUMERIC_OPS : STRING_OPS;
  if (!allowed.includes(comparator)) {
    throw MlflowError.invalidParameterValue(
      `Invalid comparison operator for ${entity}.${key}: '${comparator}'. Expected one of ('=', '!=', 'LIKE', 'ILIKE', 'IN', 'NOT IN').`,
    );
  }
  return { entity, key, comparator, value: parseValue(valueTokens, numeric, comparator, filter) };
}

function parseValue(
  tokens: Token[],
  numeric: boolean,
  comparator: string,
  filter: string,
): string | number | string[] {
  if (comparator === "IN" || comparator === "NOT IN") {
    if (tokens[0]?.text !== "(" || tokens.at(-1)?.text !== ")") throw invalidFilter(filter);
    const values: string[] = [];
    for (const token of tokens.slice(1, -1)) {
      if (token.text === "," && token.kind === "punct") continue;
      if (token.kind !== "string") throw invalidFilter(filter);
      values.push(token.text);
    }
    if (values.length === 0) throw invalidFilter(filter);
    return values;
  }
  const [token, extra] = tokens;
  if (token === undefined || extra !== undefined) throw invalidFilter(filter);
  if (numeric) {
    if (token.kind !== "number") {
      throw MlflowError.invalidParameterValue(
        `Invalid numeric value '${token.text}' in filter '${filter}': expected a number.`,
      );
    }
    return Number(token.text);
  }
  if (token.kind === "string") return token.text;
  if (token.kind === "dquoted" || token.kind === "number") return token.text;
  throw invalidFilter(filter);
}

/**
 * Parses a `search_logged_models` filter with MLflow's SQL-store grammar: comparisons joined by
 * AND; `attributes.`/`metrics.`/`params.`/`tags.` prefixes (bare names are attributes); string
 * fields take `= != LIKE ILIKE IN NOT IN` with single-quoted values (double quotes are kept as part
 * of the value), numeric fields `= != < <= > >=`. No OR, no IS NULL.
 * @internal
 */
export function parseLoggedModelsFilter(filter: string | undefined): LoggedModelClause[] {
  if (filter === undefined || filter.trim() === "") return [];
  const tokens = tokenize(filter);
  const clauses: LoggedModelClause[] = [];
  let current: Token[] = [];
  for (const token of tokens) {
    const word = token.kind === "ident" ? token.text.toUpperCase() : "";
    if (word === "OR") throw invalidFilter(filter);
    if (word === "AND") {
      if (current.length === 0) throw invalidFilter(filter);
      clauses.push(parseComparison(current, filter));
      current = [];
    } else {
      current.push(token);
    }
  }
  if (current.length === 0) throw invalidFilter(filter);
  clauses.push(parseComparison(current, filter));
  return clauses;
}

function likeRegExp(pattern: string, flags: string): RegExp {
  const body = [...pattern]
    .map((c) => (c === "%" ? ".*" : c === "_" ? "." : c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${body}$`, `s${flags}`);
}

function fieldValue(
  model: LoggedModel,
  clause: LoggedModelClause,
): string | number | null | undefined {
  if (clause.entity === "tags") return model.tags[clause.key];
  if (clause.entity === "params") return model.params[clause.key];
  if (clause.entity === "metrics") return undefined;
  switch (clause.key) {
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
    default:
      return model.lastUpdatedTimestamp;
  }
}

function compareNumbers(actual: number, comparator: string, expected: number): boolean {
  switch (comparator) {
    case "=":
      return actual === expected;
    case "!=":
      return actual !== expected;
    case "<":
      return actual < expected;
    case "<=":
      return actual <= expected;
    case ">":
      return actual > expected;
    default:
      return actual >= expected;
  }
}

/**
 * True when the model satisfies every clause. A missing field (absent tag or param, null
 * attribute, any metric — logged-model metrics are not stored in the registry layout) matches
 * nothing, not even `!=`.
 * @internal
 */
export function loggedModelMatches(
  clauses: readonly LoggedModelClause[],
  model: LoggedModel,
): boolean {
  return clauses.every((clause) => {
    const actual = fieldValue(model, clause);
    if (actual === undefined || actual === null) return false;
    if (typeof actual === "number") {
      return compareNumbers(actual, clause.comparator, clause.value as number);
    }
    const { comparator, value } = clause;
    switch (comparator) {
      case "=":
        return actual === String(value);
      case "!=":
        return actual !== String(value);
      case "LIKE":
        return likeRegExp(String(value), "").test(actual);
      case "ILIKE":
        return likeRegExp(String(value), "i").test(actual);
      case "IN":
        return (value as string[]).includes(actual);
      default:
        return !(value as string[]).includes(actual);
    }
  });
}
