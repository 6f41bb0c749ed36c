import type { Artifact } from "@model-registry/registry-client";
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
import { mapConcurrent } from "./map-concurrent.js";
import { forEachPage } from "./registry-pages.js";
import { API, isRegistryId } from "./registry-paths.js";
import { METRIC_LIST } from "./response-shapes.js";
import { runNotFound } from "./run-access.js";
import { REGISTRY_STEP_MAX, REGISTRY_STEP_MIN } from "./validate.js";

type MetricHistoryOperations = Pick<
  MlflowStore,
  | "getMetricHistory"
  | "getMetricHistoryBulkIntervalFromSteps"
  | "getMetricHistoryBulkInterval"
  | "getMetricHistoryBulk"
>;

/**
 * History records per registry page: about 10 MB of JSON, well inside the client's response
 * limit (the registry's default page is unlimited).
 */
const HISTORY_PAGE_SIZE = 25_000;
/** Run ids per cross-run history request (MLflow's bulk endpoints take at most 100). */
const RUNS_PER_REQUEST = 100;
/** MLflow's MAX_RESULTS_GET_METRIC_HISTORY, the default of `getMetricHistoryBulk`. */
const MAX_RESULTS_GET_METRIC_HISTORY = 25_000;

/** The points of `key` among history records, identical points collapsed, values as MLflow reads them. */
function collectPoints(
  items: readonly Artifact[],
  key: string,
  seen: Set<string>,
  into: Metric[],
): void {
  for (const item of items) {
    if (!isMetricArtifact(item) || item.name !== key) continue;
    const point = metricFromArtifact(item);
    const id = metricPointKey(point);
    if (seen.has(id)) continue;
    seen.add(id);
    into.push({ ...point, value: readBackMetricValue(point.value) });
  }
}

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
  const points: Metric[] = [];
  const seen = new Set<string>();
  await forEachPage(
    ctx,
    what,
    METRIC_LIST,
    (nextPageToken) =>
      ctx.client.GET(`${API}/experiment_runs/{experimentrunId}/metric_history`, {
        params: {
          path: { experimentrunId: runId },
          query: {
            name: key,
            ...(stepIds ? { stepIds: stepIds.join(",") } : {}),
            pageSize: String(HISTORY_PAGE_SIZE),
            ...(nextPageToken ? { nextPageToken } : {}),
          },
        },
      }),
    (items) => {
      collectPoints(items, key, seen, points);
      return true;
    },
    { notFound: `Run with id=${runId} not found` },
  );
  return points;
}

/**
 * Every point of one metric of several runs, by run, with one request per 100 runs (the
 * registry's cross-run history endpoint, `experimentRunId IN (…)`) instead of one per run. Runs
 * that do not exist (or ids that cannot be registry ids) have no points; identical points of a
 * run are collapsed.
 * @internal
 */
export async function readMetricHistoryOfRuns(
  ctx: StoreContext,
  runIds: readonly string[],
  key: string,
  what: string,
): Promise<Map<string, Metric[]>> {
  const byRun = new Map<string, { points: Metric[]; seen: Set<string> }>();
  for (const runId of runIds) {
    if (isRegistryId(runId) && !byRun.has(runId)) byRun.set(runId, { points: [], seen: new Set() });
  }
  const ids = [...byRun.keys()];
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += RUNS_PER_REQUEST)
    chunks.push(ids.slice(i, i + RUNS_PER_REQUEST));
  await mapConcurrent(chunks, ctx.concurrency, (chunk) =>
    forEachPage(
      ctx,
      what,
      METRIC_LIST,
      (nextPageToken) =>
        ctx.client.GET(`${API}/experiment_runs/metric_history`, {
          params: {
            query: {
              name: key,
              filterQuery: `experimentRunId IN (${chunk.join(", ")})`,
              pageSize: String(HISTORY_PAGE_SIZE),
              ...(nextPageToken ? { nextPageToken } : {}),
            },
          },
        }),
      (items) => {
        for (const item of items) {
          const run = byRun.get(String(item.experimentRunId ?? ""));
          if (run !== undefined) collectPoints([item], key, run.seen, run.points);
        }
        return true;
      },
    ),
  );
  return new Map([...byRun].map(([runId, run]) => [runId, run.points]));
}

/** Checks a list of run ids and a metric key of the bulk reads. */
function checkBulkArguments(
  runIds: unknown,
  metricKey: unknown,
): asserts runIds is readonly string[] {
  if (!Array.isArray(runIds) || runIds.some((id) => typeof id !== "string")) {
    throw MlflowError.invalidParameterValue("run_ids must be a list of run id strings.");
  }
  if (typeof metricKey !== "string" || metricKey === "") {
    throw MlflowError.invalidParameterValue("metric_key must be a non-empty string.");
  }
}

function checkMaxResults(maxResults: unknown): asserts maxResults is number {
  if (!Number.isSafeInteger(maxResults) || (maxResults as number) < 0) {
    throw MlflowError.invalidParameterValue(
      `Invalid value ${String(maxResults)} for parameter 'max_results' supplied. It must be a non-negative integer`,
    );
  }
}

/**
 * The steps MLflow's `get_metric_history_bulk_interval` samples: every step in
 * [`start`, `end`] when at most `maxResults` exist, else `maxResults` evenly spaced ones and the
 * last; always with each run's first and last step within the range.
 */
function sampleSteps(
  runs: readonly (readonly Metric[])[],
  maxResults: number,
  start: number | undefined,
  end: number | undefined,
): Set<number> {
  const bounds = new Set<number>();
  const all = new Set<number>();
  for (const points of runs) {
    if (points.length === 0) continue;
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (const { step } of points) {
      all.add(step);
      if (step < min) min = step;
      if (step > max) max = step;
    }
    bounds.add(min).add(max);
  }
  const steps = [...all].sort((a, b) => a - b);
  let from = start;
  let to = end;
  if (from === undefined && to === undefined) {
    from = 0;
    to = steps.at(-1) ?? 0;
  }
  const inRange = (step: number) =>
    (from === undefined || step >= from) && (to === undefined || step <= to);
  const candidates = steps.filter(inRange);
  const sampled = new Set<number>();
  if (candidates.length <= maxResults) for (const step of candidates) sampled.add(step);
  else {
    const interval = candidates.length / maxResults;
    for (let i = 0; i < maxResults; i++) {
      const step = candidates[Math.floor(i * interval)];
      if (step !== undefined) sampled.add(step);
    }
    sampled.add(candidates[candidates.length - 1] as number);
  }
  for (const step of bounds) if (inRange(step)) sampled.add(step);
  return sampled;
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

    async getMetricHistoryBulkInterval(
      runIds,
      metricKey,
      maxResults,
      startStep,
      endStep,
    ): Promise<MetricWithRunId[]> {
      checkBulkArguments(runIds, metricKey);
      checkMaxResults(maxResults);
      const histories = await readMetricHistoryOfRuns(
        ctx,
        runIds,
        metricKey,
        "getMetricHistoryBulkInterval",
      );
      const steps = sampleSteps([...histories.values()], maxResults, startStep, endStep);
      const out: MetricWithRunId[] = [];
      for (const runId of runIds) {
        const points = (histories.get(runId) ?? [])
          .filter((point) => steps.has(point.step))
          .sort((a, b) => a.step - b.step || a.timestamp - b.timestamp)
          .slice(0, MAX_RESULTS_GET_METRIC_HISTORY);
        for (const point of points) out.push({ ...point, runId });
      }
      return out;
    },

    async getMetricHistoryBulk(
      runIds,
      metricKey,
      maxResults = MAX_RESULTS_GET_METRIC_HISTORY,
    ): Promise<MetricWithRunId[]> {
      checkBulkArguments(runIds, metricKey);
      checkMaxResults(maxResults);
      const histories = await readMetricHistoryOfRuns(
        ctx,
        runIds,
        metricKey,
        "getMetricHistoryBulk",
      );
      const out: MetricWithRunId[] = [];
      for (const runId of [...histories.keys()].sort()) {
        const points = (histories.get(runId) ?? []).sort(
          (a, b) => a.timestamp - b.timestamp || a.step - b.step || compareMetricPoints(a, b),
        );
        for (const point of points) out.push({ ...point, runId });
      }
      return out.slice(0, maxResults);
    },
  };
}
