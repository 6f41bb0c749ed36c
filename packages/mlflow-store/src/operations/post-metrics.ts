import { compareMetricPoints, metricPointKey, toMetricCreate } from "../mapping/metric.js";
import type { MlflowError } from "../mlflow-error.js";
import type { KnownRun, StoreContext } from "../store-context.js";
import type { Metric } from "../types.js";
import { registryCall } from "./registry-call.js";
import { API } from "./registry-paths.js";
import { ensureMetricState } from "./run-artifacts.js";

const MAX_REMEMBERED_POINTS = 100_000;
/** Attempts per metric point: the registry answers 500 when two points of one key land in the same millisecond. */
const METRIC_ATTEMPTS = 3;

/** One registry request: `POST /experiment_runs/{id}/artifacts` with a metric point. */
async function postPoint(ctx: StoreContext, runId: string, metric: Metric): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await registryCall(
        "logMetric",
        ctx.client.POST(`${API}/experiment_runs/{experimentrunId}/artifacts`, {
          params: { path: { experimentrunId: runId } },
          body: toMetricCreate(metric),
        }),
        { notFound: `Run with id=${runId} not found` },
      );
      return;
    } catch (error) {
      if ((error as MlflowError).errorCode !== "INTERNAL_ERROR" || attempt >= METRIC_ATTEMPTS)
        throw error;
      await new Promise((resolve) => setTimeout(resolve, 2 * attempt));
    }
  }
}

/**
 * The requests {@link postMetrics} will make for `metrics`, in order of sending: per key, every
 * point except the latest (in any order), then the latest, so the registry's metric artifact (which
 * holds the last posted point) holds MLflow's latest point. Identical points and points this store
 * already posted are dropped. When the store knows a later point than any in `metrics`, that point
 * is posted again last (its history duplicate is collapsed on read).
 * @internal
 */
export function planMetricPosts(
  known: KnownRun,
  metrics: readonly Metric[],
): { early: Metric[]; last: Metric[] } {
  const byKey = new Map<string, Metric[]>();
  const seen = new Set<string>();
  for (const metric of metrics) {
    const id = metricPointKey(metric);
    if (seen.has(id) || known.postedPoints.has(id)) continue;
    seen.add(id);
    const list = byKey.get(metric.key);
    if (list) list.push(metric);
    else byKey.set(metric.key, [metric]);
  }
  const early: Metric[] = [];
  const last: Metric[] = [];
  for (const [key, points] of byKey) {
    points.sort(compareMetricPoints);
    const newest = points[points.length - 1] as Metric;
    const previous = known.latestMetrics.get(key);
    if (previous !== undefined && compareMetricPoints(previous, newest) > 0) {
      early.push(...points);
      last.push(previous);
    } else {
      early.push(...points.slice(0, -1));
      last.push(newest);
    }
  }
  return { early, last };
}

/**
 * Posts metric points to a run with at most `ctx.concurrency` requests in flight (one request per
 * point; see {@link planMetricPosts}) and updates the store's knowledge of the run.
 * @internal
 */
export async function postMetrics(
  ctx: StoreContext,
  known: KnownRun,
  metrics: readonly Metric[],
): Promise<void> {
  if (metrics.length === 0) return;
  await ensureMetricState(ctx, known, "logMetric");
  const { early, last } = planMetricPosts(known, metrics);
  const lastByKey = new Map(last.map((metric) => [metric.key, metric]));
  const earlyByKey = new Map<string, Metric[]>();
  for (const metric of early) {
    const list = earlyByKey.get(metric.key);
    if (list) list.push(metric);
    else earlyByKey.set(metric.key, [metric]);
  }
  const pending = new Map<string, number>();
  for (const [key, list] of earlyByKey) pending.set(key, list.length);
  const ready = [...lastByKey.values()].filter((metric) => !pending.has(metric.key));
  const queue: Metric[] = [...early, ...ready];
  if (known.postedPoints.size > MAX_REMEMBERED_POINTS) known.postedPoints.clear();
  // A key's latest point is queued only once all its other points are persisted.
  let index = 0;
  let failure: { error: unknown } | undefined;
  const inFlight = new Set<Promise<void>>();
  const launch = (metric: Metric): void => {
    const task = postPoint(ctx, known.runId, metric).then(
      () => {
        known.postedPoints.add(metricPointKey(metric));
        const remaining = pending.get(metric.key);
        if (remaining !== undefined && lastByKey.get(metric.key) !== metric) {
          if (remaining <= 1) {
            pending.delete(metric.key);
            const newest = lastByKey.get(metric.key);
            if (newest) queue.push(newest);
          } else {
            pending.set(metric.key, remaining - 1);
          }
        }
        const seen = known.latestMetrics.get(metric.key);
        if (seen === undefined || compareMetricPoints(metric, seen) > 0)
          known.latestMetrics.set(metric.key, metric);
      },
      (error: unknown) => {
        failure ??= { error };
      },
    );
    inFlight.add(task);
    void task.finally(() => inFlight.delete(task));
  };
  while (failure === undefined && (index < queue.length || inFlight.size > 0)) {
    while (failure === undefined && index < queue.length && inFlight.size < ctx.concurrency) {
      launch(queue[index++] as Metric);
    }
    if (inFlight.size > 0) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  if (failure !== undefined) throw failure.error;
}
