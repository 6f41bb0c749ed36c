/** The part of `process` the exit hook uses (injectable for tests). @public */
export interface ExitHookProcess {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  removeListener(event: string, listener: (...args: unknown[]) => void): unknown;
  listenerCount(event: string): number;
  kill(pid: number, signal?: string): unknown;
  readonly pid: number;
  exitCode?: number | string | null | undefined;
}

/** Something whose pending async logging can be flushed: a store or an async logging queue. @public */
export type AsyncLoggingFlushTarget =
  | { flushAsyncLogging(): Promise<void> }
  | { flush(): Promise<void> };

/** Options of {@link registerAsyncLoggingExitHook}. @public */
export interface AsyncLoggingExitHookOptions {
  /** Signals that flush before the process ends. @default ["SIGINT", "SIGTERM"] */
  signals?: string[];
  /** Longest wait for a flush triggered by a signal. @default 10000 */
  timeoutMs?: number;
  /** Where failures are reported. @default console.error */
  report?: (message: string, error: unknown) => void;
  /** @default globalThis.process */
  process?: ExitHookProcess;
}

/**
 * Flushes async logging when the process is about to end, so accepted items are not lost:
 *
 * - on `beforeExit` (the event loop ran dry): flush; a failure is reported and sets
 *   `process.exitCode = 1`;
 * - on SIGINT/SIGTERM: flush (bounded by `timeoutMs`), then, when no other listener handles the
 *   signal, re-raise it so the process ends as it would have.
 *
 * `process.exit()` ends the process synchronously and cannot be hooked: `await flush()` before
 * calling it. Returns a function that removes the hook.
 * @public
 */
export function registerAsyncLoggingExitHook(
  target: AsyncLoggingFlushTarget,
  options: AsyncLoggingExitHookOptions = {},
): () => void {
  const proc = options.process ?? (globalThis.process as unknown as ExitHookProcess);
  const signals = options.signals ?? ["SIGINT", "SIGTERM"];
  const timeoutMs = options.timeoutMs ?? 10_000;
  const report =
    options.report ??
    ((message: string, error: unknown) => {
      console.error(message, error);
    });
  const flush = () => ("flushAsyncLogging" in target ? target.flushAsyncLogging() : target.flush());

  let flushing = false;
  const onBeforeExit = (): void => {
    if (flushing) return;
    flushing = true;
    flush()
      .catch((error: unknown) => {
        report("[@model-registry/mlflow-store] async logging failed before exit:", error);
        proc.exitCode = 1;
      })
      .finally(() => {
        flushing = false;
      });
  };

  const signalListeners = new Map<string, () => void>();
  for (const signal of signals) {
    const listener = (): void => {
      const alone = proc.listenerCount(signal) === 1;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          report(
            `[@model-registry/mlflow-store] async logging flush timed out after ${timeoutMs} ms`,
            undefined,
          );
          resolve();
        }, timeoutMs);
      });
      Promise.race([
        flush().catch((error: unknown) => {
          report("[@model-registry/mlflow-store] async logging failed on signal:", error);
        }),
        timeout,
      ]).finally(() => {
        clearTimeout(timer);
        if (alone) {
          unregister();
          proc.kill(proc.pid, signal);
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
