import type { ViewType } from "../types.js";
import type { FilterClause } from "./filter-clause.js";
import { translateRunAttribute } from "./identifier.js";
import { likeMatches } from "./like-pattern.js";

/**
 * A registry `filterQuery` string literal for `value`, or `undefined` when the registry's parser
 * cannot carry it unchanged: it trims every leading/trailing quote character, treats backslash
 * sequences as escapes and rejects NUL bytes.
 * @public
 */
export function registryStringLiteral(value: string): string | undefined {
  if (/^["']|["']$/.test(value) || value.includes("\\") || value.includes("\u0000"))
    return undefined;
  return `"${value.replaceAll('"', '\\"')}"`;
}

const TYPE_WORDS = new Set(["string_value", "double_value", "int_value", "bool_value"]);
/** Names the registry resolves to built-in properties or columns instead of custom properties. */
const RESERVED_PROPERTY_NAMES = new Set(
  [
    "id",
    "name",
    "externalId",
    "external_id",
    "description",
    "owner",
    "state",
    "status",
    "experimentId",
    "experiment_id",
    "experimentRunId",
    "experiment_run_id",
    "createTimeSinceEpoch",
    "create_time_since_epoch",
    "lastUpdateTimeSinceEpoch",
    "last_update_time_since_epoch",
    "startTimeSinceEpoch",
    "start_time_since_epoch",
    "endTimeSinceEpoch",
    "end_time_since_epoch",
  ].map((n) => n.toLowerCase()),
);

/**
 * A back-quoted registry property name for a custom property `key`, or `undefined` when the
 * registry would read it differently (a typed-access suffix, a built-in property name, a
 * backtick or backslash in the name).
 * @public
 */
export function registryPropertyName(key: string): string | undefined {
  if (key === "" || /[`\\]/.test(key) || key.includes("\u0000")) return undefined;
  if (RESERVED_PROPERTY_NAMES.has(key.toLowerCase())) return undefined;
  const last = key.slice(key.lastIndexOf(".") + 1);
  if (TYPE_WORDS.has(last)) return undefined;
  return `\`${key}\``;
}

/** Target of a pushed-down filter. @public */
export type RegistryFilterTarget = "experiments" | "runs";

/** Result of translating MLflow clauses to a registry `filterQuery`. @public */
export interface RegistryFilter {
  /** Conditions every matching entity satisfies in the registry (absent: nothing to push). */
  filterQuery?: string;
  /**
   * Clauses still to evaluate client-side: those not pushed, and those pushed only as a
   * necessary condition (see docs/search.md). Evaluate them with `runMatches`/`experimentMatches`.
   */
  residual: FilterClause[];
}

const INT32_MAX = 2147483647;
const CANONICAL_ID = /^[1-9]\d{0,9}$/;
const isRegistryId = (v: string) => CANONICAL_ID.test(v) && Number(v) <= INT32_MAX;
const SAFE_INTEGER = /^-?\d{1,15}$/;
const ASCII = /^[\x20-\x7e]*$/;

type Push = { query: string; exact: boolean } | undefined;

/** String `=`, `LIKE`, `ILIKE` on a string column/property: a necessary condition only. */
function pushString(property: string, clause: FilterClause): Push {
  const value = clause.value;
  if (typeof value !== "string") return undefined;
  const literal = registryStringLiteral(value);
  if (literal === undefined) return undefined;
  switch (clause.comparator) {
    case "=":
      return { query: `${property} = ${literal}`, exact: false };
    case "LIKE":
      return { query: `${property} LIKE ${literal}`, exact: false };
    case "ILIKE":
      return ASCII.test(value)
        ? { query: `${property} ILIKE ${literal}`, exact: false }
        : undefined;
    default:
      return undefined;
  }
}

function pushNumeric(column: string, clause: FilterClause): Push {
  const value = clause.value;
  if (typeof value !== "string" || !SAFE_INTEGER.test(value)) return undefined;
  if (!["=", "!=", "<", "<=", ">", ">="].includes(clause.comparator)) return undefined;
  return { query: `${column} ${clause.comparator} ${Number(value)}`, exact: true };
}

function pushRunId(clause: FilterClause): Push {
  const { comparator, value } = clause;
  if (
    (comparator === "=" || comparator === "!=") &&
    typeof value === "string" &&
    isRegistryId(value)
  ) {
    return { query: `id ${comparator} ${value}`, exact: true };
  }
  if (
    comparator === "IN" &&
    Array.isArray(value) &&
    value.length > 0 &&
    value.every(isRegistryId)
  ) {
    return { query: `id IN (${value.join(", ")})`, exact: true };
  }
  return undefined;
}

/**
 * True when `text` could be how a non-string custom property reads as a tag (an int or double in
 * its text form, `true`/`false`, struct JSON). Written by other clients, such properties read back
 * as tags, but the registry compares a string literal with string values only.
 */
function mayBeNonStringText(text: string): boolean {
  return /^[\s\d+\-.{["]/.test(text) || /^(true|false|NaN|-?Infinity)$/.test(text);
}

/** True when a LIKE pattern could match the text of a non-string custom property. */
function patternMayMatchNonString(pattern: string): boolean {
  const first = pattern.charAt(0);
  // a leading wildcard, or a literal a number, boolean or struct text can start with
  return first === "" || /[%_\s\d+\-.{["tfinTFIN]/.test(first);
}

function pushTag(clause: FilterClause): Push {
  const property = registryPropertyName(clause.key);
  const value = clause.value;
  if (property === undefined || typeof value !== "string") return undefined;
  if (clause.comparator === "=" ? mayBeNonStringText(value) : patternMayMatchNonString(value))
    return undefined;
  return pushString(property, clause);
}

/**
 * Run status: every registry run has one (the server defaults it), but a value MLflow does not
 * know reads as RUNNING, so a clause that RUNNING satisfies is not sent.
 */
function pushStatus(clause: FilterClause): Push {
  const value = clause.value;
  if (typeof value !== "string") return undefined;
  const running =
    clause.comparator === "="
      ? value === "RUNNING"
      : likeMatches("RUNNING", value, clause.comparator === "ILIKE");
  return running ? undefined : pushString("status", clause);
}

function pushExperimentClause(clause: FilterClause): Push {
  if (clause.type === "tag") return pushTag(clause);
  if (clause.key === "name") return pushString("name", clause);
  if (clause.key === "creation_time") return pushNumeric("createTimeSinceEpoch", clause);
  if (clause.key === "last_update_time") return pushNumeric("lastUpdateTimeSinceEpoch", clause);
  return undefined;
}

function pushRunClause(clause: FilterClause): Push {
  if (clause.type === "tag") return pushTag(clause);
  if (clause.type !== "attribute") return undefined;
  const key = translateRunAttribute(clause.key);
  if (key === "run_id") return pushRunId(clause);
  if (key === "status") return pushStatus(clause);
  return undefined;
}

/**
 * Translates clauses parsed by `parseExperimentsFilter` / `parseRunsFilter` into a registry
 * `filterQuery` (for `GET /experiments` or a run list) where the registry can express them
 * without losing matches; see the table in docs/search.md. String comparisons are pushed as
 * necessary conditions only (the registry may compare case-insensitively) and stay in `residual`.
 * @public
 */
export function registryFilterFromClauses(
  clauses: readonly FilterClause[],
  target: RegistryFilterTarget,
): RegistryFilter {
  const queries: string[] = [];
  const residual: FilterClause[] = [];
  for (const clause of clauses) {
    const push = target === "experiments" ? pushExperimentClause(clause) : pushRunClause(clause);
    if (push !== undefined) queries.push(push.query);
    if (push === undefined || !push.exact) residual.push(clause);
  }
  return queries.length > 0 ? { filterQuery: queries.join(" AND "), residual } : { residual };
}

/**
 * A `GET /artifacts` query that narrows candidate runs for a metric or param clause: the runs
 * holding a metric of that name, or a param of that name (and, for `=`/`LIKE`/`ILIKE`, a
 * matching value). A necessary condition only — keep evaluating the clause client-side.
 * Returns `undefined` when the clause cannot narrow anything (`IS NULL`, `!=`, …).
 * @public
 */
export function registryArtifactFilterFromClause(
  clause: FilterClause,
): { artifactType: "metric" | "parameter"; filterQuery: string } | undefined {
  if (clause.type !== "metric" && clause.type !== "parameter") return undefined;
  // every comparator but IS NULL needs the run to hold the key (MLflow: missing never matches)
  if (clause.comparator === "IS NULL") return undefined;
  const name = registryStringLiteral(clause.key);
  if (name === undefined) return undefined;
  if (clause.type === "metric") return { artifactType: "metric", filterQuery: `name = ${name}` };
  if (clause.comparator === "IS NOT NULL")
    return { artifactType: "parameter", filterQuery: `name = ${name}` };
  const value = pushString("value.string_value", clause);
  return {
    artifactType: "parameter",
    filterQuery: value === undefined ? `name = ${name}` : `name = ${name} AND ${value.query}`,
  };
}

/**
 * The registry `state` condition for an MLflow view type (`LIVE` = active, `ARCHIVED` =
 * deleted), or `undefined` for `ALL`.
 * @public
 */
export function registryLifecycleFilter(viewType: ViewType | undefined): string | undefined {
  if (viewType === "ALL") return undefined;
  return viewType === "DELETED_ONLY" ? 'state = "ARCHIVED"' : 'state = "LIVE"';
}
