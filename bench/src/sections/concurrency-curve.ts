import type { MlflowClient } from "@model-registry/mlflow-store";
import { median, timed } from "../measure.js";
import type { Sizes } from "../profiles.js";
import { createNamer } from "../workloads/data.js";
import { logBatchContent, logBatchRoundTrips, prepareWriteRun } from "../workloads/log-batch.js";
import type { WorkloadContext } from "../workloads/workload.js";

/** `logBatch` at one store concurrency and one latency. */
export interface CurvePoint {
  readonly latencyMs: number;
  readonly concurrency: number;
  readonly reps: number;
  /** Median wall time, ms. */
  readonly ms: number;
  /** Median CPU time the fake spent on the call, ms. */
  readonly fakeCpuMs: number;
  /** Requests the fake logged (median). */
  readonly requests: number;
  /** The round-trip model of the lower bound at this concurrency, ms. */
  readonly boundModelMs: number;
}

/** Settings of the curve at one latency. */
export interface CurveOptions {
  readonly concurrencies: readonly number[];
  readonly reps: number;
  readonly longRepMs: number;
  readonly batch: Sizes["logBatch"];
  readonly overheadMs: number;
  /** An already measured point (same batch) to use instead of measuring its concurrency again. */
  readonly reuse?: CurvePoint | undefined;
  readonly log?: (line: string) => void;
}

/**
 * Wall time of `client.logBatch` and the fake's CPU time per call for each store `concurrency`,
 * on the fake `ctx` runs against. Cells projected to take longer than `longRepMs` are measured once.
 */
export async function runConcurrencyCurve(
  ctx: WorkloadContext,
  options: CurveOptions,
): Promise<CurvePoint[]> {
  const latency = ctx.fake.latencyMs;
  const content = logBatchContent(options.batch);
  const requests = options.batch.metrics + options.batch.params + 2;
  const nextName = createNamer("curve");
  const points: CurvePoint[] = [];
  for (const concurrency of options.concurrencies) {
    if (options.reuse?.concurrency === concurrency) {
      points.push(options.reuse);
      continue;
    }
    const roundTrips = logBatchRoundTrips(options.batch, concurrency);
    const projected = roundTrips * latency + requests * options.overheadMs * 2;
    const reps = projected > options.longRepMs ? 1 : options.reps;
    const walls: number[] = [];
    const cpus: number[] = [];
    const counts: number[] = [];
    for (let rep = 0; rep < reps; rep++) {
      const state = await prepareWriteRun(ctx, true, nextName(), concurrency);
      await ctx.fake.clearRequests();
      const before = await ctx.fake.usage();
      walls.push(await timed(() => (state.client as MlflowClient).logBatch(state.runId, content)));
      const after = await ctx.fake.usage();
      cpus.push(after.cpuMs - before.cpuMs);
      counts.push(await ctx.fake.requestCount());
    }
    const point: CurvePoint = {
      latencyMs: latency,
      concurrency,
      reps,
      ms: median(walls),
      fakeCpuMs: median(cpus),
      requests: median(counts),
      boundModelMs: roundTrips * latency,
    };
    points.push(point);
    options.log?.(
      `  logBatch concurrency ${String(concurrency).padStart(2)} at ${latency} ms: ${point.ms.toFixed(1)} ms, fake CPU ${point.fakeCpuMs.toFixed(1)} ms, ${point.requests} requests`,
    );
  }
  return points;
}
