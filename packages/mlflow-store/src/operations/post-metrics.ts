import { compareMetricPoints, metricPointKey, toMetricCreate } from "../mapping/metric.js";
import type { KnownRun, StoreContext } from "../store-context.js";
import type { Metric } from "../types.js";
import { metricPointLanded } from "./find-written.js";
import { confusableNames, knowsArtifact, postRunArtifact } from "./post-run-artifact.js";
import { ensureMetricState } from "./run-artifacts.js";

/** Identity keys of posted points remembered per run (the oldest are forgotten first). */
const MAX_REMEMBERED_POINTS = 100_000;

/**
 * Posts one metric point exactly once: every post adds a metric-history record, so after a
 * failure whose outcome is unknown (a lost answer, a timeout, a 5xx — also the registry's 500 when
 * two points of one key land in the same millisecond) the history is read to see whether it
 * landed before posting again. A point whose outcome is still unknown when attempts run out is
 * remembered, and looked up first the next time it is logged.
 */
async function postPoint(ctx: StoreContext, known: KnownRun, metric: Metric): Promise<void> {
  const id = metricPointKey(metric);
  await postRunArtifact(ctx, known, toMetricCreate(metric), "logMetric", {
    landed: () => metricPointLanded(ctx, known.runId, metric, "logMetric"),
    uncertain: known.uncertainPoints?.has(id) === true,
    onUncertainFailure: () => {
      known.uncertainPoints ??= new Set();
      remember(known.uncertainPoints, id);
    },
  });
  known.uncertainPoints?.delete(id);
}

/** Adds `id` to a set of point identities, forgetting the oldest beyond {@link MAX_REMEMBERED_POINTS}. */
function remember(points: Set<string>, id: string): void {
  points.add(id);
  while (points.size > MAX_REMEMBERED_POINTS) {
    const oldest = points.values().next();
    if (oldest.done) break;
    points.delete(oldest.value);
  }
}

/** Records a point that landed: never posted again, and the key's latest point as MLflow orders them. */
function rememberLanded(known: KnownRun, metric: Metric): void {
  remember(known.postedPoints, metricPointKey(metric));
  const seen = known.latestMetrics.get(metric.key);
  if (seen === undefined || compareMetricPoints(metric, seen) > 0) {
    known.latestMetrics.set(metric.key, metric);
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
 * concurrently, then the latest — and only when every earlier point of the key landed, so the
 * registry's metric artifact ends with MLflow's latest point whatever failed.
 *
 * Exactly once: every request is settled before this returns or throws (no post is left in
 * flight), each point that landed is remembered and never posted again, so repeating the call
 * after a failure posts exactly the points that did not land. Calls for one run are serialised,
 * so two callers never interleave their posts of one key. Throws the first failure.
 * @internal
 */
export async function postMetrics(
  ctx: StoreContext,
  known: KnownRun,
  metrics: readonly Metric[],
): Promise<void> {
  if (metrics.length === 0) return;
  await ctx.exclusive(`metrics:${known.runId}`, () => postMetricsNow(ctx, known, metrics));
}

async function postMetricsNow(
  ctx: StoreContext,
  known: KnownRun,
  metrics: readonly Metric[],
): Promise<void> {
  await ensureMetricState(ctx, known, "logMetric");
  const { early, last } = planMetricPosts(known, metrics);
  const limit = createLimiter(ctx.concurrency);
  const failures: unknown[] = [];
  /** Posts one point; never rejects: false when it did not land (the failure is collected). */
  const post = async (metric: Metric): Promise<boolean> => {
    try {
      await limit(() => postPoint(ctx, known, metric));
    } catch (error) {
      failures.push(error);
      return false;
    }
    rememberLanded(known, metric);
    return true;
  };
  const postAll = async (points: readonly Metric[]): Promise<boolean> =>
    (await Promise.all(points.map(post))).every(Boolean);
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
  const create = (metric: Metric): Promise<boolean> => {
    if (!confusable.has(metric.key)) return post(metric);
    const turn = creations.then(() => post(metric));
    creations = turn;
    return turn;
  };
  await Promise.all(
    last.map(async (newest) => {
      const points = earlyByKey.get(newest.key) ?? [];
      if (knowsArtifact(known, "metric", newest.key)) {
        if (await postAll(points)) await post(newest);
        return;
      }
      const [first, ...rest] = points;
      if (!(await create(first ?? newest))) return;
      if (first !== undefined && (await postAll(rest))) await post(newest);
    }),
  );
  if (failures.length > 0) throw failures[0];
}
