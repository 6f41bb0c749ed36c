/** Runs tasks with at most `concurrency` in flight; urgent tasks go before queued bulk ones. */
export interface Scheduler {
  run<T>(task: () => Promise<T>, urgent?: boolean): Promise<T>;
}

/**
 * A two-level priority limiter. The lower-bound replays mark requests on a dependency chain's
 * critical path (an artifact's first write, a metric's latest point, a read before a write) as
 * urgent, so the chain's tail does not wait behind the bulk.
 */
export function createScheduler(concurrency: number): Scheduler {
  let active = 0;
  const urgentQueue: (() => void)[] = [];
  const bulkQueue: (() => void)[] = [];
  const next = () => {
    if (active >= concurrency) return;
    const start = urgentQueue.shift() ?? bulkQueue.shift();
    if (start) {
      active++;
      start();
    }
  };
  return {
    run<T>(task: () => Promise<T>, urgent = false): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const start = () => {
          task()
            .then(resolve, reject)
            .finally(() => {
              active--;
              next();
            });
        };
        (urgent ? urgentQueue : bulkQueue).push(start);
        next();
      });
    },
  };
}
