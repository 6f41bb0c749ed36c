import { toMlflowExperiment } from "../mapping/experiment.js";
import type { StoreContext } from "../store-context.js";
import type { Experiment, PagedList, SearchExperimentsOptions } from "../types.js";
import { listExperiments, rememberExperiment } from "./experiment-access.js";

const STATE_FOR_VIEW = { ACTIVE_ONLY: `state = "LIVE"`, DELETED_ONLY: `state = "ARCHIVED"`, ALL: undefined } as const;

/**
 * MLflow's search_experiments: the view type is pushed to the registry so it filters before
 * paging; filter, order and paging are applied to the full result.
 * @internal
 */
export async function searchExperiments(ctx: StoreContext, options: SearchExperimentsOptions): Promise<PagedList<Experiment>> {
  const viewType = options.viewType ?? "ACTIVE_ONLY";
  const maxResults = options.maxResults ?? 1000;
  const items = await listExperiments(ctx, "searchExperiments", STATE_FOR_VIEW[viewType]);
  const experiments = items.map((item) => toMlflowExperiment(item, ctx.artifactRoot));
  for (const experiment of experiments) rememberExperiment(ctx, experiment);
  experiments.sort(
    (a, b) => (b.creationTime ?? 0) - (a.creationTime ?? 0) || Number(a.experimentId) - Number(b.experimentId),
  );
  const offset = options.pageToken ? Number(JSON.parse(Buffer.from(options.pageToken, "base64").toString()).offset) : 0;
  const page = experiments.slice(offset, offset + maxResults);
  const next = offset + maxResults < experiments.length ? Buffer.from(JSON.stringify({ offset: offset + maxResults })).toString("base64") : undefined;
  return next === undefined ? { items: page } : { items: page, nextPageToken: next };
}
