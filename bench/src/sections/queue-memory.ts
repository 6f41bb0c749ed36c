import { fork } from "node:child_process";
import { setImmediate as nextTurn } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { createAsyncLoggingQueue } from "@model-registry/mlflow-store";
import { metricPoints } from "../workloads/data.js";

/** The async logging queue's memory when it is full. */
export interface QueueMemory {
  readonly keys: number;
  /** Points the queue accepted before it pushed back (its bound). */
  readonly acceptedPoints: number;
  /** Heap retained with the queue full (after a full GC), bytes. */
  readonly retainedBytes: number;
}

/** A full garbage collection, without starting Node with --expose-gc. */
function collectGarbage(): void {
  setFlagsFromString("--expose_gc");
  (runInNewContext("gc") as () => void)();
}

/** Steps of logging offered at most (bounds the loop whatever the queue's limit is). */
const MAX_STEPS = 1_000_000;

/**
 * Fills an async logging queue (the store's, through its public factory) in front of a registry
 * that does not answer, until it pushes back, and measures the heap it retains: the producer's
 * points are held by the queue and nowhere else. Then lets the writes through and drains it.
 */
export async function measureQueueMemory(keys: number): Promise<QueueMemory> {
  let release: () => void = () => {};
  const stalled = new Promise<void>((resolve) => {
    release = resolve;
  });
  const queue = createAsyncLoggingQueue({ logBatch: () => stalled });
  collectGarbage();
  const base = process.memoryUsage().heapUsed;
  let accepted = 0;
  for (let step = 0; step < MAX_STEPS; step++) {
    const handle = queue.logBatchAsync("1", { metrics: metricPoints(keys, 1, "metric_", step) });
    const admitted = await Promise.race([handle.accepted.then(() => true), nextTurn(false)]);
    if (!admitted) break;
    accepted += keys;
  }
  collectGarbage();
  const retainedBytes = process.memoryUsage().heapUsed - base;
  release();
  await queue.flush();
  return { keys, acceptedPoints: accepted, retainedBytes };
}

const CHILD = fileURLToPath(new URL("./queue-memory-child.ts", import.meta.url));

/** How long one isolated measurement may take, ms. */
const CHILD_TIMEOUT_MS = 120_000;

/**
 * {@link measureQueueMemory} in a fresh Node process (started with the loader flags of this one):
 * in the benchmark's own process, memory left by earlier sections can be freed while the queue
 * fills and make the figure meaningless (even negative).
 */
export function measureQueueMemoryIsolated(keys: number): Promise<QueueMemory> {
  return new Promise((resolve, reject) => {
    const child = fork(CHILD, [String(keys)], {
      execArgv: [...process.execArgv, "--expose-gc"],
      stdio: "inherit",
    });
    let result: QueueMemory | undefined;
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`queue memory measurement took longer than ${CHILD_TIMEOUT_MS} ms`));
    }, CHILD_TIMEOUT_MS);
    child.on("message", (message) => {
      result = message as QueueMemory;
    });
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      if (result) resolve(result);
      else reject(new Error(`queue memory measurement exited with code ${code} and no result`));
    });
  });
}
