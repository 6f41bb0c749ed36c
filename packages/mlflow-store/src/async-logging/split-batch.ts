import type { KeyValue, LogBatchInput, Metric } from "../types.js";

/** Per-call limits of one `logBatch` request. @public */
export interface BatchLimits {
  /** @default 1000 */
  metrics: number;
  /** @default 100 */
  params: number;
  /** @default 100 */
  tags: number;
  /** Metrics, params and tags together. @default 1000 */
  total: number;
}

/** MLflow's `logBatch` limits (MAX_METRICS_PER_BATCH, MAX_PARAMS_TAGS_PER_BATCH, MAX_ENTITIES_PER_BATCH). @public */
export const MLFLOW_BATCH_LIMITS: Readonly<BatchLimits> = Object.freeze({
  metrics: 1000,
  params: 100,
  tags: 100,
  total: 1000,
});

/** A batch whose three lists are always present. @internal */
export interface FullBatch {
  metrics: Metric[];
  params: KeyValue[];
  tags: KeyValue[];
}

/** Shared by batches without items of a kind (never mutated: merged batches are new arrays). */
const NONE: never[] = Object.freeze([]) as never[];

/** A copy of the caller's lists (an empty or missing one is shared). @internal */
export function toFullBatch(batch: LogBatchInput): FullBatch {
  const copy = <T>(list: readonly T[] | undefined): T[] =>
    list === undefined || list.length === 0 ? NONE : [...list];
  return { metrics: copy(batch.metrics), params: copy(batch.params), tags: copy(batch.tags) };
}

/** @internal */
export function batchSize(batch: FullBatch): number {
  return batch.metrics.length + batch.params.length + batch.tags.length;
}

/** Limits no larger than MLflow's, whatever the caller asked for. @internal */
export function resolveBatchLimits(requested: Partial<BatchLimits> | undefined): BatchLimits {
  const pick = (key: keyof BatchLimits): number => {
    const value = requested?.[key];
    const max = MLFLOW_BATCH_LIMITS[key];
    if (value === undefined) return max;
    if (!Number.isInteger(value) || value < 1) {
      throw new RangeError(
        `[@model-registry/mlflow-store] maxBatchItems.${key} must be a positive integer`,
      );
    }
    return Math.min(value, max);
  };
  return {
    metrics: pick("metrics"),
    params: pick("params"),
    tags: pick("tags"),
    total: pick("total"),
  };
}

/**
 * Splits one batch into batches within `limits`, the way MLflow's client does: params and tags go
 * first, paired in chunks, each chunk topped up with metrics to the total limit; the remaining
 * metrics follow in chunks. A batch already within the limits is returned as is.
 * @internal
 */
export function splitBatch(batch: FullBatch, limits: BatchLimits): FullBatch[] {
  if (fits(batch, limits)) return [batch];
  const chunks: FullBatch[] = [];
  let p = 0;
  let t = 0;
  let m = 0;
  while (p < batch.params.length || t < batch.tags.length) {
    const params = batch.params.slice(p, p + Math.min(limits.params, limits.total));
    p += params.length;
    const tags = batch.tags.slice(t, t + Math.min(limits.tags, limits.total - params.length));
    t += tags.length;
    const room = Math.min(limits.metrics, limits.total - params.length - tags.length);
    const metrics = batch.metrics.slice(m, m + room);
    m += metrics.length;
    chunks.push({ metrics, params, tags });
  }
  const metricChunk = Math.min(limits.metrics, limits.total);
  while (m < batch.metrics.length) {
    chunks.push({ metrics: batch.metrics.slice(m, m + metricChunk), params: [], tags: [] });
    m += metricChunk;
  }
  return chunks;
}

/** True when `batch` respects every limit. @internal */
export function fits(batch: FullBatch, limits: BatchLimits): boolean {
  return (
    batch.metrics.length <= limits.metrics &&
    batch.params.length <= limits.params &&
    batch.tags.length <= limits.tags &&
    batchSize(batch) <= limits.total
  );
}

/** Param keys logged more than once in `params`. @internal */
export function duplicateParamKeys(params: readonly KeyValue[]): string[] {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const { key } of params) {
    if (seen.has(key)) duplicates.add(key);
    seen.add(key);
  }
  return [...duplicates];
}
