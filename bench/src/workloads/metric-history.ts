import type { MlflowStore } from "@model-registry/mlflow-store";
import type { Sizes } from "../profiles.js";
import { n } from "./data.js";
import { pluginGetMetricHistory } from "./plugin-pattern.js";
import type { Workload } from "./workload.js";

/** The metric history of several runs (one key each), from a fresh store. */
export function metricHistoryWorkload(size: Sizes["history"]): Workload<{ store?: MlflowStore }> {
  return {
    id: "metric-history",
    title: `metric history of ${size.runs} runs × ${n(size.steps)} steps`,
    notes: {
      ours: "`store.getMetricHistoryBulk` of the ten runs (MLflow's `get_metric_history_bulk`, one request per 100 runs), fresh store",
      plugin:
        "`get_metric_history_bulk`: one GET per run (MLflow's client asks for pages of 25,000), sequential",
      bound: "one GET of the registry's cross-run history endpoint (`experimentRunId IN (…)`)",
    },
    pluginRequests: size.runs,
    bound: () => ({ requests: 1, roundTrips: () => 1, formula: "1" }),
    async prepare(ctx, series) {
      return series === "ours" ? { store: ctx.newStore() } : {};
    },
    async ours(ctx, state) {
      const store = state.store as MlflowStore;
      const points = await store.getMetricHistoryBulk(ctx.fixture.historyRunIds, "loss");
      if (points.length !== size.runs * size.steps) {
        throw new Error("getMetricHistoryBulk returned an incomplete history");
      }
    },
    async plugin(ctx, _state, send) {
      for (const id of ctx.fixture.historyRunIds) await pluginGetMetricHistory(send, id, "loss");
    },
    async lowerBound(ctx) {
      const filter = encodeURIComponent(
        `experimentRunId IN (${ctx.fixture.historyRunIds.join(", ")})`,
      );
      const list = (await ctx.send(
        "GET",
        `/experiment_runs/metric_history?name=loss&filterQuery=${filter}`,
      )) as { items: unknown[] };
      if (list.items.length !== size.runs * size.steps) {
        throw new Error("the cross-run history read returned an incomplete history");
      }
    },
  };
}
