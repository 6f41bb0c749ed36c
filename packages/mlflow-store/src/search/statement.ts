import { MlflowError } from "../mlflow-error.js";
import { pythonRepr } from "../validation/python-format.js";
import { type GroupedItem, groupFilter, hasMultipleStatements } from "./group-filter.js";
import { lexFilter } from "./lex-filter.js";

/**
 * The statement-level checks MLflow's `parse_search_filter` makes before looking at clauses:
 * `undefined`/`""` → no filter; whitespace only → "Could not be parsed"; `;` followed by more
 * text → "multiple expression". Returns the grouped items, or `undefined` for no filter.
 * @internal
 */
export function groupStatement(filter: string | undefined | null): GroupedItem[] | undefined {
  if (filter === undefined || filter === null || filter === "") return undefined;
  if (typeof filter !== "string") {
    throw MlflowError.invalidParameterValue(
      `Invalid filter '${String(filter)}'. Could not be parsed.`,
    );
  }
  if (filter.trim() === "") {
    throw MlflowError.invalidParameterValue(`Invalid filter '${filter}'. Could not be parsed.`);
  }
  const tokens = lexFilter(filter);
  if (hasMultipleStatements(tokens)) {
    throw MlflowError.invalidParameterValue(
      `Search filter contained multiple expression ${pythonRepr(filter)}. Provide AND-ed expression list.`,
    );
  }
  return groupFilter(tokens);
}
