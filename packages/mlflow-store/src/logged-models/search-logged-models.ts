import {
  type Artifact,
  type ArtifactList,
  REGISTRY_API_PREFIX,
} from "@model-registry/registry-client";
import {
  isDeletedModelArtifact,
  isLoggedModelArtifact,
  loggedModelFromArtifact,
  MODEL_KEYS,
} from "../mapping/logged-model.js";
import { MlflowError } from "../mlflow-error.js";
import { registryCall } from "../operations/registry-call.js";
import { createPageGuard, forEachPage } from "../operations/registry-pages.js";
import { ARTIFACT_LIST } from "../operations/response-shapes.js";
import { registryStringLiteral } from "../search/index.js";
import type { StoreContext } from "../store-context.js";
import type { LoggedModel, PagedList, SearchLoggedModelsOptions } from "../types.js";
import { validateMaxResults } from "../validation/index.js";
import {
  decodeSearchToken,
  encodeSearchToken,
  type LoggedModelSearchPlan,
  planLoggedModelSearch,
} from "./logged-model-search-plan.js";

/** MLflow's default page size for logged-model searches. @internal */
export const SEARCH_LOGGED_MODELS_DEFAULT = 100;
const MIN_CHUNK = 100;
const MAX_CHUNK = 1000;

function experimentFilter(experimentIds: readonly string[]): string {
  const literals = experimentIds.map((id) => {
    const literal = registryStringLiteral(id);
    if (literal === undefined) {
      throw MlflowError.invalidParameterValue(`Invalid experiment ID '${id}'.`);
    }
    return literal;
  });
  return literals.length === 1
    ? `${MODEL_KEYS.experimentId} = ${literals[0]}`
    : `${MODEL_KEYS.experimentId} IN (${literals.join(", ")})`;
}

function candidate(artifact: Artifact, plan: LoggedModelSearchPlan): LoggedModel | undefined {
  if (!isLoggedModelArtifact(artifact) || isDeletedModelArtifact(artifact)) return undefined;
  const model = loggedModelFromArtifact(artifact);
  return plan.matches(model) ? model : undefined;
}

/**
 * Streams the registry in the plan's order (the registry sorts), filtering client-side; the token
 * remembers the registry page (its cursor and size) and how many of its items were consumed.
 */
async function streamingPage(
  ctx: StoreContext,
  plan: LoggedModelSearchPlan & {
    registryOrder: NonNullable<LoggedModelSearchPlan["registryOrder"]>;
  },
  filterQuery: string,
  maxResults: number,
  start: { cursor: string; skip: number; chunk: number },
): Promise<PagedList<LoggedModel>> {
  const chunk = start.chunk || Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, maxResults + 1));
  const items: LoggedModel[] = [];
  let cursor = start.cursor;
  let skip = start.skip;
  const nextCursor = createPageGuard("searchLoggedModels", ctx.maxPages);
  for (;;) {
    const page: ArtifactList = await registryCall(
      "searchLoggedModels",
      ARTIFACT_LIST,
      ctx.client.GET(`${REGISTRY_API_PREFIX}/artifacts`, {
        params: {
          query: {
            artifactType: "model-artifact",
            filterQuery,
            orderBy: plan.registryOrder.orderBy,
            sortOrder: plan.registryOrder.sortOrder,
            pageSize: String(chunk),
            ...(cursor ? { nextPageToken: cursor } : {}),
          },
        },
      }),
    );
    for (let i = skip; i < page.items.length; i++) {
      const model = candidate(page.items[i] as Artifact, plan);
      if (model === undefined) continue;
      if (items.length === maxResults) {
        return { items, nextPageToken: encodeSearchToken(plan, { cursor, skip: i, chunk }) };
      }
      items.push(model);
    }
    const next = nextCursor(page.nextPageToken);
    if (next === undefined) return { items };
    cursor = next;
    skip = 0;
  }
}

/** Reads every candidate (1000 per request), then sorts and pages in memory. */
async function inMemoryPage(
  ctx: StoreContext,
  plan: LoggedModelSearchPlan,
  filterQuery: string,
  maxResults: number,
  offset: number,
): Promise<PagedList<LoggedModel>> {
  const models: LoggedModel[] = [];
  await forEachPage(
    ctx,
    "searchLoggedModels",
    ARTIFACT_LIST,
    (nextPageToken) =>
      ctx.client.GET(`${REGISTRY_API_PREFIX}/artifacts`, {
        params: {
          query: {
            artifactType: "model-artifact",
            filterQuery,
            pageSize: String(MAX_CHUNK),
            ...(nextPageToken ? { nextPageToken } : {}),
          },
        },
      }),
    (page) => {
      for (const artifact of page) {
        const model = candidate(artifact, plan);
        if (model !== undefined) models.push(model);
      }
      return true;
    },
  );
  models.sort(plan.compare);
  const items = models.slice(offset, offset + maxResults);
  return offset + maxResults < models.length
    ? { items, nextPageToken: encodeSearchToken(plan, { offset: offset + maxResults }) }
    : { items };
}

/**
 * MLflow `search_logged_models` over the `model-artifact`s whose `mlflow__experiment_id` is one
 * of `experimentIds` (one bulk `GET /artifacts` per page, never one request per run). Deleted
 * models and recorded MLmodel entries are left out, the filter is evaluated client-side (with the
 * clauses the registry can evaluate pushed down as a pre-filter), and pages are full. Orders the
 * registry can sort by (creation or last-update time) stream from the registry; other orders read
 * all candidates and sort in memory. Tokens are opaque and bound to the query.
 * @internal
 */
export async function searchLoggedModels(
  ctx: StoreContext,
  options: SearchLoggedModelsOptions,
): Promise<PagedList<LoggedModel>> {
  const experimentIds = options?.experimentIds;
  if (!Array.isArray(experimentIds) || experimentIds.length === 0) {
    throw MlflowError.invalidParameterValue(
      "Missing value for required parameter 'experiment_ids'. At least one experiment ID must be specified.",
    );
  }
  const maxResults =
    validateMaxResults("searchLoggedModels", options.maxResults) ?? SEARCH_LOGGED_MODELS_DEFAULT;
  const plan = planLoggedModelSearch(options);
  const position = decodeSearchToken(plan, options.pageToken);
  if (plan.matchesNothing) return { items: [] };
  const filterQuery = [experimentFilter(experimentIds), ...plan.registryFilters].join(" AND ");
  if (plan.registryOrder !== undefined && position.offset === undefined) {
    return streamingPage(
      ctx,
      { ...plan, registryOrder: plan.registryOrder },
      filterQuery,
      maxResults,
      {
        cursor: position.cursor ?? "",
        skip: position.skip ?? 0,
        chunk: position.chunk ?? 0,
      },
    );
  }
  return inMemoryPage(ctx, plan, filterQuery, maxResults, position.offset ?? 0);
}
