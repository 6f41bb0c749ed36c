/** Comparison operators of the filter grammar, exactly as written in a query. */
export type FilterOperator = "=" | "!=" | "<>" | ">" | ">=" | "<" | "<=" | "LIKE" | "ILIKE" | "IN";

/**
 * A literal on the right-hand side of a comparison. Its type drives custom-property type inference
 * (string → `string_value`, int → `int_value` or `double_value`, float → `double_value`,
 * bool → `bool_value`).
 */
export type FilterLiteral =
  | { readonly type: "string"; readonly value: string }
  /** `raw` is the token as written; `value` follows Go's base-0 parsing, so `010` is 8. */
  | { readonly type: "int"; readonly value: number; readonly raw: string }
  | { readonly type: "float"; readonly value: number }
  | { readonly type: "bool"; readonly value: boolean };

/** One `property operator value` comparison. */
export interface FilterComparison {
  readonly kind: "comparison";
  /**
   * The property name as the server sees it: a dotted name joined with `.` (`a.b.c`), or a
   * back-quoted name with its quotes removed and `\.`, `\\` unescaped. A trailing
   * `.string_value`-style segment is still part of it; {@link compileFilterQuery} resolves it.
   */
  readonly property: string;
  /** Whether the name was written back-quoted. */
  readonly escaped: boolean;
  readonly operator: FilterOperator;
  /** A single literal, or the elements of a parenthesised list (which may be empty). */
  readonly value: FilterLiteral | readonly FilterLiteral[];
  /** 1-based position of the property name in the query. */
  readonly line: number;
  readonly column: number;
}

/** A chain of `AND`s or `OR`s at one level (the server's left-associative binary tree, flattened). */
export interface FilterLogical {
  readonly kind: "and" | "or";
  readonly operands: readonly FilterNode[];
}

/** A node of a parsed filter. */
export type FilterNode = FilterComparison | FilterLogical;

/** A parsed filter; `null` for an empty or whitespace-only query, which filters nothing out. */
export type FilterAst = FilterNode | null;
