import { compareMetricPoints, metricPointKey, toMetricCreate } from "../mapping/metric.js";
import type { MlflowError } from "../mlflow-error.js";
import type { KnownRun, StoreContext } from "../store-context.js";
import type { Metric } from "../types.js";
import { confusableNames, knowsArtifact, postRunArtifact } from "./post-run-artifact.js";
import { ensureMetricState } from "./run-artifacts.js";

const MAX_REMEMBERED_POINTS = 100_000;
/** Attempts per metric point: the registry answers 500 when two points of one key land in the same millisecond. */
const METRIC_ATTEMPTS = 3;

/** Posts one metric point (retrying a 500: the registry answers it when two points of one key land in the same millisecond). */
async function postPoint(ctx: StoreContext, known: KnownRun, metric: Metric): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await postRunArtifact(ctx, known, toMetricCreate(metric), "logMetric");
      return;
    } catch (error) {
      if ((error as MlflowError).errorCode !== "INTERNAL_ERROR" || attempt >= METRIC_ATTEMPTS) {
        throw error;
      }
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

/** A counting semaphore: at most `limit` tasks run at once. */
function createLimiter(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await task();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

/**
 * Posts metric points to a run (see {@link planMetricPosts}) with at most `ctx.concurrency`
 * requests in flight and updates the store's knowledge of the run. Per key, the point that
 * creates the registry artifact goes alone (later ones update it by id), then the other points
 * concurrently, then the latest.
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
  if (known.postedPoints.size > MAX_REMEMBERED_POINTS) known.postedPoints.clear();
  const limit = createLimiter(ctx.concurrency);
  const post = async (metric: Metric): Promise<void> => {
    await limit(() => postPoint(ctx, known, metric));
    known.postedPoints.add(metricPointKey(metric));
    const seen = known.latestMetrics.get(metric.key);
    if (seen === undefined || compareMetricPoints(metric, seen) > 0) {
      known.latestMetrics.set(metric.key, metric);
    }
  };
  const earlyByKey = new Map<string, Metric[]>();
  for (const metric of early) {
    const list = earlyByKey.get(metric.key);
    if (list) list.push(metric);
    else earlyByKey.set(metric.key, [metric]);
  }
  // New keys the registry's name lookup would confuse with each other are created one at a time,
  // so each sees the others and is created safely (see postRunArtifact).
  const newKeys = last.map((m) => m.key).filter((key) => !knowsArtifact(known, "metric", key));
  const confusable = confusableNames(newKeys);
  let creations: Promise<unknown> = Promise.resolve();
  const create = (metric: Metric): Promise<void> => {
    if (!confusable.has(metric.key)) return post(metric);
    const turn = creations.then(() => post(metric));
    creations = turn.catch(() => undefined);
    return turn;
  };
  const results = await Promise.allSettled(
    last.map(async (newest) => {
      const points = earlyByKey.get(newest.key) ?? [];
      if (knowsArtifact(known, "metric", newest.key)) {
        await Promise.all(points.map(post));
        await post(newest);
        return;
      }
      const [first, ...rest] = points;
      await create(first ?? newest);
      await Promise.all(rest.map(post));
      if (first !== undefined) await post(newest);
    }),
  );
  const failure = results.find(
    (result): result is PromiseRejectedResult => result.status === "rejected",
  );
  if (failure) throw failure.reason;
}
