import { MlflowError } from "../mlflow-error.js";
import { retryAfterMsOf } from "../operations/write-once.js";
import type {
  AsyncLoggingCloseOptions,
  AsyncLoggingCounts,
  AsyncLoggingDrainReport,
  AsyncLoggingHandle,
  LogBatchInput,
} from "../types.js";
import { createDeferred } from "./deferred.js";
import {
  combineFailures,
  countsOf,
  createRequest,
  merge,
  outcomeOf,
  type Request,
  settleRequest,
  takeMergeable,
  type Unit,
} from "./queued-request.js";
import {
  type AsyncLoggingRetryOptions,
  positiveInteger,
  resolveRetry,
  retryDelay,
} from "./retry-policy.js";
import {
  type BatchLimits,
  batchSize,
  type FullBatch,
  resolveBatchLimits,
  toFullBatch,
} from "./split-batch.js";

export type { AsyncLoggingRetryOptions } from "./retry-policy.js";

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
  /**
   * Estimated heap bytes of the admitted requests not yet persisted: each request counts 300
   * bytes of its own, 120 per metric and 80 per param or tag, plus 16 bytes and two per character
   * for each key and value (V8's sizes on Node 20, measured by the bench). This bounds what one-item requests (a loss curve logged
   * point by point) and long param or tag values cost, which `maxQueuedItems` alone does not.
   * Requests beyond it wait like those beyond `maxQueuedItems`; a single request larger than the
   * bound is admitted alone when the queue is empty.
   * @default 8 MiB
   */
  maxQueuedBytes?: number;
  /** Limits of each `logBatch` call; each is capped at MLflow's (1000 / 100 / 100 / 1000 total). */
  maxBatchItems?: Partial<BatchLimits>;
  /** `logBatch` calls in flight at the same time, all runs together. @default 4 */
  concurrency?: number;
  /**
   * `logBatch` calls of one run in flight at the same time. Above 1, a run's next call may start
   * while earlier ones are in flight, so the store never runs dry between batches: metrics
   * always, params only when no call in flight carries params, tags only when none carries tags
   * (so params and tags still land in logging order). Only for a `logBatch` that orders each
   * metric key's points itself: this package's store does (MLflow's latest point wins whatever
   * order the calls land in).
   * @default 1
   */
  runConcurrency?: number;
  /** Retry of transient failures, or `false` for none. @default {} (the defaults above) */
  retry?: false | AsyncLoggingRetryOptions;
  /** Clock in ms, for `retry.maxElapsedMs`. @default Date.now */
  now?: () => number;
  /** Waits between attempts. @default a setTimeout-based sleep */
  sleep?: (ms: number) => Promise<void>;
  /**
   * Checks a request before it is queued (throws to refuse it whole: its `wait()` rejects with
   * the error, nothing of it is sent, even when it would be split into several calls).
   * @default none
   */
  validate?: (runId: string, batch: LogBatchInput) => void;
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
  /**
   * Closes the queue for good (process exit): later `logBatchAsync` calls are refused — their
   * `accepted` and `wait()` never settle, so producers that await `accepted` pause — and what was
   * logged before is drained for at most `timeoutMs`. Never rejects: the report says what was
   * written, what failed (failures nobody was told about, earlier ones included), what is still
   * unwritten and what was refused. Calling it again returns the same report.
   */
  close(options?: AsyncLoggingCloseOptions): Promise<AsyncLoggingDrainReport>;
  /** True once `close()` was called. */
  readonly closed: boolean;
  /** Requests logged and not settled yet (queued, waiting for room, or in flight). */
  readonly pending: number;
}

const DEFAULT_MAX_QUEUED_ITEMS = 10_000;
const DEFAULT_MAX_QUEUED_BYTES = 8 * 1024 * 1024;
/** Drain deadline of `close()`: inside Kubernetes' default 30 s termination grace period. */
const DEFAULT_CLOSE_TIMEOUT_MS = 25_000;

function noCounts(): AsyncLoggingCounts {
  return { requests: 0, metrics: 0, params: 0, tags: 0 };
}

function addTo(counts: AsyncLoggingCounts, request: Request): void {
  const items = countsOf(request);
  counts.requests += 1;
  counts.metrics += items.metrics;
  counts.params += items.params;
  counts.tags += items.tags;
}

function emptyBatch(): FullBatch {
  return { metrics: [], params: [], tags: [] };
}

/** A promise that never settles: the handle of a request refused after `close()`. */
const NEVER = new Promise<void>(() => undefined);
/** `accepted` of every request admitted at once. */
const ACCEPTED = Promise.resolve();
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
  const maxQueuedBytes = positiveInteger(
    options.maxQueuedBytes,
    DEFAULT_MAX_QUEUED_BYTES,
    "maxQueuedBytes",
  );
  const concurrency = positiveInteger(options.concurrency, DEFAULT_CONCURRENCY, "concurrency");
  const runConcurrency = positiveInteger(options.runConcurrency, 1, "runConcurrency");
  const retry = resolveRetry(options.retry);
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;

  const unsettled = new Set<Request>();
  const waiting: Request[] = [];
  const perRun = new Map<string, Unit[]>();
  /** Calls in flight per run, and how many of them carry params and tags. */
  const busyRuns = new Map<string, { calls: number; params: number; tags: number }>();
  let callsInFlight = 0;
  const unreported: Request[] = [];
  let queuedItems = 0;
  let queuedBytes = 0;
  let pumpScheduled = false;
  let closing: Promise<AsyncLoggingDrainReport> | undefined;
  const refused = noCounts();

  function logBatchAsync(runId: string, batch: LogBatchInput): AsyncLoggingHandle {
    let refusal: { error: unknown } | undefined;
    try {
      options.validate?.(runId, batch);
    } catch (error) {
      refusal = { error };
    }
    const request = createRequest(runId, refusal ? emptyBatch() : toFullBatch(batch), limits);
    if (refusal) request.error = refusal.error;
    if (closing !== undefined && request.units.length > 0) {
      addTo(refused, request);
      return { accepted: NEVER, wait: () => NEVER };
    }
    const wait = () => {
      request.observed = true;
      const index = unreported.indexOf(request);
      if (index >= 0) unreported.splice(index, 1);
      return outcomeOf(request);
    };
    if (request.units.length === 0) {
      if (request.error === undefined) settleRequest(request, undefined);
      else fail(request, request.error);
      return { accepted: ACCEPTED, wait };
    }
    unsettled.add(request);
    if (waiting.length === 0 && hasRoom(request)) {
      admit(request);
      schedulePump();
      return { accepted: ACCEPTED, wait };
    }
    request.admission = createDeferred<void>();
    waiting.push(request);
    admitWaiting();
    return { accepted: request.admission.promise, wait };
  }

  /** Room for `request` within both bounds (a request alone in the queue always fits). */
  function hasRoom(request: Request): boolean {
    if (queuedItems === 0 && queuedBytes === 0) return true;
    return (
      queuedItems + request.size <= maxQueuedItems && queuedBytes + request.bytes <= maxQueuedBytes
    );
  }

  function admit(request: Request): void {
    queuedItems += request.size;
    queuedBytes += request.bytes;
    let queue = perRun.get(request.runId);
    if (queue === undefined) {
      queue = [];
      perRun.set(request.runId, queue);
    }
    for (const batch of request.units) queue.push({ request, batch });
  }

  function admitWaiting(): void {
    let admitted = false;
    while (waiting.length > 0) {
      const next = waiting[0]!;
      if (!hasRoom(next)) break;
      waiting.shift();
      admit(next);
      next.admission?.resolve();
      next.admission = undefined;
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
      if (callsInFlight >= concurrency) return;
      if (queue.length === 0) continue;
      const busy = busyRuns.get(runId) ?? { calls: 0, params: 0, tags: 0 };
      if (busy.calls >= runConcurrency) continue;
      // A run's params, and its tags, go in logging order: one call carrying each at a time.
      const units = takeMergeable(queue, limits, { params: busy.params > 0, tags: busy.tags > 0 });
      if (units.length === 0) continue;
      if (queue.length === 0) perRun.delete(runId);
      const params = units.some((unit) => unit.batch.params.length > 0) ? 1 : 0;
      const tags = units.some((unit) => unit.batch.tags.length > 0) ? 1 : 0;
      busy.calls += 1;
      busy.params += params;
      busy.tags += tags;
      busyRuns.set(runId, busy);
      callsInFlight += 1;
      void send(runId, units).finally(() => {
        callsInFlight -= 1;
        busy.calls -= 1;
        busy.params -= params;
        busy.tags -= tags;
        if (busy.calls === 0) busyRuns.delete(runId);
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
          metrics: [...batch.metrics],
          params: [...batch.params],
          tags: [...batch.tags],
        });
        return undefined;
      } catch (thrown) {
        const error = thrown ?? new MlflowError("logBatch failed without an error value");
        if (!retry || attemptNo >= retry.maxAttempts || !retry.isRetryable(error)) return error;
        // At least the wait the registry asked for (a 429's or 503's Retry-After), within the bound.
        const delay = Math.max(retryDelay(retry, attemptNo), retryAfterMsOf(error) ?? 0);
        if (now() - started + delay > retry.maxElapsedMs) return error;
        await sleep(delay);
      }
    }
  }

  function settleUnit(unit: Unit, error: unknown): void {
    const { request } = unit;
    const size = batchSize(unit.batch);
    queuedItems -= size;
    // A request's bytes leave the queue with its last unit.
    if (error !== undefined && request.error === undefined) request.error = error;
    request.unsettledUnits -= 1;
    if (request.unsettledUnits === 0) {
      queuedBytes -= request.bytes;
      unsettled.delete(request);
      if (request.error === undefined) settleRequest(request, undefined);
      else fail(request, request.error);
    }
    admitWaiting();
  }

  function fail(request: Request, error: unknown): void {
    if (!request.observed) unreported.push(request);
    settleRequest(request, error);
  }

  async function drain(): Promise<void> {
    await Promise.allSettled([...unsettled].map((request) => outcomeOf(request)));
    const failed = unreported.splice(0, unreported.length);
    if (failed.length === 0) return;
    throw combineFailures(failed);
  }

  async function drainBefore(deadlineMs: number, reason: string): Promise<AsyncLoggingDrainReport> {
    const started = now();
    const pending = [...unsettled];
    const settled = new Set<Request>();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(true), deadlineMs);
    });
    const all = Promise.all(
      pending.map((request) =>
        outcomeOf(request).then(
          () => settled.add(request),
          () => settled.add(request),
        ),
      ),
    ).then(() => false);
    const timedOut = await Promise.race([all, deadline]);
    clearTimeout(timer);
    const report: AsyncLoggingDrainReport = {
      reason,
      pending: noCounts(),
      written: noCounts(),
      failed: { ...noCounts(), errors: [] },
      unwritten: noCounts(),
      refused,
      elapsedMs: Math.max(0, now() - started),
      timedOut,
    };
    const failed = new Set(unreported.splice(0, unreported.length));
    for (const request of pending) {
      addTo(report.pending, request);
      if (!settled.has(request)) addTo(report.unwritten, request);
      else if (request.error === undefined) addTo(report.written, request);
      else failed.add(request);
    }
    for (const request of failed) {
      addTo(report.failed, request);
      report.failed.errors.push(request.error);
    }
    return report;
  }

  return {
    logBatchAsync,
    flush: drain,
    end: drain,
    shutDown: drain,
    close(options = {}) {
      closing ??= drainBefore(
        options.timeoutMs ?? DEFAULT_CLOSE_TIMEOUT_MS,
        options.reason ?? "close",
      );
      return closing;
    },
    get closed() {
      return closing !== undefined;
    },
    get pending() {
      return unsettled.size;
    },
  };
}
