import { RUN_NAME_TAG } from "../mapping/run.js";
import {
  assertRunsFilterComparators,
  compareRuns,
  decodePageToken,
  encodePageToken,
  type FilterClause,
  parseRunsFilter,
  parseRunsOrderBy,
  registryArtifactFilterFromClause,
  registryFilterFromClauses,
  registryStringLiteral,
  runMatches,
  searchFingerprint,
} from "../search/index.js";
import type { Run, SearchRunsOptions } from "../types.js";

/** What searchRuns needs from a parsed filter and order. @internal */
export interface RunsQueryPlan {
  /** Metric keys the filter or order reads. */
  metricKeys: Set<string>;
  /** Param keys the filter or order reads. */
  paramKeys: Set<string>;
  /** True when the filter reads dataset inputs. */
  needsDatasets: boolean;
  /** Registry filterQuery every matching run satisfies (pushed-down clauses). */
  runFilterQuery?: string;
  /**
   * Registry filterQuery for the metric and param artifacts the filter and order read (absent
   * when a key cannot be written as a registry literal: then every artifact is read). Param
   * clauses narrow it to matching values; runs left without the artifact fail those clauses.
   */
  keyArtifactFilterQuery?: string;
  /** Offset of the requested page (0 without a token). */
  offset: number;
  matches(run: Run): boolean;
  compare(a: Run, b: Run): number;
  /** The token of the page starting at `offset`. */
  pageToken(offset: number): string;
}

/** Clauses the registry may evaluate: not the run name (a run without the tag is named by its registry name). */
function pushable(clause: FilterClause): boolean {
  return !(clause.type === "tag" && clause.key === RUN_NAME_TAG);
}

/**
 * Parses the filter, order and page token of a searchRuns call with MLflow's grammar, before any
 * request; clauses whose meaning the registry can carry are pushed into `runFilterQuery`, the rest
 * are evaluated in memory.
 * @internal
 */
export function planRunsQuery(options: SearchRunsOptions): RunsQueryPlan {
  const clauses = parseRunsFilter(options.filterString);
  assertRunsFilterComparators(clauses);
  const orderBy = parseRunsOrderBy(options.orderBy);
  const compare = compareRuns(orderBy);
  const fingerprint = searchFingerprint({
    op: "searchRuns",
    experimentIds: [...options.experimentIds].sort(),
    filter: options.filterString ?? "",
    orderBy: options.orderBy ?? [],
    viewType: options.runViewType ?? "ACTIVE_ONLY",
  });
  const offset = decodePageToken(options.pageToken, fingerprint)?.offset ?? 0;
  const pushed = registryFilterFromClauses(clauses.filter(pushable), "runs");
  const residual = [...pushed.residual, ...clauses.filter((clause) => !pushable(clause))];
  const metricKeys = new Set<string>();
  const paramKeys = new Set<string>();
  for (const clause of [...clauses, ...orderBy]) {
    if (clause.type === "metric") metricKeys.add(clause.key);
    if (clause.type === "parameter") paramKeys.add(clause.key);
  }
  const keyArtifactFilterQuery = keyArtifactFilter(clauses, metricKeys, paramKeys);
  return {
    ...(keyArtifactFilterQuery ? { keyArtifactFilterQuery } : {}),
    metricKeys,
    paramKeys,
    needsDatasets: clauses.some((clause) => clause.type === "dataset"),
    ...(pushed.filterQuery ? { runFilterQuery: pushed.filterQuery } : {}),
    offset,
    matches: (run) => runMatches(residual, run),
    compare,
    pageToken: (next) => encodePageToken({ fingerprint, offset: next }),
  };
}

/**
 * One condition per key, OR-ed: `name = "k"` for metrics (the registry keeps the last posted
 * point, not MLflow's latest, so values are compared in memory), and for params the AND of what
 * each param clause on that key needs (`registryArtifactFilterFromClause`); every clause but
 * `IS NULL` fails on a run without such an artifact, and clauses are AND-ed.
 */
function keyArtifactFilter(
  clauses: readonly FilterClause[],
  metricKeys: ReadonlySet<string>,
  paramKeys: ReadonlySet<string>,
): string | undefined {
  const parts: string[] = [];
  for (const key of metricKeys) {
    const literal = registryStringLiteral(key);
    if (literal === undefined) return undefined;
    parts.push(`name = ${literal}`);
  }
  for (const key of paramKeys) {
    const literal = registryStringLiteral(key);
    if (literal === undefined) return undefined;
    const needs = clauses
      .filter((clause) => clause.type === "parameter" && clause.key === key)
      .map((clause) => registryArtifactFilterFromClause(clause)?.filterQuery)
      .filter((query): query is string => query !== undefined);
    parts.push(needs.length === 0 ? `name = ${literal}` : needs.map((q) => `(${q})`).join(" AND "));
  }
  if (parts.length === 0) return undefined;
  return parts.length === 1 ? parts[0] : parts.map((part) => `(${part})`).join(" OR ");
}
