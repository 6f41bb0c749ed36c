import { createMlflowStore } from "@model-registry/mlflow-store";
import { createFakeRegistry } from "@model-registry/testing";
import { describe, expect, it } from "vitest";
import { createScheduler } from "../src/http/scheduler.js";
import { median } from "../src/measure.js";
import { PROFILES, STORE_DEFAULT_CONCURRENCY } from "../src/profiles.js";
import { renderResults } from "../src/report/render-results.js";
import { renderLineChart } from "../src/report/svg-chart.js";
import type { BenchResults } from "../src/run-bench.js";
import type { Cell, Prefix } from "../src/sections/matrix.js";
import { splitLikeMlflowClient } from "../src/workloads/batches.js";
import { metricPoints, params, tags } from "../src/workloads/data.js";
import { createWorkloads } from "../src/workloads/index.js";
import { poolRoundTrips } from "../src/workloads/plugin-pattern.js";

describe("the plugin's request counts at the issue's sizes", () => {
  const byId = Object.fromEntries(createWorkloads(PROFILES.full.sizes).map((w) => [w.id, w]));

  it("follows MLflow's client split and the plugin's log_batch (2 + M + P per call)", () => {
    const chunks = splitLikeMlflowClient({
      metrics: metricPoints(20, 50),
      params: params(100),
      tags: tags(10),
    });
    expect(chunks.map((c) => [c.metrics.length, c.params.length, c.tags.length])).toEqual([
      [890, 100, 10],
      [110, 0, 0],
    ]);
    expect(byId["log-batch"]?.pluginRequests).toBe(2 + 890 + 100 + 2 + 110);
  });

  it("counts the fluent training run call by call", () => {
    // by name 1, create_run 3, log_params 2 + 20, set_tags 2, 200 steps × (2 + 5), end 1
    expect(byId["training-sync"]?.pluginRequests).toBe(1 + 3 + 22 + 2 + 200 * 7 + 1);
    // MLflow's default async logging: the same log_batch calls, on 10 worker threads
    expect(byId["training-async"]?.pluginRequests).toBe(1 + 3 + 22 + 2 + 200 * 7 + 1);
    expect(byId["training-sync"]?.pluginRoundTrips).toBe(1429);
    // params (22) on one worker; tags (2) and 200 steps (7 each) over the 10 workers
    expect(byId["training-async"]?.pluginRoundTrips).toBe(
      1 + 3 + poolRoundTrips([22, 2, ...Array(200).fill(7)], 10) + 1,
    );
  });

  it("runs MLflow's async log_batch calls on 10 workers, one per request", () => {
    expect(poolRoundTrips([5, 5, 5], 2)).toBe(10);
    expect(poolRoundTrips([22, 2, ...Array(200).fill(7)], 10)).toBe(147);
    expect(byId["async-logging"]?.pluginRequests).toBe(1000 * (2 + 100));
    expect(byId["async-logging"]?.pluginRoundTrips).toBe(100 * 102);
  });

  it("uses the store's default concurrency in the full and quick profiles", () => {
    expect(PROFILES.full.concurrency).toBe(STORE_DEFAULT_CONCURRENCY);
    expect(PROFILES.quick.concurrency).toBe(STORE_DEFAULT_CONCURRENCY);
  });

  it("reads every run to answer a search and one history per run", () => {
    expect(byId["search-runs"]?.pluginRequests).toBe(2 + 2000);
    expect(byId["metric-history"]?.pluginRequests).toBe(10);
    expect(byId["get-run"]?.pluginRequests).toBe(2);
  });

  it("models the bound as dependent round trips + ⌈requests ÷ c⌉", () => {
    expect(byId["log-batch"]?.bound().roundTrips(8)).toBe(1 + Math.ceil(1102 / 8));
    expect(byId["training-sync"]?.bound().roundTrips(8)).toBe(5 + 3 + 200);
    expect(byId["async-logging"]?.bound(10).roundTrips(8)).toBe(1 + Math.ceil(1000 / 8));
    expect(byId["search-runs"]?.bound().roundTrips(8)).toBe(2);
  });
});

describe("the lower bound's scheduler", () => {
  it("keeps at most `concurrency` tasks in flight and starts urgent ones first", async () => {
    const scheduler = createScheduler(2);
    const started: string[] = [];
    let inFlight = 0;
    let peak = 0;
    const gates: (() => void)[] = [];
    const task = (name: string) => () => {
      started.push(name);
      inFlight++;
      peak = Math.max(peak, inFlight);
      return new Promise<void>((resolve) => {
        gates.push(() => {
          inFlight--;
          resolve();
        });
      });
    };
    const all = [
      scheduler.run(task("b1")),
      scheduler.run(task("b2")),
      scheduler.run(task("b3")),
      scheduler.run(task("u1"), true),
    ];
    expect(started).toEqual(["b1", "b2"]);
    gates.shift()?.();
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual(["b1", "b2", "u1"]);
    while (gates.length > 0 || started.length < 4) {
      gates.shift()?.();
      await new Promise((r) => setImmediate(r));
    }
    await Promise.all(all);
    expect(started).toEqual(["b1", "b2", "u1", "b3"]);
    expect(peak).toBe(2);
  });
});

describe("report helpers", () => {
  it("takes the median", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it("draws a log-scale chart with one polyline per series and a legend", () => {
    const svg = renderLineChart({
      title: "t <&>",
      xLabel: "x",
      yLabel: "y",
      xScale: "log2",
      yScale: "log10",
      xTicks: [1, 2, 4],
      series: [
        {
          name: "a",
          points: [
            [1, 10],
            [2, 100],
            [4, 1000],
          ],
          color: "#000",
        },
        {
          name: "b",
          points: [
            [1, 0],
            [2, 5],
            [4, 50],
          ],
          color: "#f00",
          dash: "2 2",
        },
      ],
    });
    expect(svg.match(/<polyline/g)).toHaveLength(2);
    expect(svg).toContain("t &lt;&amp;&gt;");
    expect(svg).not.toMatch(/NaN|Infinity/);
  });
});

describe("the results page", () => {
  const cell = (ms: number, requests: number, prefix?: Prefix): Cell => ({
    ms,
    samples: [ms],
    requests,
    loggedRequests: prefix ? prefix.done : requests,
    fakeCpuMs: 1,
    ...(prefix ? { prefix } : {}),
  });
  const results: BenchResults = {
    profile: PROFILES.full,
    concurrency: 8,
    machine: {
      cpuModel: "Test CPU",
      cores: 2,
      memoryGb: 4,
      os: "linux",
      node: "v20.0.0",
      loadAverage: [0, 0, 0],
    },
    startedAt: new Date("2026-01-01T00:00:00Z"),
    seconds: 421,
    overheadMs: 0.3,
    latencyChecks: [{ latencyMs: 20, requests: 16, concurrentMs: 23, sequentialMs: 340 }],
    workloads: [
      {
        id: "log-batch",
        title: "logBatch",
        notes: { ours: "o", plugin: "p", bound: "b" },
        pluginRequests: 1104,
        boundRequests: 1102,
        boundFormula: "1 + ⌈1102/c⌉",
      },
    ],
    matrix: [
      {
        workload: "log-batch",
        latencyMs: 10,
        concurrency: 8,
        ours: cell(2000, 1105),
        plugin: cell(11_000, 1104, { done: 70, full: 1104, unit: "requests" }),
        bound: cell(1500, 1102),
        boundModelMs: 1390,
        boundRoundTrips: 139,
      },
      {
        workload: "log-batch",
        latencyMs: 20,
        concurrency: 8,
        ours: cell(4000, 1105),
        plugin: cell(22_000, 1104, { done: 36, full: 1104, unit: "requests" }),
        boundModelMs: 2780,
        boundRoundTrips: 139,
      },
    ],
    curve: [],
    throughput: [],
    queueMemory: [{ keys: 100, acceptedPoints: 10_000, retainedBytes: 2 * 2 ** 20 }],
    packageBenches: [],
  };

  it("marks prefixes, falls back to the model where the bound was not measured, and states the run", () => {
    const { markdown, files } = renderResults(results);
    expect(markdown).toContain("the run took 7 min 1 s");
    expect(markdown).toContain("Test CPU, 2 cores");
    expect(markdown).toContain(
      "at 20 ms, 16 GETs at once took 23.0 ms and one after the other 340 ms",
    );
    expect(markdown).toContain(
      "| 10 ms | 2,000 | 1,105 | 11,000† | 1,104† | 1,390 | 1,500 | 0.18 | 1.33 | 1.44 |",
    );
    expect(markdown).toContain(
      "| 20 ms | 4,000 | 1,105 | 22,000† | 1,104† | 2,780 | not measured | 0.18 | 1.44 (model) | 1.44 |",
    );
    expect(markdown).toContain(
      "plugin at 10 ms: 70 of 1,104 requests; plugin at 20 ms: 36 of 1,104 requests",
    );
    expect(markdown).toContain(
      "| logBatch | 2,000 | 11,000† | 1,500 | 0.18 | 5.50× | 1.33 | 1.44 | 1,105 / 1,104 / 1,102 |",
    );
    expect(markdown).toContain("2.0 MB for 10,000 points of 100 keys (210 bytes a point)");
    expect(markdown).toContain(
      "| logBatch | `client.logBatch` against the plugin's `log_batch` calls (MLflow's client splits the batch; each call is sequential) | 5.5× | 1,104 / 139 = 7.9× | no (out of reach) |",
    );
    expect(markdown).toContain("| logBatch | 1.33 | 1.44 | yes |");
    expect(Object.keys(files)).toEqual(["plots/log-batch.svg"]);
  });
});

describe("the profiles describe the store as it ships", () => {
  it("STORE_DEFAULT_CONCURRENCY is the store's default: the most metric writes it keeps in flight", async () => {
    const fake = createFakeRegistry();
    let inFlight = 0;
    let peak = 0;
    const fetch: typeof globalThis.fetch = async (input, init) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      try {
        return await fake.fetch(input as Request, init);
      } finally {
        inFlight--;
      }
    };
    const store = createMlflowStore({
      trackingUri: "modelregistry+http://registry.test:8080",
      fetch,
      env: {},
      artifactLocation: "s3://bench",
    });
    const experimentId = await store.createExperiment("default-concurrency");
    const run = await store.createRun({ experimentId, startTime: 1 });
    await store.logBatch(run.info.runId, { metrics: metricPoints(1, 500, "loss") });
    expect(peak).toBe(STORE_DEFAULT_CONCURRENCY);
  });
});
