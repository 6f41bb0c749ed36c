import { compileComparison } from "./compile-comparison.js";
import type { CompileContext } from "./compile-context.js";
import { defaultStoredName } from "./entity-model/default-stored-name.js";
import type { FilterAst, FilterNode } from "./filter-ast.js";
import type { FilterEntityKind } from "./filter-entity-kind.js";
import type { FilterEntity, FilterPredicate } from "./filter-predicate.js";
import { parseFilterQuery } from "./parse-filter-query.js";

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
