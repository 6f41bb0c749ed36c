import { EXPERIMENT_NAME_PROPERTY, toMlflowExperiment } from "../mapping/experiment.js";
import {
  assertExperimentsFilterComparators,
  compareExperiments,
  decodePageToken,
  encodePageToken,
  experimentMatches,
  type FilterClause,
  parseExperimentsFilter,
  parseExperimentsOrderBy,
  registryFilterFromClauses,
  registryLifecycleFilter,
  searchFingerprint,
} from "../search/index.js";
import type { StoreContext } from "../store-context.js";
import type { Experiment, PagedList, SearchExperimentsOptions } from "../types.js";
import { validateMaxResults } from "../validation/index.js";
import { listExperiments, rememberExperiment } from "./experiment-access.js";

/**
 * Clauses the registry may evaluate: not the name (a renamed experiment keeps its registry name)
 * and not the reserved rename property.
 */
function pushable(clause: FilterClause): boolean {
  if (clause.type === "attribute" && clause.key === "name") return false;
  return !(clause.type === "tag" && clause.key === EXPERIMENT_NAME_PROPERTY);
}

/**
 * MLflow's search_experiments in one request: the view type and the clauses the registry can
 * carry are pushed into `filterQuery` (so the view type filters before paging); MLflow's filter,
 * order (default `creation_time DESC, experiment_id ASC`) and paging are applied to the result.
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
  const fingerprint = searchFingerprint({
    op: "searchExperiments",
    filter: options.filterString ?? "",
    orderBy: options.orderBy ?? [],
    viewType,
  });
  const offset = decodePageToken(options.pageToken, fingerprint)?.offset ?? 0;
  const pushed = registryFilterFromClauses(clauses.filter(pushable), "experiments");
  const filterQuery = [registryLifecycleFilter(viewType), pushed.filterQuery]
    .filter((part): part is string => part !== undefined)
    .map((part) => `(${part})`)
    .join(" AND ");
  const items = await listExperiments(ctx, "searchExperiments", filterQuery || undefined);
  const experiments = items.map((item) => toMlflowExperiment(item, ctx.artifactRoot));
  for (const experiment of experiments) rememberExperiment(ctx, experiment);
  const matching = experiments
    .filter((experiment) => experimentMatches(clauses, experiment))
    .sort(compare);
  const page = matching.slice(offset, offset + maxResults);
  const next = offset + maxResults;
  return next < matching.length
    ? { items: page, nextPageToken: encodePageToken({ fingerprint, offset: next }) }
    : { items: page };
}
