/**
 * Typed clauses produced by the MLflow filter parsers.
 */

/** Entity a runs/experiments filter clause addresses (MLflow's names). @public */
export type FilterEntityType = "metric" | "parameter" | "tag" | "attribute" | "dataset";

/**
 * One `<identifier> <comparator> <value>` clause, as MLflow's `parse_search_filter` returns it.
 * `comparator` is upper-cased (`=`, `!=`, `<`, `<=`, `>`, `>=`, `LIKE`, `ILIKE`, `IN`, `NOT IN`,
 * `IS NULL`, `IS NOT NULL`, or anything else the grammar admits, which fails at evaluation time).
 * `value` is the literal text for numbers and strings (quotes removed), a list for `IN`/`NOT IN`,
 * and `null` for `IS NULL`/`IS NOT NULL`.
 * @public
 */
export interface FilterClause {
  readonly type: FilterEntityType;
  readonly key: string;
  readonly comparator: string;
  readonly value: string | readonly string[] | null;
}

/** Entity a logged-model filter clause addresses (MLflow's SQL store names). @public */
export type LoggedModelFilterEntityType = "attributes" | "metrics" | "params" | "tags";

/**
 * One clause of a logged-model filter. Numeric entities (metrics and the timestamp attributes)
 * carry a number; string entities a string or, for `IN`/`NOT IN`, a list.
 * @public
 */
export interface LoggedModelFilterClause {
  readonly type: LoggedModelFilterEntityType;
  readonly key: string;
  readonly comparator: string;
  readonly value: number | string | readonly string[];
}
