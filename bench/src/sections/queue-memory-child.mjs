// Fills the store's async logging queue (through its public factory) in front of a registry that
// does not answer, until it pushes back, and reports the heap it retains, in a process of its own
// (started with --expose-gc by queue-memory.ts) so that nothing allocated before can be freed
// during the measurement. Then lets the writes through, drains the queue and sends the result.
import { setImmediate as nextTurn } from "node:timers/promises";
import { createAsyncLoggingQueue } from "@model-registry/mlflow-store";

/** Steps of logging offered at most (bounds the loop whatever the queue's limit is). */
const MAX_STEPS = 1_000_000;
const BASE_TIME = 1_700_000_000_000;

const keys = Number(process.argv[2]);
const gc = globalThis.gc;
if (!Number.isInteger(keys) || keys < 1 || typeof gc !== "function") {
  console.error("usage: node --expose-gc queue-memory-child.mjs <keys>");
  process.exit(2);
}

/** One step's points, every key at `step` (the shape of the benchmark's metric workloads). */
function stepPoints(step) {
  return Array.from({ length: keys }, (_, k) => ({
    key: keys === 1 ? "metric_" : `metric_${k}`,
    value: Math.sin(step * 0.01 + k) + k,
    step,
    timestamp: BASE_TIME + step,
  }));
}

let release = () => {};
const stalled = new Promise((resolve) => {
  release = resolve;
});
const queue = createAsyncLoggingQueue({ logBatch: () => stalled });
gc();
const base = process.memoryUsage().heapUsed;
let accepted = 0;
for (let step = 0; step < MAX_STEPS; step++) {
  const handle = queue.logBatchAsync("1", { metrics: stepPoints(step) });
  const admitted = await Promise.race([handle.accepted.then(() => true), nextTurn(false)]);
  if (!admitted) break;
  accepted += keys;
}
gc();
const retainedBytes = process.memoryUsage().heapUsed - base;
release();
await queue.flush();
process.send?.({ keys, acceptedPoints: accepted, retainedBytes });
