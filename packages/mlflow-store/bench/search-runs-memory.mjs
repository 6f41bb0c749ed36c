// Memory and time of one searchRuns over a large experiment, against the fake registry on
// 127.0.0.1 (in this process) while each search runs in a fresh child process, so the child's
// peak resident memory belongs to the store alone. Build first:
//   pnpm --filter @model-registry/testing build && pnpm --filter @model-registry/mlflow-store build
//   node packages/mlflow-store/bench/search-runs-memory.mjs [--runs 20000] [--reps 3]
import { spawn } from "node:child_process";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "20000" },
    reps: { type: "string", default: "3" },
    child: { type: "string" },
    case: { type: "string" },
    "page-size": { type: "string" },
  },
});

const CASES = {
  "no filter, default order, page 100": { maxResults: 100 },
  "metric+param+tag filter, order by metric, page 100": {
    filterString: "metrics.acc > 0.2 AND params.model = 'mlp' AND tags.parity = 'odd'",
    orderBy: ["metrics.acc DESC"],
    maxResults: 100,
  },
  "selective param filter (1 run in 3), page 100": {
    filterString: "params.model = 'cnn'",
    maxResults: 100,
  },
};

if (values.child) {
  // Child: one search, then report wall time and memory as JSON on stdout.
  const { createRegistryClient } = await import("@model-registry/registry-client");
  const { createMlflowStore } = await import("../dist/index.js");
  const store = createMlflowStore({
    client: createRegistryClient({ baseUrl: values.child, retry: false }),
    artifactLocation: "s3://bench",
    ...(values["page-size"] ? { searchPageSize: Number(values["page-size"]) } : {}),
  });
  globalThis.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const start = performance.now();
  const page = await store.searchRuns({ experimentIds: ["1"], ...CASES[values.case] });
  const ms = performance.now() - start;
  const peakRss = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(
    JSON.stringify({
      ms,
      items: page.items.length,
      peakGrowthMb: (peakRss - rssBefore) / 2 ** 20,
    }),
  );
  process.exit(0);
}

const { startFakeRegistryServer } = await import("@model-registry/testing/node");

/** Experiment 1 with `n` runs in the Python plugin's layout (tags, a param, two metrics). */
function snapshot(n) {
  const str = (value) => ({ metadataType: "MetadataStringValue", string_value: value });
  const experimentRuns = [];
  const artifacts = [];
  let artifactId = 1;
  for (let i = 0; i < n; i++) {
    const id = String(i + 2);
    const start = String(1_000_000 + i);
    experimentRuns.push({
      id,
      experimentId: "1",
      name: `run-${i}`,
      status: "FINISHED",
      state: "LIVE",
      startTimeSinceEpoch: start,
      externalId: `s3://bench/1/${id}`,
      customProperties: {
        "mlflow.runName": str(`run-${i}`),
        "mlflow.user": str("bench"),
        "mlflow.source.name": str("train.py"),
        parity: str(i % 2 ? "odd" : "even"),
      },
      createTimeSinceEpoch: start,
      lastUpdateTimeSinceEpoch: start,
    });
    const common = {
      experimentId: "1",
      experimentRunId: id,
      customProperties: {},
      createTimeSinceEpoch: start,
      lastUpdateTimeSinceEpoch: start,
    };
    for (const [key, value] of [
      ["acc", i / n],
      ["loss", 1 - i / n],
    ]) {
      artifacts.push({
        id: String(artifactId++),
        artifactType: "metric",
        name: key,
        value,
        step: 1,
        timestamp: "5",
        ...common,
      });
    }
    artifacts.push({
      id: String(artifactId++),
      artifactType: "parameter",
      name: "model",
      value: i % 3 === 0 ? "cnn" : "mlp",
      parameterType: "string",
      ...common,
    });
  }
  return {
    format: "model-registry-fake/v1",
    nextIds: { context: n + 10, artifact: artifactId + 10 },
    experiments: [
      {
        id: "1",
        name: "big",
        externalId: "s3://bench/1",
        state: "LIVE",
        customProperties: {},
        createTimeSinceEpoch: "1000000",
        lastUpdateTimeSinceEpoch: "1000000",
      },
    ],
    experimentRuns,
    artifacts,
    metricHistory: [],
  };
}

function runChild(url, name, pageSize) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        "--expose-gc",
        fileURLToPath(import.meta.url),
        "--child",
        url,
        "--case",
        name,
        ...(pageSize ? ["--page-size", String(pageSize)] : []),
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
    });
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`child exited with ${code}`)),
    );
  });
}

const N = Number(values.runs);
const REPS = Number(values.reps);
const server = await startFakeRegistryServer({
  host: "127.0.0.1",
  port: 0,
  initialState: snapshot(N),
});
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`searchRuns over ${N} runs (fake registry on 127.0.0.1; median of ${REPS} children)`);
console.log(
  "| search | searchPageSize | requests | runs returned | median ms | peak RSS growth (MB) |",
);
console.log("|---|---|---|---|---|---|");
for (const name of Object.keys(CASES)) {
  for (const pageSize of [undefined, 1000, 5000]) {
    const results = [];
    server.registry.clearRequests();
    for (let i = 0; i < REPS; i++) results.push(await runChild(server.url, name, pageSize));
    const requests = server.registry.requests.length / REPS;
    const ms = median(results.map((r) => r.ms)).toFixed(0);
    const mb = median(results.map((r) => r.peakGrowthMb)).toFixed(0);
    console.log(
      `| ${name} | ${pageSize ?? "–"} | ${requests} | ${results[0].items} | ${ms} | ${mb} |`,
    );
  }
}
await server.close();
