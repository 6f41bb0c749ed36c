import { MlflowError } from "../mlflow-error.js";
import type { LoggedModel } from "../types.js";
import { compareCodePoints } from "./like-pattern.js";
import type { LoggedModelMetric } from "./logged-model-matches.js";
import { LOGGED_MODEL_ATTRIBUTES } from "./parse-logged-models-filter.js";

/** One element of `searchLoggedModels` `orderBy`, as the options take it. @public */
export interface LoggedModelOrderByInput {
  fieldName: string;
  ascending?: boolean;
  datasetName?: string;
  datasetDigest?: string;
}

/** A parsed logged-model ordering clause. @public */
export type LoggedModelOrderBy =
  | { readonly kind: "attribute"; readonly key: string; readonly ascending: boolean }
  | {
      readonly kind: "metric";
      readonly key: string;
      readonly ascending: boolean;
      readonly datasetName?: string;
      readonly datasetDigest?: string;
    };

/**
 * Parses logged-model `orderBy` (MLflow's SQL store): attribute names (`creation_time` is an
 * alias of `creation_timestamp`) or `metrics.<key>` with an optional dataset. Throws
 * INVALID_PARAMETER_VALUE (`Invalid order by field name: …`).
 * @public
 */
export function parseLoggedModelsOrderBy(
  orderBy: readonly LoggedModelOrderByInput[] | undefined | null,
): LoggedModelOrderBy[] {
  return (orderBy ?? []).map((ob) => {
    const fieldName = ob?.fieldName;
    const ascending = ob.ascending ?? true;
    if (typeof fieldName !== "string" || !fieldName.includes(".")) {
      const key =
        typeof fieldName === "string" && Object.hasOwn(LOGGED_MODEL_ATTRIBUTES, fieldName)
          ? LOGGED_MODEL_ATTRIBUTES[fieldName]
          : undefined;
      if (key === undefined)
        throw MlflowError.invalidParameterValue(
          `Invalid order by field name: ${String(fieldName)}`,
        );
      return { kind: "attribute", key, ascending };
    }
    const dot = fieldName.indexOf(".");
    if (fieldName.slice(0, dot) !== "metrics") {
      throw MlflowError.invalidParameterValue(
        `Invalid order by field name: ${fieldName}. Only metrics are supported.`,
      );
    }
    return {
      kind: "metric",
      key: fieldName.slice(dot + 1),
      ascending,
      ...(ob.datasetName ? { datasetName: ob.datasetName } : {}),
      ...(ob.datasetDigest ? { datasetDigest: ob.datasetDigest } : {}),
    };
  });
}

function attributeOf(model: LoggedModel, key: string): string | number | null {
  const map: Record<string, string | number | null> = {
    name: model.name,
    model_id: model.modelId,
    model_type: model.modelType,
    status: model.status,
    source_run_id: model.sourceRunId,
    creation_timestamp: model.creationTimestamp,
    last_updated_timestamp: model.lastUpdatedTimestamp,
  };
  return map[key] ?? null;
}

/** The model's metric value for ordering: newest timestamp, then highest step, on the dataset. */
function latestMetric(
  metrics: readonly LoggedModelMetric[],
  clause: Extract<LoggedModelOrderBy, { kind: "metric" }>,
): number | null {
  let best: LoggedModelMetric | undefined;
  for (const m of metrics) {
    if (m.key !== clause.key) continue;
    if (clause.datasetName !== undefined && m.datasetName !== clause.datasetName) continue;
    if (clause.datasetDigest !== undefined && m.datasetDigest !== clause.datasetDigest) continue;
    if (
      !best ||
      m.timestamp > best.timestamp ||
      (m.timestamp === best.timestamp && m.step > best.step)
    )
      best = m;
  }
  return best === undefined ? null : best.value;
}

/**
 * A comparator for logged models in MLflow's SQL-store order: the clauses (missing values last in
 * both directions), then `creation_timestamp DESC` unless already ordered by it, then `model_id`
 * ascending so pages are stable. `getMetrics` supplies each model's metric points for metric
 * ordering.
 * @public
 */
export function compareLoggedModels(
  orderBy: readonly LoggedModelOrderBy[] = [],
  getMetrics: (model: LoggedModel) => readonly LoggedModelMetric[] = () => [],
): (a: LoggedModel, b: LoggedModel) => number {
  const clauses: LoggedModelOrderBy[] = [...orderBy];
  if (!clauses.some((c) => c.kind === "attribute" && c.key === "creation_timestamp")) {
    clauses.push({ kind: "attribute", key: "creation_timestamp", ascending: false });
  }
  clauses.push({ kind: "attribute", key: "model_id", ascending: true });
  const valueOfClause = (model: LoggedModel, clause: LoggedModelOrderBy) =>
    clause.kind === "attribute"
      ? attributeOf(model, clause.key)
      : latestMetric(getMetrics(model), clause);
  return (a, b) => {
    for (const clause of clauses) {
      const x = valueOfClause(a, clause);
      const y = valueOfClause(b, clause);
      const xMissing = x === null || (typeof x === "number" && Number.isNaN(x));
      const yMissing = y === null || (typeof y === "number" && Number.isNaN(y));
      if (xMissing || yMissing) {
        if (xMissing !== yMissing) return xMissing ? 1 : -1;
        continue;
      }
      const order =
        typeof x === "number" && typeof y === "number"
          ? Math.sign(x - y)
          : compareCodePoints(String(x), String(y));
      if (order !== 0) return clause.ascending ? order : -order;
    }
    return 0;
  };
}
