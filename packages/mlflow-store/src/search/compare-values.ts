import { compareCodePoints, likeMatches } from "./like-pattern.js";

/**
 * Applies an (already validated) comparator. `lhs` absent never matches — not even `!=`; only
 * `IS NULL` matches absence. List values serve `IN`/`NOT IN`.
 * @internal
 */
export function compareValue(
  lhs: string | number | null | undefined,
  comparator: string,
  value: string | number | readonly string[] | null,
): boolean {
  if (comparator === "IS NULL") return lhs === null || lhs === undefined;
  if (comparator === "IS NOT NULL") return lhs !== null && lhs !== undefined;
  if (lhs === null || lhs === undefined) return false;
  if (Array.isArray(value)) {
    const included = value.includes(String(lhs));
    if (comparator === "IN") return included;
    if (comparator === "NOT IN") return !included;
    return comparator === "!=";
  }
  if (comparator === "LIKE" || comparator === "ILIKE") {
    return likeMatches(String(lhs), String(value), comparator === "ILIKE");
  }
  const order =
    typeof lhs === "number" && typeof value === "number"
      ? lhs < value
        ? -1
        : lhs > value
          ? 1
          : lhs === value
            ? 0
            : Number.NaN
      : compareCodePoints(String(lhs), String(value));
  switch (comparator) {
    case "=":
      return order === 0;
    case "!=":
      return order !== 0;
    case "<":
      return order < 0;
    case "<=":
      return order <= 0;
    case ">":
      return order > 0;
    case ">=":
      return order >= 0;
    case "IN":
      return String(lhs) === String(value);
    case "NOT IN":
      return String(lhs) !== String(value);
    default:
      return false;
  }
}
