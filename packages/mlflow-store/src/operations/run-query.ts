import { compareRuns, parseRunsOrderBy } from "../search/order-runs.js";
import { parseRunsFilter } from "../search/parse-runs-filter.js";
import { assertRunsFilterComparators, runMatches } from "../search/run-matches.js";
import type { Run, SearchRunsOptions } from "../types.js";
import { decodeOffsetToken, encodeOffsetToken } from "./offset-token.js";

/** What searchRuns needs from a parsed filter and order. @internal */
export interface RunsQueryPlan {
  /** Metric keys the filter or order reads. */
  metricKeys: Set<string>;
  /** Param keys the filter or order reads. */
  paramKeys: Set<string>;
  /** True when the filter reads dataset inputs. */
  needsDatasets: boolean;
  /** Registry filterQuery with the same meaning as part of the filter (a superset of the matches). */
  runFilterQuery?: string;
  matches(run: Run): boolean;
  compare(a: Run, b: Run): number;
  decodeOffset(token: string | undefined): number;
  encodeOffset(offset: number): string;
}

/** Parses the filter and order of a searchRuns call (MLflow's grammar; errors before any request). @internal */
export function planRunsQuery(options: SearchRunsOptions): RunsQueryPlan {
  const clauses = parseRunsFilter(options.filterString);
  assertRunsFilterComparators(clauses);
  const orderBy = parseRunsOrderBy(options.orderBy);
  const compare = compareRuns(orderBy);
  const metricKeys = new Set<string>();
  const paramKeys = new Set<string>();
  for (const clause of [...clauses, ...orderBy]) {
    if (clause.type === "metric") metricKeys.add(clause.key);
    if (clause.type === "parameter") paramKeys.add(clause.key);
  }
  return {
    metricKeys,
    paramKeys,
    needsDatasets: clauses.some((clause) => clause.type === "dataset"),
    matches: (run) => runMatches(clauses, run),
    compare,
    decodeOffset: decodeOffsetToken,
    encodeOffset: encodeOffsetToken,
  };
}
