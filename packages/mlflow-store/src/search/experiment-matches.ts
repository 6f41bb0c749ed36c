import type { Experiment } from "../types.js";
import { compareValue } from "./compare-values.js";
import type { FilterClause } from "./filter-clause.js";
import { COMPARATORS, checkComparator } from "./identifier.js";
import { EXPERIMENT_NUMERIC_ATTRIBUTES } from "./parse-experiments-filter.js";

const NAME_COMPARATORS = ["=", "!=", "LIKE", "ILIKE"] as const;

function allowedFor(clause: FilterClause): readonly string[] {
  if (clause.type === "tag") return COMPARATORS.tag;
  return EXPERIMENT_NUMERIC_ATTRIBUTES.has(clause.key)
    ? COMPARATORS.numericAttribute
    : NAME_COMPARATORS;
}

/** Evaluation-time comparator checks for experiment filters. @public */
export function assertExperimentsFilterComparators(clauses: readonly FilterClause[]): void {
  for (const clause of clauses) checkComparator(clause.comparator, allowedFor(clause));
}

function clauseMatches(experiment: Experiment, clause: FilterClause): boolean {
  const { key, comparator, value } = clause;
  if (clause.type === "tag") {
    return compareValue(
      Object.hasOwn(experiment.tags, key) ? experiment.tags[key] : undefined,
      comparator,
      value,
    );
  }
  if (key === "name") return compareValue(experiment.name, comparator, value);
  const lhs = key === "creation_time" ? experiment.creationTime : experiment.lastUpdateTime;
  return compareValue(lhs, comparator, Number(value));
}

/**
 * True when `experiment` satisfies every clause (MLflow semantics: case-sensitive `=`/`LIKE`,
 * case-insensitive `ILIKE`, a missing tag matches only `IS NULL`). Throws INVALID_PARAMETER_VALUE
 * for comparators the entity does not allow.
 * @public
 */
export function experimentMatches(
  clauses: readonly FilterClause[],
  experiment: Experiment,
): boolean {
  assertExperimentsFilterComparators(clauses);
  return clauses.every((clause) => clauseMatches(experiment, clause));
}
