import type { Metric, MlflowStore } from "@model-registry/mlflow-store";
import { createScheduler } from "../http/scheduler.js";
import { type Batch, pluginLogBatchRequests } from "./batches.js";
import { boundMetrics } from "./bound-pattern.js";
import { createNamer, metricPoints } from "./data.js";
import { prepareWriteRun, type WriteRunState } from "./log-batch.js";
import { MLFLOW_ASYNC_WORKERS, pluginAsyncLogBatches, poolRoundTrips } from "./plugin-pattern.js";
import type { Workload } from "./workload.js";

/** Options of {@link asyncLoggingWorkload}. */
export interface AsyncLoggingSize {
  readonly points: number;
  readonly keys: number;
}

/**
 * Async logging of `points` points over `keys` keys: one `logBatchAsync` per step (every key at
 * that step), awaiting its acceptance (backpressure), then `flushAsyncLogging`. Its unit is a
 * step, so a time-capped run measures the first steps.
 */
export function asyncLoggingWorkload(size: AsyncLoggingSize): Workload<WriteRunState> {
  const steps = Math.ceil(size.points / size.keys);
  const stepPoints = (step: number): Metric[] =>
    metricPoints(size.keys, 1, size.keys === 1 ? "loss" : "metric_", step);
  const stepsOf = (units: number): Batch[] =>
    Array.from({ length: units }, (_, step) => ({
      metrics: stepPoints(step),
      params: [],
      tags: [],
    }));
  // MLflow's default async logging: one log_batch per request, on its worker threads.
  let pluginBatches: Batch[] | undefined;
  const allPluginBatches = () => {
    pluginBatches ??= stepsOf(steps);
    return pluginBatches;
  };
  const batchLengths = allPluginBatches().map(pluginLogBatchRequests);
  const pluginRequests = batchLengths.reduce((sum, n) => sum + n, 0);
  const pluginRoundTrips = poolRoundTrips(batchLengths, MLFLOW_ASYNC_WORKERS);
  const nextName = createNamer(`async-${size.keys}`);
  return {
    id: size.keys === 1 ? "async-logging-one-key" : "async-logging",
    title: `async logging of ${size.points.toLocaleString("en-US")} points (${size.keys} ${size.keys === 1 ? "key" : "keys"} × ${steps.toLocaleString("en-US")} steps)`,
    notes: {
      ours: "`store.logBatchAsync` per step, awaiting `accepted` (backpressure), then `flushAsyncLogging`; one run",
      plugin: `MLflow's async logging as configured by default: each step is one \`log_batch\` (GET + PATCH + one POST per point, sequential) on MLflow's pool of ${MLFLOW_ASYNC_WORKERS} worker threads, so ${MLFLOW_ASYNC_WORKERS} steps are logged at once (requests are merged only with MLFLOW_ASYNC_LOGGING_BUFFERING_SECONDS set); ${pluginRoundTrips.toLocaleString("en-US")} round trips on its critical path`,
      bound:
        "one POST per point in one stream at concurrency c (⌈N/c⌉), plus 1 round trip for each key's latest point after its others",
    },
    // A prefix holds at least one full batch of the queue (1,000 points), so it includes the
    // queue's merging and a whole logBatch.
    units: {
      count: steps,
      min: Math.min(steps, Math.ceil(1000 / size.keys)),
      name: "points",
      shownPerUnit: size.keys,
    },
    pluginRequests,
    pluginRoundTrips,
    bound: (units = steps) => {
      const n = Math.min(size.points, units * size.keys);
      return { requests: n, roundTrips: (c) => 1 + Math.ceil(n / c), formula: `1 + ⌈${n}/c⌉` };
    },
    prepare: (ctx, series) => prepareWriteRun(ctx, series === "ours", nextName()),
    async ours(_ctx, state, units) {
      const target = state.store as MlflowStore;
      for (let step = 0; step < units; step++) {
        await target.logBatchAsync(state.runId, { metrics: stepPoints(step) }).accepted;
      }
      await target.flushAsyncLogging();
    },
    async plugin(_ctx, state, send) {
      await pluginAsyncLogBatches(send, state.runId, allPluginBatches());
    },
    async lowerBound(ctx, state, units) {
      const scheduler = createScheduler(ctx.concurrency);
      const points = stepsOf(units).flatMap((b) => b.metrics);
      await boundMetrics(scheduler, ctx.send, state.runId, points);
    },
  };
}
