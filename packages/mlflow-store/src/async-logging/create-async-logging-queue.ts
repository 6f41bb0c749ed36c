import { MlflowError } from "../mlflow-error.js";
import type { AsyncLoggingHandle, LogBatchInput } from "../types.js";
import { createDeferred, type Deferred } from "./deferred.js";
import { isTransientLoggingError } from "./is-transient-logging-error.js";
import {
  type BatchLimits,
  batchSize,
  duplicateParamKeys,
  type FullBatch,
  fits,
  resolveBatchLimits,
  splitBatch,
  toFullBatch,
} from "./split-batch.js";

/** How the queue retries a batch that failed transiently. @public */
export interface AsyncLoggingRetryOptions {
  /** Attempts per batch, the first included. @default 4 */
  maxAttempts?: number;
  /** Delay before the second attempt; doubles for each further one. @default 250 */
  baseDelayMs?: number;
  /** Ceiling of one delay. @default 5000 */
  maxDelayMs?: number;
  /** No new attempt starts this long after the first one. @default 30000 */
  maxElapsedMs?: number;
  /** Which failures are worth another attempt. @default isTransientLoggingError */
  isRetryable?: (error: unknown) => boolean;
}

/** Options of {@link createAsyncLoggingQueue}. @public */
export interface AsyncLoggingQueueOptions {
  /** Persists one batch of one run; the store's `logBatch`. */
  logBatch: (runId: string, batch: LogBatchInput) => Promise<void>;
  /**
   * Metrics + params + tags admitted and not yet persisted. Requests beyond it wait, in order,
   * until room frees up (see {@link AsyncLoggingHandle.accepted}). A single request larger than
   * the bound is admitted alone when the queue is empty.
   * @default 10000
   */
  maxQueuedItems?: number;
  /** Limits of each `logBatch` call; each is capped at MLflow's (1000 / 100 / 100 / 1000 total). */
  maxBatchItems?: Partial<BatchLimits>;
  /** Runs whose batches are in flight at the same time (one batch per run at a time). @default 4 */
  concurrency?: number;
  /** Retry of transient failures, or `false` for none. @default {} (the defaults above) */
  retry?: false | AsyncLoggingRetryOptions;
  /** Clock in ms, for `retry.maxElapsedMs`. @default Date.now */
  now?: () => number;
  /** Waits between attempts. @default a setTimeout-based sleep */
  sleep?: (ms: number) => Promise<void>;
}

/**
 * A bounded, batching, retrying queue in front of `logBatch`: MLflow's async logging.
 *
 * - `logBatchAsync` returns at once with a handle; `handle.wait()` resolves when the items are
 *   persisted and rejects with the error that stopped them.
 * - Errors surface exactly once: through `wait()` when it was called, otherwise through the next
 *   `flush()`, `end()` or `shutDown()` (and the exit hook, see `registerAsyncLoggingExitHook`).
 * @public
 */
export interface AsyncLoggingQueue {
  logBatchAsync(runId: string, batch: LogBatchInput): AsyncLoggingHandle;
  /** Resolves when everything logged before the call is persisted; rejects with unreported failures. */
  flush(): Promise<void>;
  /**
   * Ends the current logging session: drains like `flush()` and leaves the queue idle. A later
   * `logBatchAsync` starts a new session, as MLflow's store re-activates its queue on demand.
   */
  end(): Promise<void>;
  /** Drains and stops, like `end()`; MLflow's blocking `shut_down_async_logging`. */
  shutDown(): Promise<void>;
  /** Requests logged and not settled yet (queued, waiting for room, or in flight). */
  readonly pending: number;
}

interface Request {
  readonly runId: string;
  readonly size: number;
  readonly accepted: Deferred<void>;
  readonly done: Deferred<void>;
  readonly units: FullBatch[];
  unsettledUnits: number;
  error: unknown;
  /** `wait()` was called: its caller sees the failure, so flush need not report it. */
  observed: boolean;
}

interface Unit {
  readonly request: Request;
  readonly batch: FullBatch;
}

const DEFAULT_MAX_QUEUED_ITEMS = 10_000;
const DEFAULT_CONCURRENCY = 4;

const defaultSleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

/**
 * Creates MLflow-style async logging over `logBatch`.
 *
 * Backpressure: JavaScript cannot block the caller, so `logBatchAsync` never throws for a full
 * queue. Its handle's `accepted` promise resolves once the request is inside the bounded queue;
 * producers that `await handle.accepted` before logging more are throttled to the registry's pace.
 * Requests not yet admitted are kept, in order, and logged like the others.
 *
 * Batching: consecutive requests of one run are merged into one `logBatch` call within the batch
 * limits (a request whose param keys already occur in the merged batch starts a new call, so
 * MLflow's duplicate-key rule applies per request). A request over the limits is split the way
 * MLflow's client splits it. Per run, calls are sent one at a time in logging order; different
 * runs proceed concurrently.
 *
 * Failures: transient failures are retried with capped exponential backoff. When a merged call
 * fails permanently, its requests are resent one by one so that only the faulty request fails.
 * Resending is safe because params are write-once (same value accepted), tags are upserts and the
 * store does not duplicate identical metric points.
 * @public
 */
export function createAsyncLoggingQueue(options: AsyncLoggingQueueOptions): AsyncLoggingQueue {
  const limits = resolveBatchLimits(options.maxBatchItems);
  const maxQueuedItems = positiveInteger(
    options.maxQueuedItems,
    DEFAULT_MAX_QUEUED_ITEMS,
    "maxQueuedItems",
  );
  const concurrency = positiveInteger(options.concurrency, DEFAULT_CONCURRENCY, "concurrency");
  const retry = resolveRetry(options.retry);
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;

  const unsettled = new Set<Request>();
  const waiting: Request[] = [];
  const perRun = new Map<string, Unit[]>();
  const busyRuns = new Set<string>();
  const unreported: Request[] = [];
  let queuedItems = 0;
  let pumpScheduled = false;

  function logBatchAsync(runId: string, batch: LogBatchInput): AsyncLoggingHandle {
    const request = createRequest(runId, toFullBatch(batch), limits);
    const handle: AsyncLoggingHandle = {
      accepted: request.accepted.promise,
      wait: () => {
        request.observed = true;
        const index = unreported.indexOf(request);
        if (index >= 0) unreported.splice(index, 1);
        return request.done.promise;
      },
    };
    if (request.units.length === 0) {
      request.accepted.resolve();
      if (request.error === undefined) request.done.resolve();
      else fail(request, request.error);
      return handle;
    }
    unsettled.add(request);
    waiting.push(request);
    admitWaiting();
    return handle;
  }

  function admitWaiting(): void {
    let admitted = false;
    while (waiting.length > 0) {
      const next = waiting[0]!;
      if (queuedItems > 0 && queuedItems + next.size > maxQueuedItems) break;
      waiting.shift();
      queuedItems += next.size;
      const queue = perRun.get(next.runId) ?? [];
      for (const batch of next.units) queue.push({ request: next, batch });
      perRun.set(next.runId, queue);
      next.accepted.resolve();
      admitted = true;
    }
    if (admitted) schedulePump();
  }

  function schedulePump(): void {
    if (pumpScheduled) return;
    pumpScheduled = true;
    queueMicrotask(() => {
      pumpScheduled = false;
      pump();
    });
  }

  function pump(): void {
    for (const [runId, queue] of perRun) {
      if (busyRuns.size >= concurrency) return;
      if (busyRuns.has(runId) || queue.length === 0) continue;
      busyRuns.add(runId);
      const units = takeMergeable(queue, limits);
      if (queue.length === 0) perRun.delete(runId);
      void send(runId, units).finally(() => {
        busyRuns.delete(runId);
        schedulePump();
      });
    }
  }

  async function send(runId: string, units: Unit[]): Promise<void> {
    const error = await attempt(runId, merge(units));
    if (error === undefined) {
      for (const unit of units) settleUnit(unit, undefined);
      return;
    }
    if (units.length === 1) {
      settleUnit(units[0]!, error);
      return;
    }
    for (const unit of units) settleUnit(unit, await attempt(runId, unit.batch));
  }

  /** Sends one batch with retries; resolves to the final error, or undefined on success. */
  async function attempt(runId: string, batch: FullBatch): Promise<unknown> {
    const started = now();
    for (let attemptNo = 1; ; attemptNo++) {
      try {
        await options.logBatch(runId, {
          metrics: batch.metrics,
          params: batch.params,
          tags: batch.tags,
        });
        return undefined;
      } catch (error) {
        if (!retry || attemptNo >= retry.maxAttempts || !retry.isRetryable(error)) return error;
        const delay = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attemptNo - 1));
        if (now() - started + delay > retry.maxElapsedMs) return error;
        await sleep(delay);
      }
    }
  }

  function settleUnit(unit: Unit, error: unknown): void {
    const { request } = unit;
    queuedItems -= batchSize(unit.batch);
    if (error !== undefined && request.error === undefined) request.error = error;
    request.unsettledUnits -= 1;
    if (request.unsettledUnits === 0) {
      unsettled.delete(request);
      if (request.error === undefined) request.done.resolve();
      else fail(request, request.error);
    }
    admitWaiting();
  }

  function fail(request: Request, error: unknown): void {
    if (!request.observed) unreported.push(request);
    request.done.reject(error);
  }

  async function drain(): Promise<void> {
    await Promise.allSettled([...unsettled].map((request) => request.done.promise));
    const failed = unreported.splice(0, unreported.length);
    if (failed.length === 0) return;
    throw combineFailures(failed);
  }

  return {
    logBatchAsync,
    flush: drain,
    end: drain,
    shutDown: drain,
    get pending() {
      return unsettled.size;
    },
  };
}

function createRequest(runId: string, batch: FullBatch, limits: BatchLimits): Request {
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
    accepted: createDeferred<void>(),
    done: createDeferred<void>(),
    units,
    unsettledUnits: units.length,
    error,
    observed: false,
  };
}

/** Takes the leading units of a run's queue that fit together in one call. */
function takeMergeable(queue: Unit[], limits: BatchLimits): Unit[] {
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

function merge(units: readonly Unit[]): FullBatch {
  return {
    metrics: units.flatMap((u) => u.batch.metrics),
    params: units.flatMap((u) => u.batch.params),
    tags: units.flatMap((u) => u.batch.tags),
  };
}

function combineFailures(failed: Request[]): unknown {
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

interface ResolvedRetry {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  maxElapsedMs: number;
  isRetryable: (error: unknown) => boolean;
}

function resolveRetry(retry: false | AsyncLoggingRetryOptions | undefined): ResolvedRetry | false {
  if (retry === false) return false;
  return {
    maxAttempts: positiveInteger(retry?.maxAttempts, 4, "retry.maxAttempts"),
    baseDelayMs: retry?.baseDelayMs ?? 250,
    maxDelayMs: retry?.maxDelayMs ?? 5_000,
    maxElapsedMs: retry?.maxElapsedMs ?? 30_000,
    isRetryable: retry?.isRetryable ?? isTransientLoggingError,
  };
}

function positiveInteger(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`[@model-registry/mlflow-store] ${name} must be a positive integer`);
  }
  return value;
}
