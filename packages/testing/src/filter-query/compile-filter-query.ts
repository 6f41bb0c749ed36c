import {
  ARTIFACT_STATE_NUMBERS,
  columnValue,
  defaultStoredName,
  type EntityColumn,
  hasPrefixedNames,
  isArtifactKind,
  propertyMatcher,
  type SqlValue,
  type ValueColumn,
  wellKnownDefinition,
} from "./entity-model.js";
import type {
  FilterAst,
  FilterComparison,
  FilterLiteral,
  FilterNode,
  FilterOperator,
} from "./filter-ast.js";
import type { FilterEntityKind } from "./filter-entity-kind.js";
import { FilterQueryError } from "./filter-query-error.js";
import { parseFilterQuery } from "./parse-filter-query.js";
import { comparator, likePattern, type SqlScalar, sqlText } from "./sql-semantics.js";

/** An entity in its JSON API shape, as the REST API returns it. */
export type FilterEntity = Record<string, unknown>;

/** A compiled filter: true when the server would include the entity in the filtered list. */
export type FilterPredicate = (entity: FilterEntity) => boolean;

/** Options of {@link compileFilterQuery}. */
export interface CompileFilterQueryOptions {
  /**
   * Reproduce the server's bugs (`<>` acting as `=`, child-entity names compared with their
   * `<parentId>:` prefix, `IN` lists on custom properties always compared as strings, artifact
   * `state IN (…)` not mapped to numbers, metric `timestamp` never matching a number, parameter
   * `value` compared as a double). Turn off to get the semantics the grammar suggests instead;
   * docs/filter-query.md lists each difference.
   * @default true
   */
  readonly bugCompatible?: boolean;
  /**
   * How strings compare with `=`, `!=`, `<`, `>`, `IN` and `LIKE`: `"binary"` (exactly, as on
   * Postgres) or `"case-insensitive"` (as MySQL's default collation). `ILIKE` always ignores case.
   * @default "binary"
   */
  readonly collation?: "binary" | "case-insensitive";
  /**
   * The name as the server stores it. Child entities are stored as `<parentId>:<name>`; the default
   * rebuilds that from the JSON (`experimentId` for runs, `registeredModelId` for versions,
   * `servingEnvironmentId` for inference services, `experimentRunId` for artifacts when set, and
   * `<runId>:<name>__<lastUpdateTimeSinceEpoch>` for metric history). A store that knows the real
   * parent of an artifact (e.g. a model version, or a dataset's random prefix) should supply it.
   */
  readonly storedName?: (entity: FilterEntity) => string | null | undefined;
}

interface CompileContext {
  readonly kind: FilterEntityKind;
  readonly bug: boolean;
  readonly caseInsensitive: boolean;
  readonly storedName: (entity: FilterEntity) => string | null;
}

const MATCH_ALL: FilterPredicate = () => true;

/**
 * Compiles a filterQuery into a predicate over entities of one kind, with the server's semantics
 * (see docs/filter-query.md). Parse once, evaluate many times: the predicate does no parsing and
 * builds no regular expressions.
 *
 * @param query the filterQuery text, or an AST from {@link parseFilterQuery}.
 * @throws FilterQueryError with status 400 for a query the server cannot parse, and with status
 *   500 for one the server parses but its database rejects (a list of two or more values after an
 *   operator other than `IN`).
 */
export function compileFilterQuery(
  query: string | FilterAst,
  kind: FilterEntityKind,
  options: CompileFilterQueryOptions = {},
): FilterPredicate {
  const ast = typeof query === "string" ? parseFilterQuery(query) : query;
  if (ast === null) return MATCH_ALL;
  const storedName = options.storedName;
  const ctx: CompileContext = {
    kind,
    bug: options.bugCompatible ?? true,
    caseInsensitive: options.collation === "case-insensitive",
    storedName:
      storedName === undefined
        ? (entity) => defaultStoredName(kind, entity)
        : (entity) => storedName(entity) ?? null,
  };
  return compileNode(ast, ctx);
}

function compileNode(node: FilterNode, ctx: CompileContext): FilterPredicate {
  if (node.kind === "comparison") return compileComparison(node, ctx);
  const operands = node.operands.map((operand) => compileNode(operand, ctx));
  if (node.kind === "and") {
    return (entity) => {
      for (const operand of operands) if (!operand(entity)) return false;
      return true;
    };
  }
  return (entity) => {
    for (const operand of operands) if (operand(entity)) return true;
    return false;
  };
}

const TYPE_SUFFIXES: ReadonlySet<string> = new Set([
  "string_value",
  "double_value",
  "int_value",
  "bool_value",
]);

/** Splits `framework.string_value` into the property name and the forced value column. */
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

function compileComparison(comparison: FilterComparison, ctx: CompileContext): FilterPredicate {
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

function compileColumnComparison(
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

function operandTooWide(): FilterQueryError {
  const detail = "Error 1241 (21000): Operand should contain 1 column(s)";
  return new FilterQueryError(detail, { status: 500, detail });
}

/** Compiles `stored <operator> value` for one stored scalar. */
function valueTest(
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
      const pattern = likePattern(sqlText(right), insensitive);
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
