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

/** Requests the plugin's `log_batch` makes: GET run + PATCH tags + one POST per metric and param. */
export function pluginLogBatchRequests(batch: Batch): number {
  return 2 + batch.metrics.length + batch.params.length;
}
