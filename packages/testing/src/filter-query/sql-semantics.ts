/**
 * SQL comparison semantics the server's generated queries rely on: MySQL-style coercion between
 * numbers and strings (`LIKE` patterns are matched by `core/like.ts`, with backslash escapes).
 *
 * @internal
 */
import type { SqlValue } from "./entity-model/sql-value.js";

/** A comparable scalar: numbers for int/double/bool values, strings for text. */
export type SqlScalar = number | string;

const NUMERIC_PREFIX = /^[\t\n\r ]*[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?/;

/** A string as MySQL reads it in a numeric context: its longest numeric prefix, else 0. */
export function sqlNumber(value: SqlScalar): number {
  if (typeof value === "number") return value;
  const match = NUMERIC_PREFIX.exec(value);
  if (match === null) return 0;
  const parsed = Number(match[0].trim());
  return Number.isFinite(parsed) ? parsed : 0;
}

/** Compiles a three-way comparison against a fixed right-hand side. */
export function comparator(
  right: SqlScalar,
  caseInsensitive: boolean,
): (left: SqlScalar) => number {
  if (typeof right === "string") {
    const folded = caseInsensitive ? right.toLowerCase() : right;
    const asNumber = sqlNumber(right);
    return (left) => {
      if (typeof left === "string") {
        const l = caseInsensitive ? left.toLowerCase() : left;
        return l < folded ? -1 : l > folded ? 1 : 0;
      }
      return left < asNumber ? -1 : left > asNumber ? 1 : 0;
    };
  }
  return (left) => {
    const l = typeof left === "number" ? left : sqlNumber(left);
    return l < right ? -1 : l > right ? 1 : 0;
  };
}

/** A SQL value as text (how `LIKE` sees a number). */
export function sqlText(value: SqlScalar): string {
  return typeof value === "string" ? value : String(value);
}

/** True when the stored value is SQL NULL (never matches anything). */
export function isNull(value: SqlValue): value is null {
  return value === null;
}
