import type { CompileContext } from "./compile-context.js";
import { columnValue } from "./entity-model/column-value.js";
import type { EntityColumn, SqlValue } from "./entity-model/sql-value.js";
import { ARTIFACT_STATE_NUMBERS } from "./entity-model/state-numbers.js";
import { hasPrefixedNames, isArtifactKind } from "./entity-model/storage-group.js";
import type { FilterComparison, FilterLiteral, FilterOperator } from "./filter-ast.js";
import type { FilterEntity, FilterPredicate } from "./filter-predicate.js";
import { valueTest } from "./value-test.js";

/**
 * Compiles a comparison on an entity-table column (`id`, `name`, `externalId`, times, artifact
 * `uri`/`state`, serve-model `lastKnownState`).
 *
 * @internal
 */
export function compileColumnComparison(
  comparison: FilterComparison,
  column: EntityColumn,
  ctx: CompileContext,
): FilterPredicate {
  let operator: FilterOperator = comparison.operator;
  let value: FilterLiteral | readonly FilterLiteral[] = comparison.value;
  const kind = ctx.kind;
  const storedName = ctx.storedName;
  let read = (entity: FilterEntity): SqlValue => columnValue(kind, column, entity, storedName);

  if (column === "state" && isArtifactKind(kind)) {
    value = mapArtifactStates(value, ctx.bug);
  }
  if (column === "name" && hasPrefixedNames(kind)) {
    if (!ctx.bug) {
      read = (entity) => (typeof entity["name"] === "string" ? entity["name"] : null);
    } else if (!Array.isArray(value) && (value as FilterLiteral).type === "string") {
      const text = (value as { value: string }).value;
      if (operator === "=") {
        operator = "LIKE";
        value = { type: "string", value: `%:${text}` };
      } else if (operator === "LIKE" && !text.includes(":") && !text.startsWith("%")) {
        value = { type: "string", value: `%:${text}` };
      }
    }
  }

  // Mapped after the name rewrite, which the server applies to `=` only, not to `<>`.
  if (operator === "<>") operator = ctx.bug ? "=" : "!=";
  const test = valueTest(operator, value, ctx, ctx.caseInsensitive);
  return (entity) => {
    const stored = read(entity);
    return stored !== null && test(stored);
  };
}

function mapArtifactStates(
  value: FilterLiteral | readonly FilterLiteral[],
  bug: boolean,
): FilterLiteral | readonly FilterLiteral[] {
  const map = (literal: FilterLiteral): FilterLiteral => {
    if (literal.type !== "string") return literal;
    const number = ARTIFACT_STATE_NUMBERS[literal.value] ?? -1;
    return { type: "int", value: number, raw: String(number) };
  };
  if (Array.isArray(value)) return bug ? value : (value as readonly FilterLiteral[]).map(map);
  return map(value as FilterLiteral);
}
