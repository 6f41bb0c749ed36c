import { MODEL_KEYS, PARAM_KEY_PREFIX } from "../mapping/logged-model.js";
import type { LoggedModelFilterClause } from "../search/index.js";
import { registryPropertyName, registryStringLiteral } from "../search/index.js";

/**
 * Model-artifact names the registry resolves to columns or built-in properties (beyond those the
 * shared helper knows for runs and experiments): a tag with such a key is never pushed down.
 */
const MODEL_ARTIFACT_NAMES = new Set(
  [
    "uri",
    "state",
    "experimentId",
    "experimentRunId",
    "description",
    "modelFormatName",
    "modelFormatVersion",
    "storageKey",
    "storagePath",
    "serviceAccountName",
    "modelSourceKind",
    "modelSourceClass",
    "modelSourceGroup",
    "modelSourceId",
    "modelSourceName",
    "model_format_name",
    "model_format_version",
    "storage_key",
    "storage_path",
    "service_account_name",
    "model_source_kind",
    "model_source_class",
    "model_source_group",
    "model_source_id",
    "model_source_name",
    "experiment_id",
    "experiment_run_id",
  ].map((n) => n.toLowerCase()),
);

function propertyName(key: string): string | undefined {
  return MODEL_ARTIFACT_NAMES.has(key.toLowerCase()) ? undefined : registryPropertyName(key);
}

function stringCondition(property: string, clause: LoggedModelFilterClause): string | undefined {
  const { comparator, value } = clause;
  if (comparator === "IN") {
    const literals = (value as readonly string[]).map(registryStringLiteral);
    if (literals.some((l) => l === undefined)) return undefined;
    return `${property} IN (${literals.join(", ")})`;
  }
  if (comparator !== "=" && comparator !== "LIKE" && comparator !== "ILIKE") return undefined;
  const literal = registryStringLiteral(String(value));
  return literal === undefined ? undefined : `${property} ${comparator} ${literal}`;
}

const ATTRIBUTE_PROPERTIES: Readonly<Record<string, string>> = {
  name: MODEL_KEYS.name,
  model_type: MODEL_KEYS.modelType,
  source_run_id: MODEL_KEYS.sourceRunId,
};
const TIME_COLUMNS: Readonly<Record<string, string>> = {
  creation_timestamp: "createTimeSinceEpoch",
  last_updated_timestamp: "lastUpdateTimeSinceEpoch",
};

/**
 * Registry filterQuery conditions that select a superset of the models matching `clauses`, given
 * the storage layout: `=`, `IN`, `LIKE`, `ILIKE` on tags, params, name, model type and source run,
 * and comparisons of the two timestamps. Every clause is still evaluated client-side, so the
 * registry's case-insensitive matching on MySQL only widens the pre-filter; clauses whose meaning
 * could differ (`!=`, `NOT IN`, status, metrics, keys the registry would resolve elsewhere) stay
 * client-side only.
 * @internal
 */
export function registryPrefilters(clauses: readonly LoggedModelFilterClause[]): string[] {
  const out: string[] = [];
  for (const clause of clauses) {
    let condition: string | undefined;
    if (clause.type === "tags") {
      const property = propertyName(clause.key);
      if (property !== undefined && !clause.key.startsWith("mlflow__")) {
        condition = stringCondition(property, clause);
      }
    } else if (clause.type === "params") {
      const property = propertyName(`${PARAM_KEY_PREFIX}${clause.key}`);
      if (property !== undefined) condition = stringCondition(property, clause);
    } else if (clause.type === "attributes") {
      const property = ATTRIBUTE_PROPERTIES[clause.key];
      const column = TIME_COLUMNS[clause.key];
      if (property !== undefined) {
        condition = stringCondition(property, clause);
      } else if (
        column !== undefined &&
        typeof clause.value === "number" &&
        clause.comparator !== "!="
      ) {
        condition = `${column} ${clause.comparator} ${clause.value}`;
      }
    }
    if (condition !== undefined) out.push(condition);
  }
  return out;
}
