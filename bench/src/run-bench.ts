import { performance } from "node:perf_hooks";
import { calibrate, createContext } from "./context.js";
import { startFakeProcess } from "./fake/fake-process.js";
import { buildFixture } from "./fixture.js";
import { type MachineInfo, machineInfo } from "./machine.js";
import type { Profile } from "./profiles.js";
import {
  fetchRateOf,
  measureThroughput,
  type ThroughputPoint,
  throughputFromRow,
} from "./sections/async-throughput.js";
import { type CurvePoint, runConcurrencyCurve } from "./sections/concurrency-curve.js";
import { checkLatency, type LatencyCheck } from "./sections/latency-check.js";
import { type MatrixRow, runMatrix } from "./sections/matrix.js";
import { type PackageBenchResult, runPackageBenches } from "./sections/package-benches.js";
import { measureQueueMemoryIsolated, type QueueMemory } from "./sections/queue-memory.js";
import { createWorkloads } from "./workloads/index.js";
import type { Workload } from "./workloads/workload.js";

/** Options of {@link runBench}. */
export interface BenchOptions {
  readonly profile: Profile;
  /** Only these workload ids in the matrix (default: all). */
  readonly only?: readonly string[];
  /** Store concurrency of the matrix (default: the profile's). */
  readonly concurrency?: number;
  /** Skip the per-package benchmarks whatever the profile says. */
  readonly skipPackageBenches?: boolean;
  readonly log?: (line: string) => void;
}

/** What the report needs to know about a workload. */
export interface WorkloadInfo {
  readonly id: string;
  readonly title: string;
  readonly notes: Workload["notes"];
  readonly pluginRequests: number;
  /** Round trips on the plugin's critical path (its requests when it runs them one by one). */
  readonly pluginRoundTrips?: number;
  readonly boundRequests: number;
  readonly boundFormula: string;
}

/** Everything one benchmark run measured. */
export interface BenchResults {
  readonly profile: Profile;
  readonly concurrency: number;
  readonly machine: MachineInfo;
  readonly startedAt: Date;
  readonly seconds: number;
  /** Per-request overhead beyond the latency, ms (sequential GETs, plain fetch). */
  readonly overheadMs: number;
  /** The fake's latency under concurrent and sequential requests, per latency. */
  readonly latencyChecks: readonly LatencyCheck[];
  readonly workloads: readonly WorkloadInfo[];
  readonly matrix: readonly MatrixRow[];
  readonly curve: readonly CurvePoint[];
  readonly throughput: readonly ThroughputPoint[];
  /** The async logging queue's retained memory when full, many keys and one key. */
  readonly queueMemory: readonly QueueMemory[];
  readonly packageBenches: readonly PackageBenchResult[];
}

/** Runs the benchmark: the workload matrix, the concurrency curve, async throughput, the package benchmarks. */
export async function runBench(options: BenchOptions): Promise<BenchResults> {
  const { profile } = options;
  const log = options.log ?? (() => {});
  const concurrency = options.concurrency ?? profile.concurrency;
  const startedAt = new Date();
  const start = performance.now();
  const machine = machineInfo();

  log(`building the fixture (${profile.sizes.search.runs} runs to search…)`);
  const fixture = await buildFixture(profile.sizes);
  const workloads = createWorkloads(profile.sizes).filter(
    (w) => !options.only || options.only.includes(w.id),
  );
  const latencies = [
    ...new Set([...profile.latencies, ...profile.curve.latencies, ...profile.throughput.latencies]),
  ].sort((a, b) => a - b);
  const matrix: MatrixRow[] = [];
  const curve: CurvePoint[] = [];
  const throughput: ThroughputPoint[] = [];
  const latencyChecks: LatencyCheck[] = [];
  let overheadMs = Number.NaN;
  try {
    for (const latencyMs of latencies) {
      const fake = await startFakeProcess({ latencyMs, stateFile: fixture.stateFile });
      try {
        const ctx = createContext(fake, fixture, concurrency);
        if (Number.isNaN(overheadMs)) overheadMs = await calibrate(ctx);
        latencyChecks.push(await checkLatency(ctx));
        if (profile.latencies.includes(latencyMs)) {
          log(`latency ${latencyMs} ms: workloads`);
          matrix.push(
            ...(await runMatrix(workloads, ctx, {
              reps: profile.reps,
              caps: profile.caps,
              overheadMs,
              log,
            })),
          );
        }
        if (profile.curve.latencies.includes(latencyMs)) {
          log(`latency ${latencyMs} ms: logBatch concurrency curve`);
          // The matrix's logBatch row is the curve's point at the matrix's concurrency.
          const row = matrix.find((r) => r.workload === "log-batch" && r.latencyMs === latencyMs);
          const sameBatch =
            JSON.stringify(profile.curve.batch) === JSON.stringify(profile.sizes.logBatch);
          const reuse: CurvePoint | undefined =
            row && sameBatch
              ? {
                  latencyMs,
                  concurrency,
                  reps: profile.reps,
                  ms: row.ours.ms,
                  fakeCpuMs: row.ours.fakeCpuMs,
                  requests: row.ours.loggedRequests,
                  boundModelMs: row.boundModelMs,
                }
              : undefined;
          curve.push(
            ...(await runConcurrencyCurve(ctx, { ...profile.curve, overheadMs, reuse, log })),
          );
        }
        if (profile.throughput.latencies.includes(latencyMs)) {
          log(`latency ${latencyMs} ms: async logging throughput`);
          const { points, keys } = profile.sizes.async;
          const row = matrix.find(
            (r) => r.workload === "async-logging" && r.latencyMs === latencyMs,
          );
          const settings = {
            reps: profile.throughput.reps,
            capMs: profile.caps.prefixMs,
            overheadMs,
            fetchPointsPerSecond: fetchRateOf(row, points),
          };
          throughput.push(
            row && keys === profile.throughput.manyKeys
              ? throughputFromRow(row, keys, points)
              : await measureThroughput(ctx, {
                  points,
                  keys: profile.throughput.manyKeys,
                  ...settings,
                }),
            await measureThroughput(ctx, { points, keys: 1, ...settings }),
          );
        }
      } finally {
        await fake.close();
      }
    }
  } finally {
    fixture.dispose();
  }

  log("async logging queue memory");
  const queueMemory = [
    await measureQueueMemoryIsolated(profile.throughput.manyKeys),
    await measureQueueMemoryIsolated(1),
  ];

  let packageBenches: PackageBenchResult[] = [];
  if (profile.packageBenches !== "skip" && !options.skipPackageBenches) {
    log("per-package benchmarks");
    packageBenches = await runPackageBenches(profile.packageBenches, log);
  }

  return {
    profile,
    concurrency,
    machine,
    startedAt,
    seconds: (performance.now() - start) / 1000,
    overheadMs,
    latencyChecks,
    workloads: workloads.map((w) => {
      const model = w.bound();
      return {
        id: w.id,
        title: w.title,
        notes: w.notes,
        pluginRequests: w.pluginRequests,
        ...(w.pluginRoundTrips !== undefined ? { pluginRoundTrips: w.pluginRoundTrips } : {}),
        boundRequests: model.requests,
        boundFormula: model.formula,
      };
    }),
    matrix,
    curve,
    throughput,
    queueMemory,
    packageBenches,
  };
}
