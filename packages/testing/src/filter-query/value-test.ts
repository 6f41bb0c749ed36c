import { compileLike } from "../core/like.js";
import type { CompileContext } from "./compile-context.js";
import type { FilterLiteral, FilterOperator } from "./filter-ast.js";
import { FilterQueryError } from "./filter-query-error.js";
import { comparator, type SqlScalar, sqlText } from "./sql-semantics.js";

function literalScalar(literal: FilterLiteral): SqlScalar {
  switch (literal.type) {
    case "string":
      return literal.value;
    case "bool":
      return literal.value ? 1 : 0;
    default:
      return literal.value;
  }
}

function operandTooWide(): FilterQueryError {
  const detail = "Error 1241 (21000): Operand should contain 1 column(s)";
  return new FilterQueryError(detail, { status: 500, detail });
}

/**
 * Compiles `stored <operator> value` for one stored scalar.
 *
 * @internal
 */
export function valueTest(
  operator: FilterOperator,
  value: FilterLiteral | readonly FilterLiteral[],
  ctx: CompileContext,
  caseInsensitive: boolean,
): (stored: SqlScalar) => boolean {
  if (operator === "IN") {
    const list = Array.isArray(value)
      ? (value as readonly FilterLiteral[])
      : [value as FilterLiteral];
    if (list.length === 0) return () => false;
    const tests = list.map((literal) => comparator(literalScalar(literal), caseInsensitive));
    return (stored) => {
      for (const compare of tests) if (compare(stored) === 0) return true;
      return false;
    };
  }
  let literal: FilterLiteral;
  if (Array.isArray(value)) {
    // The list is bound as a row value: `col = (a)` works, `col = ()` is `col = (NULL)`,
    // and two or more values make the database reject the query.
    const list = value as readonly FilterLiteral[];
    if (list.length === 0) return () => false;
    if (list.length > 1) throw operandTooWide();
    literal = list[0] as FilterLiteral;
  } else {
    literal = value as FilterLiteral;
  }
  const right = literalScalar(literal);
  switch (operator) {
    case "LIKE":
    case "ILIKE": {
      const insensitive = caseInsensitive || (operator === "ILIKE" && literal.type === "string");
      const pattern = compileLike(sqlText(right), { caseInsensitive: insensitive, escapes: true });
      return (stored) => pattern.test(sqlText(stored));
    }
    default: {
      const compare = comparator(right, caseInsensitive);
      switch (operator) {
        case "=":
          return (stored) => compare(stored) === 0;
        case "!=":
          return (stored) => compare(stored) !== 0;
        case ">":
          return (stored) => compare(stored) > 0;
        case ">=":
          return (stored) => compare(stored) >= 0;
        case "<":
          return (stored) => compare(stored) < 0;
        case "<=":
          return (stored) => compare(stored) <= 0;
        default:
          // `<>` reaches here only after being mapped; the server's fallback branch is `=`.
          return ctx.bug ? (stored) => compare(stored) === 0 : (stored) => compare(stored) !== 0;
      }
    }
  }
}
