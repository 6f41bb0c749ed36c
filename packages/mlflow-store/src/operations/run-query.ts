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

function defaultOrder(a: Run, b: Run): number {
  return b.info.startTime - a.info.startTime || (a.info.runId < b.info.runId ? -1 : a.info.runId > b.info.runId ? 1 : 0);
}

/** Parses the filter and order of a searchRuns call. @internal */
export function planRunsQuery(options: SearchRunsOptions): RunsQueryPlan {
  void options;
  return {
    metricKeys: new Set(),
    paramKeys: new Set(),
    needsDatasets: false,
    matches: () => true,
    compare: defaultOrder,
    decodeOffset: decodeOffsetToken,
    encodeOffset: encodeOffsetToken,
  };
}
