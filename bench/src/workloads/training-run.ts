import {
  createFluent,
  type KeyValue,
  type Metric,
  type MlflowStore,
} from "@model-registry/mlflow-store";
import { createScheduler } from "../http/scheduler.js";
import type { Sizes } from "../profiles.js";
import { type Batch, pluginLogBatchRequests } from "./batches.js";
import {
  boundCreateRun,
  boundEndRun,
  boundMetrics,
  boundParams,
  boundTags,
} from "./bound-pattern.js";
import { BASE_TIME, createNamer, metricPoints, params, tags, toRecord } from "./data.js";
import {
  MLFLOW_ASYNC_WORKERS,
  pluginAsyncLogBatches,
  pluginCreateRun,
  pluginEndRun,
  pluginGetExperimentByName,
  pluginLogBatch,
  poolRoundTrips,
} from "./plugin-pattern.js";
import type { Workload } from "./workload.js";

/** MLflow's automatic run tags, fixed so every series writes the same ones. */
const CONTEXT_TAGS: readonly KeyValue[] = [
  { key: "mlflow.user", value: "bench" },
  { key: "mlflow.source.name", value: "train.py" },
  { key: "mlflow.source.type", value: "LOCAL" },
];

const END_TIME = BASE_TIME + 10_000_000;

/**
 * A training run through the fluent API: set the experiment, start a run, log params and tags,
 * log every step's metrics, end the run. `sync` awaits every call (the default); `async` logs
 * params, tags and metrics with `{ synchronous: false }` and lets `endRun` drain the queue.
 */
export function trainingRunWorkload(
  sizes: Sizes["training"],
  mode: "sync" | "async",
): Workload<{ store?: MlflowStore }> {
  const runParams = params(sizes.params);
  const runTags = tags(sizes.tags);
  const steps: Metric[][] = Array.from({ length: sizes.steps }, (_, step) =>
    metricPoints(sizes.metrics, 1, "metric_", step),
  );
  const stepBatches: Batch[] = steps.map((metrics) => ({ metrics, params: [], tags: [] }));
  // One log_batch per fluent call, awaited in turn, or (async) on MLflow's worker threads.
  const pluginBatches: Batch[] = [
    { metrics: [], params: runParams, tags: [] },
    { metrics: [], params: [], tags: runTags },
    ...stepBatches,
  ];
  const batchLengths = pluginBatches.map(pluginLogBatchRequests);
  const pluginRequests = 1 + 3 + batchLengths.reduce((sum, n) => sum + n, 0) + 1;
  const pluginRoundTrips =
    mode === "sync"
      ? pluginRequests
      : 1 + 3 + poolRoundTrips(batchLengths, MLFLOW_ASYNC_WORKERS) + 1;
  const { params: P, tags: T, metrics: K, steps: S } = sizes;
  const requests = 1 + 1 + P + 2 + S * K + 1;
  const nextName = createNamer(`train-${mode}`);
  const option = mode === "sync" ? {} : { synchronous: false };

  return {
    id: `training-${mode}`,
    title:
      mode === "sync"
        ? `training run, fluent API, awaiting each call (${P} params, ${K} metrics × ${S} steps, ${T} tags)`
        : `training run, fluent API, async logging (${P} params, ${K} metrics × ${S} steps, ${T} tags)`,
    notes: {
      ours:
        mode === "sync"
          ? "`setExperiment`, `startRun`, `logParams`, `setTags`, one awaited `logMetrics` per step, `endRun` (fresh store per repetition)"
          : "as the awaited run, with `{ synchronous: false }` on `logParams`, `setTags` and `logMetrics`; `endRun` drains the queue",
      plugin:
        mode === "sync"
          ? "MLflow's fluent calls on the plugin: `get_experiment_by_name` (1), `create_run` (3), `log_batch` for the params, the tags and each step (2 + M + P each), `update_run_info` (1)"
          : `as the awaited run with \`synchronous=False\`, as MLflow runs it by default: each fluent call is one \`log_batch\` on MLflow's pool of ${MLFLOW_ASYNC_WORKERS} worker threads (requests are merged only with MLFLOW_ASYNC_LOGGING_BUFFERING_SECONDS set), so up to ${MLFLOW_ASYNC_WORKERS} calls run at once, each sequential; ${pluginRoundTrips} round trips on its critical path`,
      bound:
        mode === "sync"
          ? "each awaited call is a dependency: experiment by name (1), create run (1), params (⌈P/c⌉), tags read then written (2: a PATCH replaces the whole map), one wave per step (⌈K/c⌉ each), end run (1)"
          : "experiment (1), create run (1), then params, the tags' read + write and every metric point in one stream (⌈(P + 2 + S·K)/c⌉) plus 1 for each key's latest point after its others, end run (1)",
    },
    pluginRequests,
    pluginRoundTrips,
    bound: () => ({
      requests,
      roundTrips:
        mode === "sync"
          ? (c) => 5 + Math.ceil(P / c) + S * Math.ceil(K / c)
          : (c) => 4 + Math.ceil((P + 2 + S * K) / c),
      formula: mode === "sync" ? `5 + ⌈${P}/c⌉ + ${S}·⌈${K}/c⌉` : `4 + ⌈(${P} + 2 + ${S}·${K})/c⌉`,
    }),
    async prepare(ctx, series) {
      return series === "ours" ? { store: ctx.newStore() } : {};
    },
    async ours(ctx, state) {
      const fluent = createFluent({
        store: state.store as MlflowStore,
        env: {},
        endRunsOnExit: false,
        contextTags: async () => toRecord(CONTEXT_TAGS),
      });
      await fluent.setExperiment(ctx.fixture.trainingExperimentName);
      await fluent.startRun({ runName: nextName() });
      await fluent.logParams(toRecord(runParams), option);
      await fluent.setTags(toRecord(runTags), option);
      for (const [step, metrics] of steps.entries()) {
        const values = Object.fromEntries(metrics.map((m) => [m.key, m.value]));
        await fluent.logMetrics(values, { step, timestamp: BASE_TIME + step, ...option });
      }
      await fluent.endRun();
    },
    async plugin(ctx, _state, send) {
      const experimentId = await pluginGetExperimentByName(
        send,
        ctx.fixture.trainingExperimentName,
      );
      const runId = await pluginCreateRun(send, {
        experimentId,
        name: nextName(),
        startTime: BASE_TIME,
        tags: CONTEXT_TAGS,
      });
      if (mode === "sync") {
        for (const batch of pluginBatches) await pluginLogBatch(send, runId, batch);
      } else await pluginAsyncLogBatches(send, runId, pluginBatches);
      await pluginEndRun(send, runId, END_TIME);
    },
    async lowerBound(ctx) {
      const { send } = ctx;
      const scheduler = createScheduler(ctx.concurrency);
      const experimentId = await pluginGetExperimentByName(
        send,
        ctx.fixture.trainingExperimentName,
      );
      const runId = await boundCreateRun(send, experimentId, nextName(), BASE_TIME, CONTEXT_TAGS);
      if (mode === "sync") {
        await boundParams(scheduler, send, runId, runParams);
        await boundTags(scheduler, send, runId, runTags);
        for (const metrics of steps) await boundMetrics(scheduler, send, runId, metrics);
      } else {
        await Promise.all([
          boundParams(scheduler, send, runId, runParams),
          boundTags(scheduler, send, runId, runTags),
          boundMetrics(scheduler, send, runId, steps.flat()),
        ]);
      }
      await boundEndRun(send, runId, END_TIME);
    },
  };
}
