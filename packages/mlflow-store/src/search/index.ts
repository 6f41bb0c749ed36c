export type {
  FilterClause,
  FilterEntityType,
  LoggedModelFilterClause,
  LoggedModelFilterEntityType,
} from "./filter-clause.js";
export { parseRunsFilter } from "./parse-runs-filter.js";
export { assertRunsFilterComparators, MLFLOW_DATASET_CONTEXT, runMatches } from "./run-matches.js";
