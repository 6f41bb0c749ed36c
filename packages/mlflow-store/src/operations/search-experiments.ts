import { toMlflowExperiment } from "../mapping/experiment.js";
import {
  assertExperimentsFilterComparators,
  experimentMatches,
} from "../search/experiment-matches.js";
import { compareExperiments, parseExperimentsOrderBy } from "../search/order-experiments.js";
import { parseExperimentsFilter } from "../search/parse-experiments-filter.js";
import type { StoreContext } from "../store-context.js";
import type { Experiment, PagedList, SearchExperimentsOptions } from "../types.js";
import { validateMaxResults } from "../validation/index.js";
import { listExperiments, rememberExperiment } from "./experiment-access.js";
import { decodeOffsetToken, encodeOffsetToken } from "./offset-token.js";

const STATE_FOR_VIEW = {
  ACTIVE_ONLY: `state = "LIVE"`,
  DELETED_ONLY: `state = "ARCHIVED"`,
  ALL: undefined,
} as const;

/**
 * MLflow's search_experiments in one request: the view type is pushed into `filterQuery` so it
 * filters before paging; MLflow's filter, order (default `creation_time DESC, experiment_id ASC`)
 * and paging are applied to the result.
 * @internal
 */
export async function searchExperiments(
  ctx: StoreContext,
  options: SearchExperimentsOptions,
): Promise<PagedList<Experiment>> {
  const viewType = options.viewType ?? "ACTIVE_ONLY";
  const maxResults =
    validateMaxResults("searchExperiments", options.maxResults) ?? Number.POSITIVE_INFINITY;
  const clauses = parseExperimentsFilter(options.filterString);
  assertExperimentsFilterComparators(clauses);
  const compare = compareExperiments(parseExperimentsOrderBy(options.orderBy));
  const offset = decodeOffsetToken(options.pageToken);
  const items = await listExperiments(ctx, "searchExperiments", STATE_FOR_VIEW[viewType]);
  const experiments = items.map((item) => toMlflowExperiment(item, ctx.artifactRoot));
  for (const experiment of experiments) rememberExperiment(ctx, experiment);
  const matching = experiments
    .filter((experiment) => experimentMatches(clauses, experiment))
    .sort(compare);
  const page = matching.slice(offset, offset + maxResults);
  const next = offset + maxResults;
  return next < matching.length
    ? { items: page, nextPageToken: encodeOffsetToken(next) }
    : { items: page };
}
