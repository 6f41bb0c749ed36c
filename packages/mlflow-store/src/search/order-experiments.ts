import { MlflowError } from "../mlflow-error.js";
import type { Experiment } from "../types.js";
import { compareCodePoints } from "./like-pattern.js";
import { splitOrderByClause } from "./order-by-clause.js";
import {
  EXPERIMENT_ORDER_BY_ATTRIBUTES,
  experimentIdentifier,
} from "./parse-experiments-filter.js";

/** One parsed `order_by` element for experiments. @public */
export interface ExperimentOrderBy {
  readonly type: "attribute" | "tag";
  readonly key: string;
  readonly ascending: boolean;
}

/**
 * Parses `searchExperiments` `orderBy` strings: `name`, `experiment_id`, `creation_time`,
 * `last_update_time` with `ASC`/`DESC`. Throws INVALID_PARAMETER_VALUE.
 * @public
 */
export function parseExperimentsOrderBy(
  orderBy: readonly string[] | undefined | null,
): ExperimentOrderBy[] {
  return (orderBy ?? []).map((clause) => {
    const { identifier, ascending } = splitOrderByClause(clause);
    return { ...experimentIdentifier(identifier, EXPERIMENT_ORDER_BY_ATTRIBUTES), ascending };
  });
}

const INTEGER = /^-?\d+$/;

function compareIds(a: string, b: string): number {
  if (INTEGER.test(a) && INTEGER.test(b)) {
    const x = BigInt(a);
    const y = BigInt(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return compareCodePoints(a, b);
}

function attributeOf(experiment: Experiment, key: string): string | number | null {
  if (key === "name") return experiment.name;
  if (key === "experiment_id") return experiment.experimentId;
  if (key === "creation_time") return experiment.creationTime;
  return experiment.lastUpdateTime;
}

/**
 * A comparator for experiments in MLflow's SQL-store order. Without clauses:
 * `creation_time DESC, experiment_id ASC`; otherwise the clauses plus `experiment_id DESC` when
 * the id is not among them. Ids compare as integers; missing values sort last.
 * Throws INVALID_PARAMETER_VALUE for `tag` keys (`Invalid order_by entity: tag`).
 * @public
 */
export function compareExperiments(
  orderBy: readonly ExperimentOrderBy[] = [],
): (a: Experiment, b: Experiment) => number {
  for (const clause of orderBy) {
    if (clause.type !== "attribute") {
      throw MlflowError.invalidParameterValue(`Invalid order_by entity: ${clause.type}`);
    }
  }
  const clauses: ExperimentOrderBy[] =
    orderBy.length === 0
      ? [
          { type: "attribute", key: "creation_time", ascending: false },
          { type: "attribute", key: "experiment_id", ascending: true },
        ]
      : [...orderBy];
  if (!clauses.some((c) => c.key === "experiment_id")) {
    clauses.push({ type: "attribute", key: "experiment_id", ascending: false });
  }
  return (a, b) => {
    for (const { key, ascending } of clauses) {
      const x = attributeOf(a, key);
      const y = attributeOf(b, key);
      if (x === null || y === null) {
        if (x !== y) return x === null ? 1 : -1;
        continue;
      }
      const order =
        key === "experiment_id"
          ? compareIds(String(x), String(y))
          : typeof x === "number" && typeof y === "number"
            ? Math.sign(x - y)
            : compareCodePoints(String(x), String(y));
      if (order !== 0) return ascending ? order : -order;
    }
    return 0;
  };
}
