import type { KeyValue, Metric } from "@model-registry/mlflow-store";

/** One `log_batch` call's content. */
export interface Batch {
  readonly metrics: readonly Metric[];
  readonly params: readonly KeyValue[];
  readonly tags: readonly KeyValue[];
}

/** MLflow's per-call limits of `log_batch`. */
export const LIMITS = { metrics: 1000, params: 100, tags: 100, total: 1000 } as const;

/**
 * How MLflow's Python client splits one `log_batch` beyond the limits: params and tags first, in
 * chunks, each topped up with metrics to the total limit; then the remaining metrics in chunks.
 */
export function splitLikeMlflowClient(batch: Batch): Batch[] {
  const fits =
    batch.metrics.length <= LIMITS.metrics &&
    batch.params.length <= LIMITS.params &&
    batch.tags.length <= LIMITS.tags &&
    batch.metrics.length + batch.params.length + batch.tags.length <= LIMITS.total;
  if (fits) return [batch];
  const out: Batch[] = [];
  let m = 0;
  const chunks = Math.max(
    Math.ceil(batch.params.length / LIMITS.params),
    Math.ceil(batch.tags.length / LIMITS.tags),
  );
  for (let i = 0; i < chunks; i++) {
    const p = batch.params.slice(i * LIMITS.params, (i + 1) * LIMITS.params);
    const t = batch.tags.slice(i * LIMITS.tags, (i + 1) * LIMITS.tags);
    const room = Math.max(0, Math.min(LIMITS.total - p.length - t.length, LIMITS.metrics));
    out.push({ metrics: batch.metrics.slice(m, m + room), params: p, tags: t });
    m += room;
  }
  for (; m < batch.metrics.length; m += LIMITS.metrics) {
    out.push({ metrics: batch.metrics.slice(m, m + LIMITS.metrics), params: [], tags: [] });
  }
  return out;
}

/**
 * How an async logging queue merges consecutive requests of one run: a request joins the current
 * batch while the batch stays within MLflow's limits, otherwise it starts the next one. This is
 * the best case for the plugin: the fewest `log_batch` calls.
 */
export function mergeLikeAsyncQueue(requests: readonly Batch[]): Batch[] {
  const out: { metrics: Metric[]; params: KeyValue[]; tags: KeyValue[] }[] = [];
  for (const request of requests) {
    const last = out.at(-1);
    const fits =
      last !== undefined &&
      last.metrics.length + request.metrics.length <= LIMITS.metrics &&
      last.params.length + request.params.length <= LIMITS.params &&
      last.tags.length + request.tags.length <= LIMITS.tags &&
      last.metrics.length +
        last.params.length +
        last.tags.length +
        request.metrics.length +
        request.params.length +
        request.tags.length <=
        LIMITS.total;
    if (last && fits) {
      last.metrics.push(...request.metrics);
      last.params.push(...request.params);
      last.tags.push(...request.tags);
    } else {
      out.push({
        metrics: [...request.metrics],
        params: [...request.params],
        tags: [...request.tags],
      });
    }
  }
  return out;
}

/** Requests the plugin's `log_batch` makes: GET run + PATCH tags + one POST per metric and param. */
export function pluginLogBatchRequests(batch: Batch): number {
  return 2 + batch.metrics.length + batch.params.length;
}
