import {
  createMlflowClient,
  type MlflowClient,
  type MlflowStore,
} from "@model-registry/mlflow-store";
import { createScheduler } from "../http/scheduler.js";
import type { Sizes } from "../profiles.js";
import { pluginLogBatchRequests, splitLikeMlflowClient } from "./batches.js";
import { boundCreateRun, boundMetrics, boundParams, boundTags } from "./bound-pattern.js";
import { BASE_TIME, createNamer, metricPoints, n, params, tags } from "./data.js";
import { pluginLogBatch } from "./plugin-pattern.js";
import type { Workload, WorkloadContext } from "./workload.js";

/** A run to write to; for ours, with the store (and its client) that created it. */
export interface WriteRunState {
  readonly runId: string;
  readonly store?: MlflowStore;
  readonly client?: MlflowClient;
}

/** The `logBatch` content of a workload size: `keys` metrics × (metrics ÷ keys) steps, params, tags. */
export function logBatchContent(size: Sizes["logBatch"]) {
  return {
    metrics: metricPoints(size.keys, Math.ceil(size.metrics / size.keys), "metric_").slice(
      0,
      size.metrics,
    ),
    params: params(size.params),
    tags: tags(size.tags),
  };
}

/** Lower-bound round trips of a logBatch: every request in one stream, plus each key's latest point. */
export function logBatchRoundTrips(size: Sizes["logBatch"], concurrency: number): number {
  return 1 + Math.ceil((size.metrics + size.params + 2) / concurrency);
}

/** A run for one repetition: through the store for ours (so the store knows it), else one POST. */
export async function prepareWriteRun(
  ctx: WorkloadContext,
  ours: boolean,
  name: string,
  concurrency = ctx.concurrency,
): Promise<WriteRunState> {
  if (ours) {
    const store = ctx.newStore(concurrency);
    const run = await store.createRun({
      experimentId: ctx.fixture.writeExperimentId,
      runName: name,
      startTime: BASE_TIME,
    });
    return { runId: run.info.runId, store, client: createMlflowClient({ store, env: {} }) };
  }
  return { runId: await boundCreateRun(ctx.send, ctx.fixture.writeExperimentId, name, BASE_TIME) };
}

/** `client.logBatch` of M metrics + P params + T tags on a run the store created. */
export function logBatchWorkload(size: Sizes["logBatch"]): Workload<WriteRunState> {
  const batch = logBatchContent(size);
  const pluginBatches = splitLikeMlflowClient(batch);
  const { metrics: M, params: P, tags: T, keys } = size;
  const nextName = createNamer("batch");
  return {
    id: "log-batch",
    title: `logBatch: ${n(M)} metrics (${keys} keys) + ${n(P)} params + ${T} tags`,
    notes: {
      ours: "`client.logBatch` on a run the store created (the client splits it at MLflow's limits, as MLflow's client does)",
      plugin: `MLflow's client splits the batch into ${pluginBatches.length} ${pluginBatches.length === 1 ? "call" : "calls"}; each plugin \`log_batch\` is GET run + PATCH tags + one POST per metric and param, sequential`,
      bound:
        "one POST per metric point and param plus the tags' read + write, all in one stream at concurrency c (⌈(M + P + 2)/c⌉), plus 1 round trip for each key's latest point after its others",
    },
    pluginRequests: pluginBatches.reduce((sum, b) => sum + pluginLogBatchRequests(b), 0),
    bound: () => ({
      requests: M + P + 2,
      roundTrips: (c) => logBatchRoundTrips(size, c),
      formula: `1 + ⌈(${M} + ${P} + 2)/c⌉`,
    }),
    prepare: (ctx, series) => prepareWriteRun(ctx, series === "ours", nextName()),
    async ours(_ctx, state) {
      await (state.client as MlflowClient).logBatch(state.runId, batch);
    },
    async plugin(_ctx, state, send) {
      for (const chunk of pluginBatches) await pluginLogBatch(send, state.runId, chunk);
    },
    async lowerBound(ctx, state) {
      const scheduler = createScheduler(ctx.concurrency);
      await Promise.all([
        boundTags(scheduler, ctx.send, state.runId, batch.tags),
        boundParams(scheduler, ctx.send, state.runId, batch.params),
        boundMetrics(scheduler, ctx.send, state.runId, batch.metrics),
      ]);
    },
  };
}
