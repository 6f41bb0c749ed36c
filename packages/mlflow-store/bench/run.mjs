// Request counts and wall time per store operation against the fake registry over a real port
// (127.0.0.1), next to the Python plugin's request counts. Build first:
//   pnpm --filter @model-registry/testing build && pnpm --filter @model-registry/mlflow-store build
//   pnpm --filter @model-registry/mlflow-store bench [-- --latency 2 --runs 1000]
import { parseArgs } from "node:util";
import { createRegistryClient } from "@model-registry/registry-client";
import { startFakeRegistryServer } from "@model-registry/testing/node";
import { createMlflowStore } from "../dist/index.js";
import { printRequestTable, requestTable } from "./request-table.mjs";

const { values } = parseArgs({
  options: {
    latency: { type: "string", default: "0" },
    runs: { type: "string", default: "1000" },
    reps: { type: "string", default: "5" },
  },
});
const LATENCY = Number(values.latency);
const SEARCH_RUNS = Number(values.runs);
const REPS = Number(values.reps);

const server = await startFakeRegistryServer({ host: "127.0.0.1", port: 0, latencyMs: LATENCY });
const registry = server.registry;
const newStore = (options = {}) =>
  createMlflowStore({
    client: createRegistryClient({ baseUrl: server.url, retry: false }),
    artifactLocation: "s3://bench",
    ...options,
  });
const store = newStore();
const { rows, measure } = requestTable(registry, REPS);
let seq = 0;

const experimentId = await store.createExperiment("bench");
const run = await store.createRun({ experimentId });
const runId = run.info.runId;
await store.logBatch(runId, {
  metrics: Array.from({ length: 40 }, (_, i) => ({
    key: `m${i}`,
    value: i,
    timestamp: 1,
    step: 0,
  })),
  params: Array.from({ length: 10 }, (_, i) => ({ key: `p${i}`, value: "v" })),
});

await measure("createExperiment", "2", () => store.createExperiment(`e${seq++}`));
await measure("getExperiment", "1", () => store.getExperiment(experimentId));
await measure("getExperimentByName", "1", () => store.getExperimentByName("bench"));
await measure("searchExperiments (1 page)", "1", () => store.searchExperiments({ maxResults: 10 }));
await measure("setExperimentTag", "2", (i) =>
  store.setExperimentTag(experimentId, { key: `k${i}`, value: "v" }),
);
await measure("createRun (experiment known)", "3", () => store.createRun({ experimentId }));
await measure("createRun (new store)", "3", () => newStore().createRun({ experimentId }));
await measure("getRun (50 artifacts)", "≥2", () => newStore().getRun(runId));
await measure("updateRunInfo", "1", () => store.updateRunInfo(runId, { status: "RUNNING" }));
await measure("logMetric", "1", (i) =>
  store.logMetric(runId, { key: "loss", value: 1 / (i + 1), timestamp: 10 + i, step: i }),
);
await measure("logParam", "1", (i) => store.logParam(runId, { key: `lp${i}`, value: "1" }));
await measure("setTag", "2", (i) => store.setTag(runId, { key: `t${i}`, value: "v" }));
await measure("deleteTag", "2", (i) => store.deleteTag(runId, `t${i}`));
await measure("logBatch(100 metrics, 20 params, 10 tags)", "122", (i) =>
  store.logBatch(runId, {
    metrics: Array.from({ length: 100 }, (_, j) => ({
      key: `b${j % 10}`,
      value: j,
      timestamp: 100 + i * 100 + j,
      step: i * 100 + j,
    })),
    params: Array.from({ length: 20 }, (_, j) => ({ key: `bp${i}_${j}`, value: "v" })),
    tags: Array.from({ length: 10 }, (_, j) => ({ key: `bt${j}`, value: String(i) })),
  }),
);
const sequential = newStore({ concurrency: 1 });
await sequential.getRun(runId);
await measure("logBatch(100 metrics), concurrency 1 (sequential, as the plugin)", "100", (i) =>
  sequential.logBatch(runId, {
    metrics: Array.from({ length: 100 }, (_, j) => ({
      key: `s${j}`,
      value: i,
      timestamp: 10 + i,
      step: i,
    })),
  }),
);
await measure("logBatch(100 metrics), concurrency 32 (default)", "100", (i) =>
  store.logBatch(runId, {
    metrics: Array.from({ length: 100 }, (_, j) => ({
      key: `c${j}`,
      value: i,
      timestamp: 10 + i,
      step: i,
    })),
  }),
);
await measure(`getMetricHistory (${REPS * 10} points)`, "1 per page", () =>
  store.getMetricHistory(runId, "b3"),
);
await measure("deleteRun", "1", () => store.deleteRun(runId));
await measure("restoreRun", "1", () => store.restoreRun(runId));

// searchRuns over a large experiment.
const big = await store.createExperiment("bench-big");
for (let start = 0; start < SEARCH_RUNS; start += 50) {
  await Promise.all(
    Array.from({ length: Math.min(50, SEARCH_RUNS - start) }, async (_, j) => {
      const i = start + j;
      const r = await store.createRun({
        experimentId: big,
        startTime: 1_000 + i,
        tags: { parity: i % 2 ? "odd" : "even" },
      });
      await store.logBatch(r.info.runId, {
        metrics: [{ key: "acc", value: i / SEARCH_RUNS, timestamp: 1, step: 0 }],
        params: [{ key: "model", value: i % 3 === 0 ? "cnn" : "mlp" }],
      });
    }),
  );
}
const N = SEARCH_RUNS;
await measure(`searchRuns (${N} runs, no filter, page 100)`, `${1 + N}`, () =>
  newStore().searchRuns({ experimentIds: [big], maxResults: 100 }),
);
await measure(
  `searchRuns (${N} runs, metric+param+tag filter, order by metric)`,
  `${1 + N} (filter ignored)`,
  () =>
    newStore().searchRuns({
      experimentIds: [big],
      filterString: "metrics.acc > 0.2 AND params.model = 'mlp' AND tags.parity = 'odd'",
      orderBy: ["metrics.acc DESC"],
      maxResults: 100,
    }),
);
await measure(
  `deleteExperiment (${N} runs)`,
  "1 (no cascade)",
  () => store.deleteExperiment(big),
  1,
);
await measure(
  `restoreExperiment (${N} runs)`,
  "1 (no cascade)",
  () => store.restoreExperiment(big),
  1,
);

await server.close();

printRequestTable(rows, { python: "python plugin", latency: LATENCY, reps: REPS });
