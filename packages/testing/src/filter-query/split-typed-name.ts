import type { ValueColumn } from "./entity-model/sql-value.js";

const TYPE_SUFFIXES: ReadonlySet<string> = new Set([
  "string_value",
  "double_value",
  "int_value",
  "bool_value",
]);

/**
 * Splits `framework.string_value` into the property name and the forced value column.
 *
 * @internal
 */
export function splitTypedName(property: string): { name: string; explicitType?: ValueColumn } {
  const lastDot = property.lastIndexOf(".");
  if (lastDot >= 0) {
    const suffix = property.slice(lastDot + 1);
    if (TYPE_SUFFIXES.has(suffix)) {
      return { name: property.slice(0, lastDot), explicitType: suffix as ValueColumn };
    }
  }
  return { name: property };
}
