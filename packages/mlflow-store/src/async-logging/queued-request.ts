import { MlflowError } from "../mlflow-error.js";
import type { KeyValue, Metric } from "../types.js";
import { createDeferred, type Deferred } from "./deferred.js";
import {
  type BatchLimits,
  batchSize,
  duplicateParamKeys,
  type FullBatch,
  fits,
  splitBatch,
} from "./split-batch.js";

/**
 * One `logBatchAsync` call. Kept small, since a queue may hold thousands of one-point requests:
 * its promises are made only when someone asks for them.
 * @internal
 */
export interface Request {
  readonly runId: string;
  /** Metrics + params + tags. */
  readonly size: number;
  /** Estimated heap bytes the queue holds for it (see {@link estimateBytes}). */
  readonly bytes: number;
  /** The request in calls within the batch limits (empty when refused). */
  readonly units: readonly FullBatch[];
  unsettledUnits: number;
  /** Settles `accepted` once the request is admitted (absent when it was admitted at once). */
  admission: Deferred<void> | undefined;
  /** Made when `wait()` or a drain asks for it. */
  done: Deferred<void> | undefined;
  settled: boolean;
  error: unknown;
  /** `wait()` was called: its caller sees the failure, so flush need not report it. */
  observed: boolean;
}

/** A part of a request that fits in one `logBatch` call. @internal */
export interface Unit {
  readonly request: Request;
  readonly batch: FullBatch;
}

/** Items by kind of a request, for reports. @internal */
export function countsOf(request: Request): { metrics: number; params: number; tags: number } {
  let metrics = 0;
  let params = 0;
  let tags = 0;
  for (const unit of request.units) {
    metrics += unit.metrics.length;
    params += unit.params.length;
    tags += unit.tags.length;
  }
  return { metrics, params, tags };
}

/**
 * Heap bytes the queue holds for a request, estimated from what V8 allocates (measured on Node
 * 20; the bench's queue-memory section checks the estimate against the heap): the request and its
 * bookkeeping, plus per item its object and strings (two bytes a character, so the estimate errs
 * high for ASCII). Strings the caller shares between points (the same key) are counted each time.
 * @internal
 */
export const BYTES_PER_REQUEST = 300;
const BYTES_PER_METRIC = 120;
const BYTES_PER_KEY_VALUE = 80;

function textBytes(text: unknown): number {
  return typeof text === "string" ? 16 + 2 * text.length : 16;
}

/** The estimated heap bytes of a request holding `batch` (see {@link BYTES_PER_REQUEST}). @internal */
export function estimateBytes(batch: FullBatch): number {
  let bytes = BYTES_PER_REQUEST;
  for (const metric of batch.metrics) bytes += BYTES_PER_METRIC + textBytes(metric.key);
  for (const list of [batch.params, batch.tags]) {
    for (const item of list)
      bytes += BYTES_PER_KEY_VALUE + textBytes(item.key) + textBytes(item.value);
  }
  return bytes;
}

/** Builds a request, split within `limits` (an oversized request with duplicate param keys is rejected as MLflow does). @internal */
export function createRequest(runId: string, batch: FullBatch, limits: BatchLimits): Request {
  const size = batchSize(batch);
  let units = size === 0 ? [] : splitBatch(batch, limits);
  let error: unknown;
  if (units.length > 1) {
    const duplicates = duplicateParamKeys(batch.params);
    if (duplicates.length > 0) {
      // Split across calls, the store could not see the duplicates: reject as MLflow would.
      error = MlflowError.invalidParameterValue(
        `Duplicate parameter keys have been submitted: [${duplicates.map((k) => `'${k}'`).join(", ")}]. Please ensure the request contains only one param value per param key.`,
      );
      units = [];
    }
  }
  return {
    runId,
    size: units.length === 0 ? 0 : size,
    bytes: units.length === 0 ? 0 : estimateBytes(batch),
    units,
    unsettledUnits: units.length,
    admission: undefined,
    done: undefined,
    settled: false,
    error,
    observed: false,
  };
}

/** The promise of a request's outcome (made on first use). @internal */
export function outcomeOf(request: Request): Promise<void> {
  if (request.done === undefined) {
    request.done = createDeferred<void>();
    if (request.settled) {
      if (request.error === undefined) request.done.resolve();
      else request.done.reject(request.error);
    }
  }
  return request.done.promise;
}

/** Settles a request's outcome. @internal */
export function settleRequest(request: Request, error: unknown): void {
  request.settled = true;
  if (error !== undefined && request.error === undefined) request.error = error;
  if (request.done === undefined) return;
  if (request.error === undefined) request.done.resolve();
  else request.done.reject(request.error);
}

/** Kinds of items a call may not carry (their order across calls of a run matters). @internal */
export interface HeldKinds {
  readonly params: boolean;
  readonly tags: boolean;
}

/** True for a batch with items of a held kind. @internal */
export function carriesHeld(batch: FullBatch, held: HeldKinds): boolean {
  return (held.params && batch.params.length > 0) || (held.tags && batch.tags.length > 0);
}

/**
 * Takes the leading units of a run's queue that fit together in one call, stopping at a unit
 * that carries a `held` kind (one of the run's calls in flight carries it).
 * @internal
 */
export function takeMergeable(
  queue: Unit[],
  limits: BatchLimits,
  held: HeldKinds = { params: false, tags: false },
): Unit[] {
  const first = queue[0];
  if (first === undefined || carriesHeld(first.batch, held)) return [];
  queue.shift();
  const taken: Unit[] = [first];
  const standalone = (unit: Unit) =>
    unit.batch.params.length > 1 && duplicateParamKeys(unit.batch.params).length > 0;
  if (standalone(first)) return taken;
  const merged: FullBatch = {
    metrics: [...first.batch.metrics],
    params: [...first.batch.params],
    tags: [...first.batch.tags],
  };
  const paramKeys = new Set(merged.params.map((p) => p.key));
  while (queue.length > 0) {
    const next = queue[0] as Unit;
    if (carriesHeld(next.batch, held)) break;
    if (standalone(next) || next.batch.params.some((p) => paramKeys.has(p.key))) break;
    if (
      !fits(
        {
          metrics: sized(merged.metrics.length + next.batch.metrics.length),
          params: sized(merged.params.length + next.batch.params.length),
          tags: sized(merged.tags.length + next.batch.tags.length),
        },
        limits,
      )
    ) {
      break;
    }
    queue.shift();
    taken.push(next);
    append(merged.metrics, next.batch.metrics);
    append(merged.params, next.batch.params);
    append(merged.tags, next.batch.tags);
    for (const p of next.batch.params) paramKeys.add(p.key);
  }
  return taken;
}

function append<T>(to: T[], items: readonly T[]): void {
  for (const item of items) to.push(item);
}

/** A stand-in list of `length` items, for limit checks. */
function sized(length: number): never[] {
  return { length } as never[];
}

/** One batch with the items of `units`, in order. @internal */
export function merge(units: readonly Unit[]): FullBatch {
  if (units.length === 1) return (units[0] as Unit).batch;
  const metrics: Metric[] = [];
  const params: KeyValue[] = [];
  const tags: KeyValue[] = [];
  for (const unit of units) {
    append(metrics, unit.batch.metrics);
    append(params, unit.batch.params);
    append(tags, unit.batch.tags);
  }
  return { metrics, params, tags };
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
