import {
  compareMetricPoints,
  isMetricArtifact,
  metricFromArtifact,
  metricPointKey,
  readBackMetricValue,
} from "../mapping/metric.js";
import { MlflowError } from "../mlflow-error.js";
import { decodePageToken, encodePageToken, searchFingerprint } from "../search/index.js";
import type { StoreContext } from "../store-context.js";
import type { Metric, MetricWithRunId, MlflowStore, PagedList } from "../types.js";
import { registryCall } from "./registry-call.js";
import { API, isRegistryId } from "./registry-paths.js";
import { METRIC_LIST } from "./response-shapes.js";
import { runNotFound } from "./run-access.js";
import { REGISTRY_STEP_MAX, REGISTRY_STEP_MIN } from "./validate.js";

type MetricHistoryOperations = Pick<
  MlflowStore,
  "getMetricHistory" | "getMetricHistoryBulkIntervalFromSteps"
>;

/** MLflow's SQL order of metric history: timestamp, then step, then value. */
function historyOrder(a: Metric, b: Metric): number {
  if (a.timestamp !== b.timestamp) return a.timestamp - b.timestamp;
  if (a.step !== b.step) return a.step - b.step;
  return compareMetricPoints(a, b);
}

/**
 * Every point of one metric of a run, identical points collapsed (MLflow's SQL store keeps one row
 * per (key, timestamp, step, value)). One request: the registry's `name` filter is a substring
 * match, so the points are narrowed to the exact key here.
 * @internal
 */
export async function readMetricHistory(
  ctx: StoreContext,
  runId: string,
  key: string,
  what: string,
  stepIds?: readonly number[],
): Promise<Metric[]> {
  if (!isRegistryId(runId)) throw runNotFound(runId);
  const list = await registryCall(
    what,
    METRIC_LIST,
    ctx.client.GET(`${API}/experiment_runs/{experimentrunId}/metric_history`, {
      params: {
        path: { experimentrunId: runId },
        query: { name: key, ...(stepIds ? { stepIds: stepIds.join(",") } : {}) },
      },
    }),
    { notFound: `Run with id=${runId} not found` },
  );
  const seen = new Set<string>();
  const points: Metric[] = [];
  for (const item of list.items) {
    if (!isMetricArtifact(item) || item.name !== key) continue;
    const point = metricFromArtifact(item);
    const id = metricPointKey(point);
    if (seen.has(id)) continue;
    seen.add(id);
    points.push({ ...point, value: readBackMetricValue(point.value) });
  }
  return points;
}

/** Metric-history reads. @internal */
export function createMetricHistoryOperations(ctx: StoreContext): MetricHistoryOperations {
  return {
    async getMetricHistory(runId, metricKey, options = {}): Promise<PagedList<Metric>> {
      const { maxResults, pageToken } = options;
      if (maxResults !== undefined && (!Number.isInteger(maxResults) || maxResults < 0)) {
        throw MlflowError.invalidParameterValue(
          `Invalid value ${maxResults} for parameter 'max_results' supplied. It must be a non-negative integer`,
        );
      }
      // tokens are bound to the run and key (not to maxResults: pages may change size)
      const fingerprint = searchFingerprint({ op: "getMetricHistory", runId, metricKey });
      const offset = decodePageToken(pageToken, fingerprint)?.offset ?? 0;
      const points = (await readMetricHistory(ctx, runId, metricKey, "getMetricHistory")).sort(
        historyOrder,
      );
      if (maxResults === undefined) return { items: points.slice(offset) };
      const items = points.slice(offset, offset + maxResults);
      const next = offset + maxResults;
      // As MLflow's SQL store: a page of 0 is empty, with a token (to the same offset) while
      // points remain.
      return next < points.length
        ? { items, nextPageToken: encodePageToken({ fingerprint, offset: next }) }
        : { items };
    },

    async getMetricHistoryBulkIntervalFromSteps(
      runId,
      metricKey,
      steps,
      maxResults,
    ): Promise<MetricWithRunId[]> {
      // steps the registry cannot store match nothing (and would make it answer 400)
      const wanted = new Set(
        steps.filter(
          (step) =>
            Number.isInteger(step) && step >= REGISTRY_STEP_MIN && step <= REGISTRY_STEP_MAX,
        ),
      );
      if (wanted.size === 0) return [];
      const points = await readMetricHistory(
        ctx,
        runId,
        metricKey,
        "getMetricHistoryBulkIntervalFromSteps",
        [...wanted],
      );
      return points
        .filter((point) => wanted.has(point.step))
        .sort((a, b) => a.step - b.step || a.timestamp - b.timestamp)
        .slice(0, maxResults)
        .map((point) => ({ ...point, runId }));
    },
  };
}
