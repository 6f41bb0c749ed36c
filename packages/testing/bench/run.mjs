// Benchmark of the fake registry (run after `pnpm build`): requests/s of the standalone server on
// loopback next to a bare node:http server, and the cost of loading and querying a large state.
import { createServer } from "node:http";
import autocannon from "autocannon";
import { createFakeRegistry } from "../dist/index.js";
import { startFakeRegistryServer } from "../dist/node.js";

const P = "/api/model_registry/v1alpha3";
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 5);
const RUNS = Number(process.env.BENCH_RUNS ?? 100_000);
const HISTORY = Number(process.env.BENCH_HISTORY ?? 1_000_000);

function cannon(url, duration = DURATION_S) {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections: 10, duration }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
  });
}

/** One second of warm-up (JIT), then the measured run. */
async function measure(url) {
  await cannon(url, 1);
  return cannon(url);
}

function mb(bytes) {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

async function throughput() {
  const bare = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json; charset=UTF-8" });
    res.end('{"id":"1","name":"bare"}\n');
  });
  await new Promise((resolve) => bare.listen(0, "127.0.0.1", resolve));
  const bareResult = await measure(`http://127.0.0.1:${bare.address().port}/`);
  bare.close();

  const server = await startFakeRegistryServer({ requestLogLimit: 1000 });
  const created = await fetch(`${server.url}${P}/experiments`, {
    method: "POST",
    body: JSON.stringify({ name: "bench", description: "an experiment to fetch" }),
  }).then((r) => r.json());
  const fakeResult = await measure(`${server.url}${P}/experiments/${created.id}`);
  await server.close();
  const non2xx = fakeResult.non2xx + fakeResult.errors;
  return [
    ["bare node:http GET (req/s, mean)", Math.round(bareResult.requests.average)],
    ["fake GET /experiments/{id} (req/s, mean)", Math.round(fakeResult.requests.average)],
    ["fake p50 / p99 latency (ms)", `${fakeResult.latency.p50} / ${fakeResult.latency.p99}`],
    ["fake non-2xx or errors", non2xx],
  ];
}

function buildSnapshot() {
  const t = 1_700_000_000_000;
  const experiments = [];
  for (let e = 1; e <= 100; e += 1) {
    experiments.push({
      id: String(e),
      name: `exp-${e}`,
      state: "LIVE",
      customProperties: {},
      createTimeSinceEpoch: String(t),
      lastUpdateTimeSinceEpoch: String(t),
    });
  }
  const experimentRuns = [];
  for (let r = 0; r < RUNS; r += 1) {
    const id = 101 + r;
    const experimentId = String(1 + (r % 100));
    experimentRuns.push({
      id: String(id),
      name: `run-${r}`,
      experimentId,
      status: r % 10 === 0 ? "FINISHED" : "RUNNING",
      state: "LIVE",
      customProperties: {
        team: { metadataType: "MetadataStringValue", string_value: `team-${r % 7}` },
      },
      createTimeSinceEpoch: String(t + r),
      lastUpdateTimeSinceEpoch: String(t + r),
    });
  }
  const metricHistory = [];
  for (let h = 0; h < HISTORY; h += 1) {
    const runId = String(101 + (h % RUNS));
    metricHistory.push({
      id: String(h + 1),
      name: h % 2 ? "loss" : "accuracy",
      artifactType: "metric",
      value: (h % 100) / 100,
      step: h % 50,
      experimentId: String(1 + ((h % RUNS) % 100)),
      experimentRunId: runId,
      customProperties: {},
      createTimeSinceEpoch: String(t + h),
      lastUpdateTimeSinceEpoch: String(t + h),
    });
  }
  return { format: "model-registry-fake/v1", experiments, experimentRuns, metricHistory };
}

async function scale() {
  const snapshot = buildSnapshot();
  global.gc?.();
  const before = process.memoryUsage();
  const t0 = performance.now();
  const registry = createFakeRegistry({ initialState: snapshot });
  const loadMs = performance.now() - t0;
  global.gc?.();
  const after = process.memoryUsage();
  const get = async (path) => {
    const start = performance.now();
    const response = await registry.fetch(`http://bench.test${P}${path}`);
    const body = await response.json();
    return { ms: performance.now() - start, body };
  };
  const filter = encodeURIComponent('status = "FINISHED" AND team = "team-3"');
  const page1 = await get(`/experiment_runs?pageSize=100&filterQuery=${filter}`);
  const page2 = await get(
    `/experiment_runs?pageSize=100&filterQuery=${filter}&nextPageToken=${encodeURIComponent(page1.body.nextPageToken)}`,
  );
  const byParent = await get(
    `/experiment_runs?pageSize=100&filterQuery=${encodeURIComponent('experimentId = 42 AND status = "FINISHED"')}`,
  );
  const history = await get(
    `/experiment_runs/metric_history?pageSize=100&name=loss&filterQuery=${encodeURIComponent("value > 0.5")}`,
  );
  const desc = await get(
    `/experiment_runs?pageSize=100&orderBy=CREATE_TIME&sortOrder=DESC&filterQuery=${filter}`,
  );
  return [
    [`load ${RUNS} runs + ${HISTORY} history records (ms)`, Math.round(loadMs)],
    ["heap used by the loaded state", mb(after.heapUsed - before.heapUsed)],
    ["process RSS after load", mb(after.rss)],
    ["filtered page of 100 runs, first page (ms)", page1.ms.toFixed(1)],
    ["filtered page of 100 runs, second page (ms)", page2.ms.toFixed(1)],
    ["page of 100 runs with experimentId = N (index) (ms)", byParent.ms.toFixed(1)],
    ["page of 100 history records, name + filter (ms)", history.ms.toFixed(1)],
    ["filtered page of 100 runs by CREATE_TIME DESC (ms)", desc.ms.toFixed(1)],
  ];
}

const rows = [...(await throughput()), ...(await scale())];
const width = Math.max(...rows.map(([label]) => label.length));
console.log(
  `model-registry-fake benchmark (node ${process.version}, 1 s warm-up + ${DURATION_S} s per autocannon run, 10 connections)`,
);
for (const [label, value] of rows) console.log(`${label.padEnd(width)}  ${value}`);
