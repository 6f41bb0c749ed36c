import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The async logging queue's memory when it is full. */
export interface QueueMemory {
  readonly keys: number;
  /** Points the queue accepted before it pushed back (its bound). */
  readonly acceptedPoints: number;
  /** Heap retained with the queue full (after a full GC), bytes. */
  readonly retainedBytes: number;
}

const CHILD = fileURLToPath(new URL("./queue-memory-child.mjs", import.meta.url));

/** How long one isolated measurement may take, ms. */
const CHILD_TIMEOUT_MS = 120_000;

/**
 * The async logging queue's memory at its bound, for `keys` keys a request: measured in a fresh
 * Node process (`queue-memory-child.mjs`), because in the benchmark's own process memory left by
 * earlier sections can be freed while the queue fills and make the figure meaningless (even
 * negative).
 */
export function measureQueueMemoryIsolated(keys: number): Promise<QueueMemory> {
  return new Promise((resolve, reject) => {
    const child = fork(CHILD, [String(keys)], {
      execArgv: ["--expose-gc"],
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
