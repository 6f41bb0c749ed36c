import { MlflowError } from "../mlflow-error.js";
import type {
  AsyncLoggingCloseOptions,
  AsyncLoggingCounts,
  AsyncLoggingDrainReport,
} from "../types.js";

/** The part of `process` the exit hook uses (injectable for tests). @public */
export interface ExitHookProcess {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  removeListener(event: string, listener: (...args: unknown[]) => void): unknown;
  listenerCount(event: string): number;
  kill(pid: number, signal?: string): unknown;
  readonly pid: number;
  exitCode?: number | string | null | undefined;
}

/**
 * What the exit hook drains: a store or an async logging queue (closed for good and drained), or
 * anything with a flush (flushed only: it cannot stop accepting).
 * @public
 */
export type AsyncLoggingFlushTarget =
  | { closeAsyncLogging(options?: AsyncLoggingCloseOptions): Promise<AsyncLoggingDrainReport> }
  | { close(options?: AsyncLoggingCloseOptions): Promise<AsyncLoggingDrainReport> }
  | { flushAsyncLogging(): Promise<void> }
  | { flush(): Promise<void> };

/** Options of {@link registerAsyncLoggingExitHook}. @public */
export interface AsyncLoggingExitHookOptions {
  /** Signals that drain before the process ends. @default ["SIGINT", "SIGTERM"] */
  signals?: string[];
  /**
   * Longest drain, in ms. The default fits Kubernetes' default 30 s termination grace period
   * (SIGKILL follows SIGTERM after it); lower it with a shorter `terminationGracePeriodSeconds`.
   * @default 25000
   */
  timeoutMs?: number;
  /** Where the outcome is reported. @default console.error (stderr) */
  report?: (message: string, error?: unknown) => void;
  /** @default globalThis.process (none in browsers and workers: then the hook cannot be registered) */
  process?: ExitHookProcess;
}

const PREFIX = "[@model-registry/mlflow-store]";
const DEFAULT_TIMEOUT_MS = 25_000;

function describe(counts: AsyncLoggingCounts): string {
  const requests = `${counts.requests} async logging request${counts.requests === 1 ? "" : "s"}`;
  return `${requests} (${counts.metrics} metrics, ${counts.params} params, ${counts.tags} tags)`;
}

/** "was" for one request, "were" for several. */
function was(counts: AsyncLoggingCounts): string {
  return counts.requests === 1 ? "was" : "were";
}

function close(
  target: AsyncLoggingFlushTarget,
  options: Required<AsyncLoggingCloseOptions>,
): Promise<AsyncLoggingDrainReport> | undefined {
  if ("closeAsyncLogging" in target) return target.closeAsyncLogging(options);
  if ("close" in target) return target.close(options);
  return undefined;
}

/** A flush bounded by `timeoutMs`, for targets that cannot close: resolves to true when it failed or timed out. */
async function boundedFlush(
  target: AsyncLoggingFlushTarget,
  timeoutMs: number,
  report: (message: string, error?: unknown) => void,
  reason: string,
): Promise<boolean> {
  const flushing =
    "flushAsyncLogging" in target
      ? target.flushAsyncLogging()
      : "flush" in target
        ? target.flush()
        : Promise.resolve();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => {
      report(
        `${PREFIX} ${reason}: async logging flush timed out after ${timeoutMs} ms; what it had not written is lost`,
      );
      resolve(true);
    }, timeoutMs);
  });
  const flushed = flushing.then(
    () => false,
    (error: unknown) => {
      report(`${PREFIX} ${reason}: async logging failed:`, error);
      return true;
    },
  );
  const failed = await Promise.race([flushed, timeout]);
  clearTimeout(timer);
  return failed;
}

/**
 * Prints what the drain left undone (and, after a signal, what it did). Returns true when
 * something accepted was not written.
 */
function reportDrain(
  result: AsyncLoggingDrainReport,
  report: (message: string, error?: unknown) => void,
  verbose: boolean,
): boolean {
  const { reason } = result;
  if (verbose && result.pending.requests > 0) {
    report(
      `${PREFIX} ${reason}: async logging drained in ${result.elapsedMs} ms: ${describe(result.written)} written of ${result.pending.requests} pending`,
    );
  }
  if (result.failed.requests > 0) {
    const [first] = result.failed.errors;
    report(
      `${PREFIX} ${reason}: ${describe(result.failed)} failed and ${result.failed.requests === 1 ? "is" : "are"} not stored:`,
      first,
    );
  }
  if (result.unwritten.requests > 0) {
    report(
      `${PREFIX} ${reason}: ${describe(result.unwritten)} ${was(result.unwritten)} not written within ${result.elapsedMs} ms and ${result.unwritten.requests === 1 ? "is" : "are"} lost`,
    );
  }
  if (result.refused.requests > 0) {
    report(
      `${PREFIX} ${reason}: ${describe(result.refused)} logged after the queue closed ${was(result.refused)} not accepted and ${result.refused.requests === 1 ? "is" : "are"} lost`,
    );
  }
  return result.failed.requests + result.unwritten.requests + result.refused.requests > 0;
}

/**
 * Drains async logging when the process is about to end, so nothing accepted is lost silently:
 *
 * - on `beforeExit` (the event loop ran dry) and on each of `signals` (SIGINT, SIGTERM), the
 *   queue is closed: later `logBatchAsync` calls are not accepted (their `accepted` promise never
 *   settles, so a loop that keeps logging pauses instead of failing), and everything logged
 *   before is written, for at most `timeoutMs`;
 * - everything that failed, was not written by the deadline, or was refused is reported on
 *   stderr with counts of requests, metrics, params and tags; after a signal a one-line summary
 *   of the drain is printed too;
 * - then, after a signal that no other listener handles, the signal is raised again so the
 *   process ends as it would have (exit status 128 + signal number); after `beforeExit`, anything
 *   not stored sets `process.exitCode = 1`. A second signal during the drain ends the process at
 *   once.
 *
 * A target without `close`/`closeAsyncLogging` is only flushed (bounded by `timeoutMs`).
 * `process.exit()` cannot be hooked: `await store.closeAsyncLogging()` before calling it. Returns
 * a function that removes the hook.
 * @public
 */
export function registerAsyncLoggingExitHook(
  target: AsyncLoggingFlushTarget,
  options: AsyncLoggingExitHookOptions = {},
): () => void {
  const found = options.process ?? (globalThis as { process?: ExitHookProcess }).process;
  if (typeof found?.on !== "function") {
    throw new MlflowError(
      "registerAsyncLoggingExitHook needs a process to hook (Node.js); in a browser or a worker, " +
        "await store.closeAsyncLogging() (or flushAsyncLogging()) yourself before the work ends",
      "NOT_IMPLEMENTED",
    );
  }
  const proc: ExitHookProcess = found;
  const signals = options.signals ?? ["SIGINT", "SIGTERM"];
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const report =
    options.report ??
    ((message: string, error?: unknown) => {
      if (error === undefined) console.error(message);
      else console.error(message, error);
    });

  let draining: string | undefined;

  /** Closes (or flushes) the target; resolves to true when something accepted was not stored. */
  async function drain(reason: string, verbose: boolean): Promise<boolean> {
    const closing = close(target, { timeoutMs, reason });
    if (closing === undefined) return boundedFlush(target, timeoutMs, report, reason);
    return reportDrain(await closing, report, verbose);
  }

  let beforeExitDone = false;
  const onBeforeExit = (): void => {
    if (draining !== undefined || beforeExitDone) return;
    draining = "beforeExit";
    void drain("beforeExit", false).then((lost) => {
      draining = undefined;
      beforeExitDone = true;
      if (lost && !proc.exitCode) proc.exitCode = 1;
    });
  };

  const signalListeners = new Map<string, () => void>();
  for (const signal of signals) {
    const listener = (): void => {
      const alone = proc.listenerCount(signal) === 1;
      if (draining !== undefined && draining !== "beforeExit") {
        report(`${PREFIX} ${signal} again: exiting without waiting for async logging`);
        unregister();
        proc.kill(proc.pid, signal);
        return;
      }
      draining = signal;
      void drain(signal, true).then(() => {
        if (alone) {
          unregister();
          proc.kill(proc.pid, signal);
        } else {
          draining = undefined;
        }
      });
    };
    signalListeners.set(signal, listener);
  }

  proc.on("beforeExit", onBeforeExit);
  for (const [signal, listener] of signalListeners) proc.on(signal, listener);

  function unregister(): void {
    proc.removeListener("beforeExit", onBeforeExit);
    for (const [signal, listener] of signalListeners) proc.removeListener(signal, listener);
  }
  return unregister;
}
