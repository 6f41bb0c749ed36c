import { MlflowError } from "../mlflow-error.js";
import { createDeferred, type Deferred } from "./deferred.js";
import {
  type BatchLimits,
  batchSize,
  duplicateParamKeys,
  type FullBatch,
  fits,
  splitBatch,
} from "./split-batch.js";

/** One `logBatchAsync` call and its promises. @internal */
export interface Request {
  readonly runId: string;
  readonly size: number;
  /** Items by kind, for reports. */
  readonly counts: { metrics: number; params: number; tags: number };
  readonly accepted: Deferred<void>;
  readonly done: Deferred<void>;
  readonly units: FullBatch[];
  unsettledUnits: number;
  error: unknown;
  /** `wait()` was called: its caller sees the failure, so flush need not report it. */
  observed: boolean;
}

/** A part of a request that fits in one `logBatch` call. @internal */
export interface Unit {
  readonly request: Request;
  readonly batch: FullBatch;
}

/** Builds a request, split within `limits` (an oversized request with duplicate param keys is rejected as MLflow does). @internal */
export function createRequest(runId: string, batch: FullBatch, limits: BatchLimits): Request {
  const size = batchSize(batch);
  let units = size === 0 ? [] : splitBatch(batch, limits);
  let error: unknown;
  const duplicates = duplicateParamKeys(batch.params);
  if (units.length > 1 && duplicates.length > 0) {
    // Split across calls, the store could not see the duplicates: reject as MLflow would.
    error = MlflowError.invalidParameterValue(
      `Duplicate parameter keys have been submitted: [${duplicates.map((k) => `'${k}'`).join(", ")}]. Please ensure the request contains only one param value per param key.`,
    );
    units = [];
  }
  return {
    runId,
    size,
    counts: {
      metrics: batch.metrics.length,
      params: batch.params.length,
      tags: batch.tags.length,
    },
    accepted: createDeferred<void>(),
    done: createDeferred<void>(),
    units,
    unsettledUnits: units.length,
    error,
    observed: false,
  };
}

/** Takes the leading units of a run's queue that fit together in one call. */
export function takeMergeable(queue: Unit[], limits: BatchLimits): Unit[] {
  const taken: Unit[] = [queue.shift()!];
  const merged = merge(taken);
  const paramKeys = new Set(merged.params.map((p) => p.key));
  const standalone = (unit: Unit) => duplicateParamKeys(unit.batch.params).length > 0;
  if (standalone(taken[0]!)) return taken;
  while (queue.length > 0) {
    const next = queue[0]!;
    if (standalone(next) || next.batch.params.some((p) => paramKeys.has(p.key))) break;
    const candidate: FullBatch = {
      metrics: [...merged.metrics, ...next.batch.metrics],
      params: [...merged.params, ...next.batch.params],
      tags: [...merged.tags, ...next.batch.tags],
    };
    if (!fits(candidate, limits)) break;
    queue.shift();
    taken.push(next);
    merged.metrics = candidate.metrics;
    merged.params = candidate.params;
    merged.tags = candidate.tags;
    for (const p of next.batch.params) paramKeys.add(p.key);
  }
  return taken;
}

/** One batch with the items of `units`, in order. @internal */
export function merge(units: readonly Unit[]): FullBatch {
  return {
    metrics: units.flatMap((u) => u.batch.metrics),
    params: units.flatMap((u) => u.batch.params),
    tags: units.flatMap((u) => u.batch.tags),
  };
}

/** The error `flush()` rejects with for `failed` requests. @internal */
export function combineFailures(failed: Request[]): unknown {
  if (failed.length === 1) return failed[0]!.error;
  const errors = failed.map((request) => request.error);
  const runs = [...new Set(failed.map((request) => request.runId))].join(", ");
  const first = errors[0];
  const firstMessage = first instanceof Error ? first.message : String(first);
  const code =
    typeof first === "object" && first !== null && "errorCode" in first
      ? String(first.errorCode)
      : "INTERNAL_ERROR";
  return new MlflowError(
    `${failed.length} async logging requests failed (runs: ${runs}). First failure: ${firstMessage}`,
    code,
    { cause: new AggregateError(errors, "async logging failures") },
  );
}
