import { compileColumnComparison } from "./compile-column-comparison.js";
import type { CompileContext } from "./compile-context.js";
import { propertyMatcher } from "./entity-model/property-matcher.js";
import type { ValueColumn } from "./entity-model/sql-value.js";
import { wellKnownDefinition } from "./entity-model/well-known-definition.js";
import type { FilterComparison, FilterLiteral } from "./filter-ast.js";
import type { FilterPredicate } from "./filter-predicate.js";
import { splitTypedName } from "./split-typed-name.js";
import { valueTest } from "./value-test.js";

function inferredColumns(literal: FilterLiteral | undefined): ValueColumn[] {
  switch (literal?.type) {
    case "int":
      return ["int_value", "double_value"];
    case "float":
      return ["double_value"];
    case "bool":
      return ["bool_value"];
    default:
      return ["string_value"];
  }
}

/**
 * Compiles one `property <operator> value` comparison: on a column for well-known names stored
 * as columns, otherwise on the built-in or custom property rows of that name.
 *
 * @internal
 */
export function compileComparison(
  comparison: FilterComparison,
  ctx: CompileContext,
): FilterPredicate {
  const { name, explicitType } = splitTypedName(comparison.property);
  const definition = wellKnownDefinition(ctx.kind, name);
  if (definition?.location === "column") {
    return compileColumnComparison(comparison, definition.column, ctx);
  }

  let operator = comparison.operator;
  if (operator === "<>") operator = ctx.bug ? "=" : "!=";
  const value = comparison.value;
  const scalar = Array.isArray(value) ? undefined : (value as FilterLiteral);
  const list = Array.isArray(value) ? (value as readonly FilterLiteral[]) : undefined;

  let storedProperty: string;
  let columns: ValueColumn[];
  if (definition === undefined) {
    storedProperty = name;
    if (explicitType !== undefined) {
      columns = [explicitType];
    } else if (list !== undefined) {
      // The server infers the type of a list from nothing: it compares string_value.
      columns = ctx.bug ? ["string_value"] : inferredColumns(list[0]);
    } else {
      columns = inferredColumns(scalar);
    }
    if (operator === "ILIKE" && explicitType === undefined) columns = columns.slice(0, 1);
  } else {
    storedProperty = definition.property;
    let valueType = explicitType ?? definition.valueType;
    if (!ctx.bug && explicitType === undefined) {
      if (storedProperty === "timestamp") valueType = "string_value";
      if (storedProperty === "value" && ctx.kind === "parameter") valueType = "string_value";
    }
    columns = [valueType];
  }

  const test = valueTest(operator, value, ctx, ctx.caseInsensitive);
  return propertyMatcher(ctx.kind, storedProperty, columns, test);
}
