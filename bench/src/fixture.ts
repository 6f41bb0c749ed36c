import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createMlflowClient, createMlflowStore } from "@model-registry/mlflow-store";
import { createRegistryClient } from "@model-registry/registry-client";
import { createFakeRegistry } from "@model-registry/testing";
import type { Sizes } from "./profiles.js";
import { BASE_TIME, metricPoints } from "./workloads/data.js";

/** The registry state every fake process starts from, written by the store itself. */
export interface Fixture {
  /** JSON snapshot of the state. */
  readonly stateFile: string;
  /** Experiment the training runs use (looked up by name). */
  readonly trainingExperimentName: string;
  /** Experiment of the runs that logBatch and async logging write to. */
  readonly writeExperimentId: string;
  /** Experiment with `sizes.search.runs` runs (metrics acc and loss, params model and lr, tag parity). */
  readonly searchExperimentId: string;
  /** A run with `sizes.getRun.metrics` metrics. */
  readonly bigRunId: string;
  /** Runs with a `loss` history of `sizes.history.steps` points each. */
  readonly historyRunIds: readonly string[];
  /** Removes the state file. */
  dispose(): void;
}

/** In-flight store calls while building (the fixture is built in-process, without latency). */
const BUILD_CONCURRENCY = 32;

async function inSlices<T>(count: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let start = 0; start < count; start += BUILD_CONCURRENCY) {
    const slice = Array.from({ length: Math.min(BUILD_CONCURRENCY, count - start) }, (_, j) =>
      task(start + j),
    );
    out.push(...(await Promise.all(slice)));
  }
  return out;
}

/**
 * Builds the benchmark's starting state through the store's public API against an in-process fake
 * (so the layout is exactly what the store writes and reads), and writes it to a temporary file.
 */
export async function buildFixture(sizes: Sizes): Promise<Fixture> {
  const registry = createFakeRegistry({ requestLogLimit: 1 });
  const store = createMlflowStore({
    client: createRegistryClient({ baseUrl: "http://fixture.local", fetch: registry.fetch }),
    artifactLocation: "s3://bench",
    concurrency: 16,
    env: {},
  });
  const client = createMlflowClient({ store, env: {} });

  const trainingExperimentName = "bench-training";
  await store.createExperiment(trainingExperimentName);
  const writeExperimentId = await store.createExperiment("bench-writes");
  const searchExperimentId = await store.createExperiment("bench-search");
  const readExperimentId = await store.createExperiment("bench-reads");

  const n = sizes.search.runs;
  await inSlices(n, async (i) => {
    const run = await store.createRun({
      experimentId: searchExperimentId,
      runName: `search-${i}`,
      startTime: BASE_TIME + i,
      tags: { parity: i % 2 ? "odd" : "even" },
    });
    await store.logBatch(run.info.runId, {
      metrics: [
        { key: "acc", value: ((i * 7919) % n) / n, timestamp: BASE_TIME + i, step: 1 },
        { key: "loss", value: 1 - ((i * 7919) % n) / n, timestamp: BASE_TIME + i, step: 1 },
      ],
      params: [
        { key: "model", value: i % 3 === 0 ? "cnn" : "mlp" },
        { key: "lr", value: String(10 ** -(1 + (i % 4))) },
      ],
    });
  });

  const big = await store.createRun({ experimentId: readExperimentId, runName: "big" });
  await client.logBatch(big.info.runId, {
    metrics: metricPoints(sizes.getRun.metrics, 1, "metric_"),
    params: [{ key: "model", value: "mlp" }],
  });

  const historyRunIds = await inSlices(sizes.history.runs, async (i) => {
    const run = await store.createRun({ experimentId: readExperimentId, runName: `history-${i}` });
    await client.logBatch(run.info.runId, {
      metrics: metricPoints(1, sizes.history.steps, "loss"),
    });
    return run.info.runId;
  });

  const dir = mkdtempSync(join(tmpdir(), "model-registry-bench-"));
  const stateFile = join(dir, "state.json");
  writeFileSync(stateFile, JSON.stringify(registry.snapshot()));
  await registry.close();
  return {
    stateFile,
    trainingExperimentName,
    writeExperimentId,
    searchExperimentId,
    bigRunId: big.info.runId,
    historyRunIds,
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
