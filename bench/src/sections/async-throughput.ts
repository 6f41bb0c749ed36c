import { median, sampleHeap, timed } from "../measure.js";
import { asyncLoggingWorkload } from "../workloads/async-logging.js";
import type { WorkloadContext } from "../workloads/workload.js";
import { affordableUnits, type MatrixRow } from "./matrix.js";

/** Async logging throughput at one latency for one key shape. */
export interface ThroughputPoint {
  readonly latencyMs: number;
  readonly keys: number;
  /** Points logged per repetition. */
  readonly points: number;
  /** Median points persisted per second (from the first `logBatchAsync` to the end of `flushAsyncLogging`). */
  readonly pointsPerSecond: number;
  /** The bound's steady rate: c points per latency. */
  readonly boundPointsPerSecond: number;
  /**
   * The measured bound's rate: one POST per point with plain `fetch` at concurrency c against the
   * same fake (the matrix's async-logging bound at this latency); NaN where it was not measured.
   */
  readonly fetchPointsPerSecond: number;
  /** Peak heap growth of the logging process, bytes. */
  readonly heapPeakBytes: number;
}

function boundRate(ctx: { concurrency: number }, latencyMs: number): number {
  return latencyMs > 0 ? (ctx.concurrency * 1000) / latencyMs : Number.NaN;
}

/** Throughput of the matrix's async-logging row (ours series, `totalPoints` in the full workload). */
export function throughputFromRow(
  row: MatrixRow,
  keys: number,
  totalPoints: number,
): ThroughputPoint {
  return {
    fetchPointsPerSecond: fetchRateOf(row, totalPoints),
    latencyMs: row.latencyMs,
    keys,
    points: row.ours.prefix?.done ?? totalPoints,
    pointsPerSecond: totalPoints / (row.ours.ms / 1000),
    boundPointsPerSecond: boundRate(row, row.latencyMs),
    heapPeakBytes: row.ours.heapPeakBytes ?? Number.NaN,
  };
}

/** Points per second of the matrix row's measured bound (`totalPoints` in the full workload). */
export function fetchRateOf(row: MatrixRow | undefined, totalPoints: number): number {
  return row?.bound ? totalPoints / (row.bound.ms / 1000) : Number.NaN;
}

/** Measures async logging of `keys` keys (ours only) within the time cap, `reps` times. */
export async function measureThroughput(
  ctx: WorkloadContext,
  options: {
    points: number;
    keys: number;
    reps: number;
    capMs: number;
    overheadMs: number;
    /** The measured bound's rate at this latency, see {@link fetchRateOf}. */
    fetchPointsPerSecond: number;
  },
): Promise<ThroughputPoint> {
  const workload = asyncLoggingWorkload({ points: options.points, keys: options.keys });
  const units = affordableUnits(workload, ctx, options.capMs, options.overheadMs);
  const rates: number[] = [];
  const heaps: number[] = [];
  for (let rep = 0; rep < options.reps; rep++) {
    const state = await workload.prepare(ctx, "ours");
    const heap = sampleHeap();
    const ms = await timed(() => workload.ours(ctx, state, units));
    heaps.push(heap.stop());
    rates.push((units * options.keys) / (ms / 1000));
  }
  return {
    latencyMs: ctx.fake.latencyMs,
    keys: options.keys,
    points: units * options.keys,
    pointsPerSecond: median(rates),
    boundPointsPerSecond: boundRate(ctx, ctx.fake.latencyMs),
    fetchPointsPerSecond: options.fetchPointsPerSecond,
    heapPeakBytes: Math.max(...heaps),
  };
}
