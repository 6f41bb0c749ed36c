import type { LoggedModelOrderBy } from "../search/index.js";

/**
 * The registry sort that lists logged models in the requested order, when there is one: the
 * default (`creation_timestamp DESC`) or a single creation/last-update time clause. Metric clauses
 * are ignored because the registry layout stores no logged-model metrics, so they never reorder.
 * Ties come in the registry's order (by id, in the same direction).
 * @internal
 */
export function registryOrderFor(
  orderBy: readonly LoggedModelOrderBy[],
): { orderBy: "CREATE_TIME" | "LAST_UPDATE_TIME"; sortOrder: "ASC" | "DESC" } | undefined {
  const attributes = orderBy.filter((clause) => clause.kind === "attribute");
  const [first, second] = attributes;
  if (first === undefined) return { orderBy: "CREATE_TIME", sortOrder: "DESC" };
  if (second !== undefined) return undefined;
  const sortOrder = first.ascending ? "ASC" : "DESC";
  if (first.key === "creation_timestamp") return { orderBy: "CREATE_TIME", sortOrder };
  if (first.key === "last_updated_timestamp") return { orderBy: "LAST_UPDATE_TIME", sortOrder };
  return undefined;
}
