import { MlflowError } from "../mlflow-error.js";
import type { LoggedModel, SearchLoggedModelsOptions } from "../types.js";

/** One sort key of a logged-model search. @internal */
export interface LoggedModelOrderKey {
  field:
    | "name"
    | "model_id"
    | "model_type"
    | "status"
    | "source_run_id"
    | "creation_timestamp"
    | "last_updated_timestamp";
  ascending: boolean;
}

const FIELD_ALIASES: Readonly<Record<string, LoggedModelOrderKey["field"]>> = {
  name: "name",
  model_id: "model_id",
  model_type: "model_type",
  status: "status",
  source_run_id: "source_run_id",
  creation_timestamp: "creation_timestamp",
  creation_time: "creation_timestamp",
  last_updated_timestamp: "last_updated_timestamp",
};

/**
 * Parses MLflow's logged-model `order_by` (`{ fieldName, ascending = true }` dicts). Attribute
 * fields sort; `metrics.<key>` is accepted but every model lacks metrics in the registry layout, so
 * it never changes the order; other prefixes are rejected. `creation_timestamp DESC` is the
 * default and the final tie-break.
 * @internal
 */
export function parseLoggedModelsOrderBy(
  orderBy: SearchLoggedModelsOptions["orderBy"],
): LoggedModelOrderKey[] {
  const keys: LoggedModelOrderKey[] = [];
  for (const entry of orderBy ?? []) {
    const fieldName = entry?.fieldName;
    if (typeof fieldName !== "string" || fieldName === "") {
      throw MlflowError.invalidParameterValue(
        "`field_name` in the `order_by` clause must be specified.",
      );
    }
    if (entry.datasetDigest !== undefined && entry.datasetName === undefined) {
      throw MlflowError.invalidParameterValue(
        "`dataset_digest` can only be specified if `dataset_name` is also specified.",
      );
    }
    const dot = fieldName.indexOf(".");
    if (dot !== -1) {
      const prefix = fieldName.slice(0, dot);
      if (prefix === "metrics") continue;
      if (prefix !== "attributes") {
        throw MlflowError.invalidParameterValue(
          `Invalid order by field name: ${prefix}, only \`metrics.<name>\` is allowed.`,
        );
      }
    }
    const name = dot === -1 ? fieldName : fieldName.slice(dot + 1);
    const field = FIELD_ALIASES[name];
    if (field === undefined) {
      throw MlflowError.invalidParameterValue(`Invalid order by field name: ${fieldName}`);
    }
    keys.push({ field, ascending: entry.ascending ?? true });
  }
  return keys;
}

function fieldOf(model: LoggedModel, field: LoggedModelOrderKey["field"]): string | number | null {
  switch (field) {
    case "name":
      return model.name;
    case "model_id":
      return Number(model.modelId);
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

function compareValues(a: string | number | null, b: string | number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

/**
 * A comparator for the keys, then `creation_timestamp DESC`, then model id descending (the order
 * the registry streams ties in). Missing values sort last in both directions.
 * @internal
 */
export function compareLoggedModels(keys: readonly LoggedModelOrderKey[]) {
  const all: LoggedModelOrderKey[] = [...keys, { field: "creation_timestamp", ascending: false }];
  return (a: LoggedModel, b: LoggedModel): number => {
    for (const key of all) {
      const x = fieldOf(a, key.field);
      const y = fieldOf(b, key.field);
      if (x === null || y === null) {
        const c = compareValues(x, y);
        if (c !== 0) return c;
        continue;
      }
      const c = compareValues(x, y);
      if (c !== 0) return key.ascending ? c : -c;
    }
    return Number(b.modelId) - Number(a.modelId);
  };
}

/** The registry sort that gives the same order, when there is one. @internal */
export function registryOrderFor(
  keys: readonly LoggedModelOrderKey[],
): { orderBy: "CREATE_TIME" | "LAST_UPDATE_TIME"; sortOrder: "ASC" | "DESC" } | undefined {
  const [first, second] = keys;
  if (first === undefined) return { orderBy: "CREATE_TIME", sortOrder: "DESC" };
  if (second !== undefined) return undefined;
  if (first.field === "creation_timestamp") {
    return { orderBy: "CREATE_TIME", sortOrder: first.ascending ? "ASC" : "DESC" };
  }
  if (first.field === "last_updated_timestamp") {
    return { orderBy: "LAST_UPDATE_TIME", sortOrder: first.ascending ? "ASC" : "DESC" };
  }
  return undefined;
}
