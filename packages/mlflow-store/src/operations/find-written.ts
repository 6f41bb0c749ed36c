import type {
  Artifact,
  ExperimentRun,
  Experiment as RegistryExperiment,
} from "@model-registry/registry-client";
import { isMetricArtifact, metricFromArtifact, metricPointKey } from "../mapping/metric.js";
import type { StoreContext } from "../store-context.js";
import type { Metric } from "../types.js";
import { isNotFound, registryCall } from "./registry-call.js";
import { forEachPage } from "./registry-pages.js";
import { API, registryLiteral } from "./registry-paths.js";
import { ARTIFACT, ARTIFACT_LIST, EXPERIMENT, METRIC_LIST, RUN } from "./response-shapes.js";

/**
 * Lookups of what a write may have created, by the write's unique key: what `writeOnce` asks
 * after a failure whose outcome is unknown. Each is one request (a 404 means "not there").
 */

async function orUndefined<T>(read: Promise<T>): Promise<T | undefined> {
  try {
    return await read;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** The experiment whose `externalId` (artifact location) is `externalId`. @internal */
export function findExperimentByExternalId(
  ctx: StoreContext,
  externalId: string,
  what: string,
): Promise<RegistryExperiment | undefined> {
  return orUndefined(
    registryCall(
      what,
      EXPERIMENT,
      ctx.client.GET(`${API}/experiment`, { params: { query: { externalId } } }),
    ),
  );
}

/** The run whose `externalId` (artifact URI) is `externalId`. @internal */
export function findRunByExternalId(
  ctx: StoreContext,
  externalId: string,
  what: string,
): Promise<ExperimentRun | undefined> {
  return orUndefined(
    registryCall(
      what,
      RUN,
      ctx.client.GET(`${API}/experiment_run`, { params: { query: { externalId } } }),
    ),
  );
}

/** The artifact whose `externalId` is `externalId`. @internal */
export function findArtifactByExternalId(
  ctx: StoreContext,
  externalId: string,
  what: string,
): Promise<Artifact | undefined> {
  return orUndefined(
    registryCall(
      what,
      ARTIFACT,
      ctx.client.GET(`${API}/artifact`, { params: { query: { externalId } } }),
    ),
  );
}

/**
 * Artifacts of `type` named exactly `name`: under a run (`runId`), or anywhere. The registry's
 * `name =` filter is a LIKE match on the stored name, so results are narrowed to the exact name
 * here; a name the filter cannot express lists every artifact of the type instead.
 * @internal
 */
export async function findArtifactsNamed(
  ctx: StoreContext,
  scope: { runId: string } | "anywhere",
  artifactType: "metric" | "parameter" | "model-artifact" | "dataset-artifact",
  name: string,
  what: string,
): Promise<Artifact[]> {
  const literal = registryLiteral(name);
  const query = {
    artifactType,
    ...(literal === undefined ? {} : { filterQuery: `name = ${literal}` }),
  };
  const found: Artifact[] = [];
  await forEachPage(
    ctx,
    what,
    ARTIFACT_LIST,
    (nextPageToken) => {
      const paging = { pageSize: "1000", ...(nextPageToken ? { nextPageToken } : {}) };
      return scope === "anywhere"
        ? ctx.client.GET(`${API}/artifacts`, { params: { query: { ...query, ...paging } } })
        : ctx.client.GET(`${API}/experiment_runs/{experimentrunId}/artifacts`, {
            params: { path: { experimentrunId: scope.runId }, query: { ...query, ...paging } },
          });
    },
    (items) => {
      for (const item of items) {
        if (item.artifactType === artifactType && item.name === name) found.push(item);
      }
      return true;
    },
  );
  return found;
}

/**
 * True when the run's metric history holds `metric` (same key, step, timestamp and value): the
 * registry writes one history record per metric post, so this tells whether a post landed.
 * @internal
 */
export async function metricPointLanded(
  ctx: StoreContext,
  runId: string,
  metric: Metric,
  what: string,
): Promise<boolean> {
  const list = await registryCall(
    what,
    METRIC_LIST,
    ctx.client.GET(`${API}/experiment_runs/{experimentrunId}/metric_history`, {
      params: {
        path: { experimentrunId: runId },
        query: { name: metric.key, stepIds: String(metric.step) },
      },
    }),
    { notFound: `Run with id=${runId} not found` },
  );
  const wanted = metricPointKey(metric);
  return list.items.some(
    (item) =>
      isMetricArtifact(item) &&
      item.name === metric.key &&
      metricPointKey(metricFromArtifact(item)) === wanted,
  );
}
