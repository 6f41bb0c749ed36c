import { BudgetSpent, countingSend } from "../http/plain-http.js";
import { median, sampleHeap, timed } from "../measure.js";
import type { Profile } from "../profiles.js";
import type { SeriesName, Workload, WorkloadContext } from "../workloads/workload.js";

/** How much of a workload one repetition measured, when less than all of it. */
export interface Prefix {
  readonly done: number;
  readonly full: number;
  readonly unit: string;
}

/** One series of one workload at one latency. */
export interface Cell {
  /** Median wall time in ms (extrapolated to the full workload when a prefix was measured). */
  readonly ms: number;
  readonly samples: readonly number[];
  /** Requests of the full workload (extrapolated like `ms` when a prefix was measured). */
  readonly requests: number;
  /** Requests the fake logged in one repetition (median). */
  readonly loggedRequests: number;
  /** CPU time of the fake during one repetition (median, not extrapolated), ms. */
  readonly fakeCpuMs: number;
  readonly prefix?: Prefix;
  /** Peak heap growth of this process during the run (ours only), bytes. */
  readonly heapPeakBytes?: number;
}

/** The three series of a workload at one latency. */
export interface MatrixRow {
  readonly workload: string;
  readonly latencyMs: number;
  readonly concurrency: number;
  readonly ours: Cell;
  readonly plugin: Cell;
  /** The measured bound; absent where a repetition would take longer than the bound's cap. */
  readonly bound?: Cell;
  /** The round-trip model of the bound at this latency and concurrency, ms. */
  readonly boundModelMs: number;
  readonly boundRoundTrips: number;
}

/** The bound a row's ratio is taken against: measured where measured, else the model. */
export function boundMs(row: MatrixRow): number {
  return row.bound?.ms ?? row.boundModelMs;
}

/** Settings of one matrix pass. */
export interface MatrixOptions {
  readonly reps: number;
  readonly caps: Profile["caps"];
  /** Per-request overhead beyond the latency (from `calibrate`), to project run times. */
  readonly overheadMs: number;
  readonly log?: (line: string) => void;
}

/** Fewest requests a capped plugin replay sends (keeps the extrapolation meaningful). */
const MIN_PREFIX_REQUESTS = 20;

/** Projected time of the bound's requests for `units` units, ms (the store's overhead counted twice). */
function projectedMs(
  workload: Workload,
  ctx: WorkloadContext,
  overheadMs: number,
  units?: number,
): number {
  const model = workload.bound(units);
  return model.roundTrips(ctx.concurrency) * ctx.fake.latencyMs + model.requests * overheadMs * 2;
}

/** Share of the latency in a projection from which the model alone stands for the bound. */
const LATENCY_DOMINATES = 0.5;

/**
 * Whether to measure the bound: always at 0 ms (the model is 0 there), and wherever a repetition
 * is affordable or the per-request overhead is a large part of it (the model alone would flatter
 * the bound); the model stands alone only for long repetitions dominated by latency.
 */
function shouldMeasureBound(
  workload: Workload,
  ctx: WorkloadContext,
  overheadMs: number,
  units: number,
  capMs: number,
): boolean {
  if (ctx.fake.latencyMs === 0) return true;
  const projected = projectedMs(workload, ctx, overheadMs / 2, units);
  const latencyPart = workload.bound(units).roundTrips(ctx.concurrency) * ctx.fake.latencyMs;
  return projected <= capMs || latencyPart < LATENCY_DOMINATES * projected;
}

/** The units of a scalable workload one repetition can afford under the cap. */
export function affordableUnits(
  workload: Workload,
  ctx: WorkloadContext,
  capMs: number,
  overheadMs: number,
): number {
  if (!workload.units) return 1;
  const { count: full, min } = workload.units;
  const projected = projectedMs(workload, ctx, overheadMs, full);
  if (projected <= capMs) return full;
  return Math.max(min, Math.min(full, Math.floor((full * capMs) / projected)));
}

/** Requests a plugin replay may send under the cap (Infinity: all). */
export function pluginBudget(
  workload: Workload,
  latencyMs: number,
  capMs: number,
  overheadMs: number,
): number {
  const perRequest = latencyMs + overheadMs;
  const roundTrips = workload.pluginRoundTrips ?? workload.pluginRequests;
  if (roundTrips * perRequest <= capMs) return Number.POSITIVE_INFINITY;
  const parallel = workload.pluginRequests / roundTrips;
  return Math.max(
    Math.ceil(MIN_PREFIX_REQUESTS * parallel),
    Math.floor((capMs / perRequest) * parallel),
  );
}

interface Sample {
  ms: number;
  requests: number;
  logged: number;
  cpu: number;
  prefix?: Prefix;
  heap?: number;
}

async function runSeries(
  workload: Workload,
  ctx: WorkloadContext,
  series: SeriesName,
  units: number,
  budget: number,
): Promise<Sample> {
  const state = await workload.prepare(ctx, series);
  await ctx.fake.clearRequests();
  const before = (await ctx.fake.usage()).cpuMs;
  const full = workload.units?.count ?? 1;
  const shown = workload.units?.shownPerUnit ?? 1;
  if (series === "plugin") {
    const counter = countingSend(ctx.send, budget);
    const ms = await timed(() =>
      workload.plugin(ctx, state, counter.send).catch((error: unknown) => {
        if (!(error instanceof BudgetSpent)) throw error;
      }),
    );
    const cpu = (await ctx.fake.usage()).cpuMs - before;
    const logged = await ctx.fake.requestCount();
    const done = counter.count();
    if (logged !== done) {
      throw new Error(
        `${workload.id}: the plugin replay sent ${done} requests, the fake logged ${logged}`,
      );
    }
    const capped = done >= budget && done < workload.pluginRequests;
    if (!capped) {
      if (done !== workload.pluginRequests) {
        throw new Error(
          `${workload.id}: the plugin replay sent ${done} requests, its model says ${workload.pluginRequests}`,
        );
      }
      return { ms, requests: done, logged, cpu };
    }
    const prefix = { done, full: workload.pluginRequests, unit: "requests" };
    return {
      ms: (ms * workload.pluginRequests) / done,
      requests: workload.pluginRequests,
      logged,
      cpu,
      prefix,
    };
  }
  const heap = series === "ours" ? sampleHeap() : undefined;
  const ms = await timed(() =>
    series === "ours" ? workload.ours(ctx, state, units) : workload.lowerBound(ctx, state, units),
  );
  const heapPeak = heap?.stop();
  const cpu = (await ctx.fake.usage()).cpuMs - before;
  const logged = await ctx.fake.requestCount();
  const expected = workload.bound(units).requests;
  if (series === "bound" && logged !== expected) {
    throw new Error(
      `${workload.id}: the lower bound sent ${logged} requests, its model says ${expected}`,
    );
  }
  const scale = full / units;
  const prefix =
    units < full
      ? { done: units * shown, full: full * shown, unit: workload.units?.name ?? "units" }
      : undefined;
  return {
    ms: ms * scale,
    requests: Math.round(logged * scale),
    logged,
    cpu,
    ...(prefix ? { prefix } : {}),
    ...(heapPeak !== undefined ? { heap: heapPeak } : {}),
  };
}

function toCell(samples: Sample[]): Cell {
  const heaps = samples.flatMap((s) => (s.heap === undefined ? [] : [s.heap]));
  const prefix = samples[0]?.prefix;
  return {
    ms: median(samples.map((s) => s.ms)),
    samples: samples.map((s) => s.ms),
    requests: median(samples.map((s) => s.requests)),
    loggedRequests: median(samples.map((s) => s.logged)),
    fakeCpuMs: median(samples.map((s) => s.cpu)),
    ...(prefix ? { prefix } : {}),
    ...(heaps.length ? { heapPeakBytes: Math.max(...heaps) } : {}),
  };
}

/**
 * Runs every workload three ways (ours, the plugin's sequence, the lower bound) `reps` times,
 * interleaved so that load from elsewhere on the machine hits the three alike.
 */
export async function runMatrix(
  workloads: readonly Workload[],
  ctx: WorkloadContext,
  options: MatrixOptions,
): Promise<MatrixRow[]> {
  const rows: MatrixRow[] = [];
  const latency = ctx.fake.latencyMs;
  const { caps, overheadMs } = options;
  for (const workload of workloads) {
    const units = affordableUnits(workload, ctx, caps.prefixMs, overheadMs);
    const budget = pluginBudget(workload, latency, caps.pluginMs, overheadMs);
    const measureBound = shouldMeasureBound(workload, ctx, overheadMs, units, caps.boundMs);
    const series: SeriesName[] = measureBound ? ["ours", "plugin", "bound"] : ["ours", "plugin"];
    const samples: Record<SeriesName, Sample[]> = { ours: [], plugin: [], bound: [] };
    for (let rep = 0; rep < options.reps; rep++) {
      for (const name of series)
        samples[name].push(await runSeries(workload, ctx, name, units, budget));
    }
    const roundTrips = workload.bound().roundTrips(ctx.concurrency);
    const row: MatrixRow = {
      workload: workload.id,
      latencyMs: latency,
      concurrency: ctx.concurrency,
      ours: toCell(samples.ours),
      plugin: toCell(samples.plugin),
      ...(measureBound ? { bound: toCell(samples.bound) } : {}),
      boundModelMs: roundTrips * latency,
      boundRoundTrips: roundTrips,
    };
    rows.push(row);
    const bound = row.bound ? `${row.bound.ms.toFixed(1)} ms` : "not measured";
    options.log?.(
      `  ${workload.id.padEnd(22)} ${String(latency).padStart(2)} ms: ours ${row.ours.ms.toFixed(1)} ms (${row.ours.requests} req), plugin ${row.plugin.ms.toFixed(1)} ms (${row.plugin.requests} req), bound ${bound} (model ${row.boundModelMs} ms)`,
    );
  }
  return rows;
}
