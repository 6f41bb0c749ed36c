export { type CompileFilterQueryOptions, compileFilterQuery } from "./compile-filter-query.js";
export type {
  FilterAst,
  FilterComparison,
  FilterLiteral,
  FilterLogical,
  FilterNode,
  FilterOperator,
} from "./filter-ast.js";
export {
  FILTER_ENTITY_KINDS,
  type FilterEntityKind,
  filterEntityKindForArtifactType,
} from "./filter-entity-kind.js";
export type { FilterEntity, FilterPredicate } from "./filter-predicate.js";
export { FilterQueryError, isFilterQueryError } from "./filter-query-error.js";
export {
  type FilterIndexEquality,
  type FilterIndexHintOptions,
  type FilterIndexHints,
  filterQueryIndexHints,
} from "./filter-query-index-hints.js";
export {
  filterSyntaxErrorMessage,
  MAX_FILTER_NESTING,
  parseFilterQuery,
} from "./parse-filter-query.js";
