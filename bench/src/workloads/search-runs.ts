import type { MlflowStore } from "@model-registry/mlflow-store";
import type { Sizes } from "../profiles.js";
import { n } from "./data.js";
import { pluginSearchRuns } from "./plugin-pattern.js";
import type { Workload } from "./workload.js";

const FILTER = "metrics.acc > 0.2 AND params.model = 'mlp'";

interface ArtifactItem {
  readonly name?: string;
  readonly experimentRunId?: string;
  readonly value?: unknown;
}

/** `searchRuns` with a metric + param filter, ordered by a metric, first page. */
export function searchRunsWorkload(size: Sizes["search"]): Workload<{ store?: MlflowStore }> {
  return {
    id: "search-runs",
    title: `searchRuns: metric + param filter, ordered by a metric, ${n(size.runs)} runs, first page of ${size.pageSize}`,
    notes: {
      ours: `\`store.searchRuns\` (\`${FILTER}\`, order \`metrics.acc DESC\`) from a fresh store`,
      plugin:
        "the plugin ignores filter and order, so answering them takes every run: list the experiment's runs (pages of 1000), then GET each run's artifacts, sequential (its own call reads one page and returns unfiltered runs)",
      bound:
        "wave 1: the experiment's runs and the artifacts the filter and order name (2 GETs); wave 2: the page's runs' artifacts (1 GET), which depend on the filtered order",
    },
    pluginRequests: Math.max(1, Math.ceil(size.runs / 1000)) + size.runs,
    bound: () => ({ requests: 3, roundTrips: (c) => 1 + Math.ceil(2 / c), formula: "1 + ⌈2/c⌉" }),
    async prepare(ctx, series) {
      return series === "ours" ? { store: ctx.newStore() } : {};
    },
    async ours(ctx, state) {
      const page = await (state.store as MlflowStore).searchRuns({
        experimentIds: [ctx.fixture.searchExperimentId],
        filterString: FILTER,
        orderBy: ["metrics.acc DESC"],
        maxResults: size.pageSize,
      });
      if (page.items.length === 0) throw new Error("searchRuns found no run");
    },
    async plugin(ctx, _state, send) {
      await pluginSearchRuns(send, ctx.fixture.searchExperimentId);
    },
    async lowerBound(ctx) {
      const id = ctx.fixture.searchExperimentId;
      const q = (filter: string) => `filterQuery=${encodeURIComponent(filter)}`;
      const [, candidates] = (await Promise.all([
        ctx.send("GET", `/experiment_runs?${q(`experimentId = ${id} AND state = "LIVE"`)}`),
        ctx.send(
          "GET",
          `/artifacts?${q(`experimentId = ${id} AND (name = "acc" OR (name = "model" AND value.string_value = "mlp"))`)}`,
        ),
      ])) as [unknown, { items: ArtifactItem[] }];
      const acc = new Map<string, number>();
      const mlp = new Set<string>();
      for (const item of candidates.items) {
        const run = item.experimentRunId ?? "";
        if (item.name === "acc") acc.set(run, Number(item.value));
        else mlp.add(run);
      }
      const page = [...acc]
        .filter(([run, value]) => value > 0.2 && mlp.has(run))
        .sort((a, b) => b[1] - a[1])
        .slice(0, size.pageSize)
        .map(([run]) => run);
      if (page.length === 0) throw new Error("the lower bound's search found no run");
      await ctx.send("GET", `/artifacts?${q(`experimentRunId IN (${page.join(", ")})`)}`);
    },
  };
}
