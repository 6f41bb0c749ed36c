import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

// A collection before the baseline keeps earlier garbage out of the measurement.
setFlagsFromString("--expose-gc");
const collect = runInNewContext("gc") as () => void;

/** Memory this process holds in buffers and on the JS heap, in bytes. */
function held(): number {
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

/**
 * Runs `work` and reports the largest growth of buffer and heap memory seen while it ran,
 * sampled every few milliseconds (and once more at the end, before anything is collected).
 */
export async function peakGrowthDuring<T>(
  work: () => Promise<T>,
): Promise<{ result: T; peakBytes: number; elapsedMs: number }> {
  collect();
  const baseline = held();
  let peak = 0;
  const sample = () => {
    peak = Math.max(peak, held() - baseline);
  };
  const timer = setInterval(sample, 2);
  const started = performance.now();
  try {
    const result = await work();
    sample();
    return { result, peakBytes: peak, elapsedMs: performance.now() - started };
  } finally {
    clearInterval(timer);
  }
}

export const MiB = 1024 * 1024;
