import { hasPrefixedNames } from "./entity-model/storage-group.js";
import { wellKnownDefinition } from "./entity-model/well-known-definition.js";
import type { FilterAst, FilterComparison, FilterNode } from "./filter-ast.js";
import type { FilterEntityKind } from "./filter-entity-kind.js";
import { splitTypedName } from "./split-typed-name.js";

/** An equality every matching entity satisfies: `String(entity[property]) === String(value)`. */
export interface FilterIndexEquality {
  /** The JSON field of the entity, e.g. `name`, `externalId`, `id`, `experimentId`. */
  readonly property: string;
  readonly value: string | number | boolean;
}

/** What a store may use to narrow candidates before evaluating the predicate. */
export interface FilterIndexHints {
  readonly equalities: readonly FilterIndexEquality[];
}

/** Options of {@link filterQueryIndexHints}; use the same values as for the predicate. */
export interface FilterIndexHintOptions {
  /** @default true */
  readonly bugCompatible?: boolean;
  /** @default "binary" */
  readonly collation?: "binary" | "case-insensitive";
}

// Well-known names whose equality is an exact comparison with one JSON field.
const INT_FIELDS: ReadonlySet<string> = new Set([
  "id",
  "experimentId",
  "experimentRunId",
  "registeredModelId",
  "servingEnvironmentId",
  "modelVersionId",
]);
const STRING_FIELDS: ReadonlySet<string> = new Set(["externalId", "name"]);

/**
 * Extracts the top-level `AND`-ed equalities on indexable well-known names (`id`, `name` of
 * top-level entities, `externalId`, parent ids), so a store can look candidates up by index and
 * then run the compiled predicate on them only. Every entity the predicate accepts satisfies every
 * returned equality; the converse is not implied, so always evaluate the predicate as well.
 *
 * Child-entity names are not returned: the server matches them as `LIKE '%:<name>'`, which is
 * not an exact equality.
 */
export function filterQueryIndexHints(
  ast: FilterAst,
  kind: FilterEntityKind,
  options: FilterIndexHintOptions = {},
): FilterIndexHints {
  const bug = options.bugCompatible ?? true;
  const binary = options.collation !== "case-insensitive";
  const equalities: FilterIndexEquality[] = [];
  const visit = (node: FilterNode): void => {
    if (node.kind === "and") {
      for (const operand of node.operands) visit(operand);
    } else if (node.kind === "comparison") {
      const hint = equalityHint(node, kind, bug, binary);
      if (hint !== undefined) equalities.push(hint);
    }
  };
  if (ast !== null) visit(ast);
  return { equalities };
}

function equalityHint(
  comparison: FilterComparison,
  kind: FilterEntityKind,
  bug: boolean,
  binary: boolean,
): FilterIndexEquality | undefined {
  const isEquality = comparison.operator === "=" || (bug && comparison.operator === "<>");
  if (!isEquality || Array.isArray(comparison.value)) return undefined;
  const { name, explicitType } = splitTypedName(comparison.property);
  const definition = wellKnownDefinition(kind, name);
  if (definition === undefined) return undefined;
  const literal = comparison.value as Exclude<FilterComparison["value"], readonly unknown[]>;
  if (INT_FIELDS.has(name)) {
    if (literal.type !== "int") return undefined;
    if (
      definition.location === "property" &&
      explicitType !== undefined &&
      explicitType !== "int_value"
    ) {
      return undefined;
    }
    return { property: name, value: literal.value };
  }
  if (STRING_FIELDS.has(name) && literal.type === "string" && binary) {
    if (name === "name" && hasPrefixedNames(kind) && bug) return undefined;
    return { property: name, value: literal.value };
  }
  return undefined;
}
