import type { MlflowStore } from "@model-registry/mlflow-store";
import type { Sizes } from "../profiles.js";
import { n } from "./data.js";
import { pluginGetRun } from "./plugin-pattern.js";
import type { Workload } from "./workload.js";

/** `getRun` of a run with many metrics, from a fresh store. */
export function getRunWorkload(size: Sizes["getRun"]): Workload<{ store?: MlflowStore }> {
  return {
    id: "get-run",
    title: `getRun of a run with ${n(size.metrics)} metrics`,
    notes: {
      ours: "`store.getRun` from a fresh store",
      plugin: "GET run, then the run's artifacts in pages of 1000, sequential",
      bound: "the run and all its artifacts: 2 independent GETs, one round trip",
    },
    pluginRequests: 1 + Math.max(1, Math.ceil((size.metrics + 1) / 1000)),
    bound: () => ({ requests: 2, roundTrips: (c) => Math.ceil(2 / c), formula: "⌈2/c⌉" }),
    async prepare(ctx, series) {
      return series === "ours" ? { store: ctx.newStore() } : {};
    },
    async ours(ctx, state) {
      await (state.store as MlflowStore).getRun(ctx.fixture.bigRunId);
    },
    async plugin(ctx, _state, send) {
      await pluginGetRun(send, ctx.fixture.bigRunId);
    },
    async lowerBound(ctx) {
      const id = ctx.fixture.bigRunId;
      await Promise.all([
        ctx.send("GET", `/experiment_runs/${id}`),
        ctx.send("GET", `/experiment_runs/${id}/artifacts`),
      ]);
    },
  };
}
