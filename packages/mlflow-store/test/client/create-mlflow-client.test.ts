import { describe, expect, it } from "vitest";
import { createMlflowClient } from "../../src/client/create-mlflow-client.js";
import { MlflowError } from "../../src/mlflow-error.js";
import type { AsyncLoggingHandle, MlflowStore } from "../../src/types.js";

interface StoreCall {
  method: string;
  args: unknown[];
}

/** A store that records every call and answers from `answers` (default: undefined). */
function recordingStore(
  answers: Partial<Record<keyof MlflowStore, (...args: never[]) => unknown>> = {},
) {
  const calls: StoreCall[] = [];
  const store = new Proxy({} as MlflowStore, {
    get(_target, property) {
      const method = String(property);
      return (...args: unknown[]) => {
        calls.push({ method, args });
        const answer = answers[method as keyof MlflowStore] as
          | ((...a: unknown[]) => unknown)
          | undefined;
        if (answer) return answer(...args);
        if (method === "logBatchAsync") {
          return {
            accepted: Promise.resolve(),
            wait: () => Promise.resolve(),
          } satisfies AsyncLoggingHandle;
        }
        return Promise.resolve(undefined);
      };
    },
  });
  return { store, calls, methods: () => calls.map((c) => c.method) };
}

const NOW = 1_700_000_000_123;

describe("createMlflowClient", () => {
  it("creates runs with MLflow client defaults: start time now, user from the mlflow.user tag or the current user", async () => {
    const { store, calls } = recordingStore();
    const client = createMlflowClient({ store, now: () => NOW + 0.7, env: { USER: "ada" } });
    await client.createRun("7", { tags: { team: "vision", attempt: 3 }, runName: "r1" });
    await client.createRun("7", { tags: { "mlflow.user": "bob" }, startTime: 5 });
    expect(calls.map((c) => c.args[0])).toEqual([
      {
        experimentId: "7",
        userId: "ada",
        startTime: NOW,
        tags: [
          { key: "team", value: "vision" },
          { key: "attempt", value: "3" },
        ],
        runName: "r1",
      },
      {
        experimentId: "7",
        userId: "bob",
        startTime: 5,
        tags: [{ key: "mlflow.user", value: "bob" }],
      },
    ]);
  });

  it("logs a metric with timestamp now and step 0 unless given", async () => {
    const { store, calls } = recordingStore();
    const client = createMlflowClient({ store, now: () => NOW, env: {} });
    await client.logMetric("r", "loss", 0.5);
    await client.logMetric("r", "loss", 0.25, { step: 3, timestamp: 42 });
    expect(calls).toEqual([
      { method: "logMetric", args: ["r", { key: "loss", value: 0.5, timestamp: NOW, step: 0 }] },
      { method: "logMetric", args: ["r", { key: "loss", value: 0.25, timestamp: 42, step: 3 }] },
    ]);
  });

  it("stringifies param and tag values and returns the stored param value", async () => {
    const { store, calls } = recordingStore();
    const client = createMlflowClient({ store, env: {} });
    expect(await client.logParam("r", "layers", [64, 32])).toBe("[64,32]");
    expect(await client.logParam("r", "lr", 0.1)).toBe("0.1");
    await client.setTag("r", "flag", true);
    expect(calls.map((c) => c.args[1])).toEqual([
      { key: "layers", value: "[64,32]" },
      { key: "lr", value: "0.1" },
      { key: "flag", value: "true" },
    ]);
  });

  it("routes writes through the async queue when asked, per call or by MLFLOW_ENABLE_ASYNC_LOGGING", async () => {
    const perCall = recordingStore();
    const client = createMlflowClient({ store: perCall.store, now: () => NOW, env: {} });
    await client.logMetric("r", "m", 1, { synchronous: false });
    await client.setTag("r", "t", "v", { synchronous: false });
    expect(perCall.calls).toEqual([
      {
        method: "logBatchAsync",
        args: ["r", { metrics: [{ key: "m", value: 1, timestamp: NOW, step: 0 }] }],
      },
      { method: "logBatchAsync", args: ["r", { tags: [{ key: "t", value: "v" }] }] },
    ]);

    const byEnv = recordingStore();
    const asyncClient = createMlflowClient({
      store: byEnv.store,
      env: { MLFLOW_ENABLE_ASYNC_LOGGING: "true" },
    });
    await asyncClient.logParam("r", "p", 1);
    await asyncClient.logParam("r", "q", 2, { synchronous: true });
    expect(byEnv.methods()).toEqual(["logBatchAsync", "logParam"]);
  });

  it("splits oversized batches within MLflow's limits and skips empty ones", async () => {
    const { store, calls } = recordingStore();
    const client = createMlflowClient({ store, now: () => NOW, env: {} });
    await client.logBatch("r", {});
    expect(calls).toEqual([]);
    const params = Array.from({ length: 230 }, (_, i) => ({ key: `p${i}`, value: i }));
    const metrics = Array.from({ length: 1500 }, (_, i) => ({ key: "m", value: i, step: i }));
    await client.logBatch("r", { params, metrics });
    const batches = calls.map(
      (c) => c.args[1] as { metrics: unknown[]; params: unknown[]; tags: unknown[] },
    );
    expect(batches.map((b) => [b.params.length, b.metrics.length])).toEqual([
      [100, 900],
      [100, 600],
      [30, 0],
    ]);
    expect(batches[0]?.metrics[0]).toEqual({ key: "m", value: 0, step: 0, timestamp: NOW });
    expect(batches[0]?.params[1]).toEqual({ key: "p1", value: "1" });
  });

  it("setTerminated drains async logging, then ends the run FINISHED now by default", async () => {
    const { store, calls } = recordingStore();
    const client = createMlflowClient({ store, now: () => NOW, env: {} });
    await client.setTerminated("r");
    await client.setTerminated("r", "FAILED", 9);
    expect(calls).toEqual([
      { method: "shutDownAsyncLogging", args: [] },
      { method: "updateRunInfo", args: ["r", { status: "FINISHED", endTime: NOW }] },
      { method: "shutDownAsyncLogging", args: [] },
      { method: "updateRunInfo", args: ["r", { status: "FAILED", endTime: 9 }] },
    ]);
  });

  it("setTerminated still ends the run when async logging failed, then rethrows that failure", async () => {
    const failure = MlflowError.invalidParameterValue("queued param conflict");
    const { store, methods } = recordingStore({
      shutDownAsyncLogging: () => Promise.reject(failure),
    });
    const client = createMlflowClient({ store, env: {} });
    await expect(client.setTerminated("r")).rejects.toBe(failure);
    expect(methods()).toEqual(["shutDownAsyncLogging", "updateRunInfo"]);
  });

  it("updateRun is a no-op without changes and maps name to runName", async () => {
    const { store, calls } = recordingStore();
    const client = createMlflowClient({ store, env: {} });
    await client.updateRun("r", {});
    await client.updateRun("r", { name: "renamed" });
    expect(calls).toEqual([{ method: "updateRunInfo", args: ["r", { runName: "renamed" }] }]);
  });

  it("reads every page of a metric history", async () => {
    const pages = [
      { items: [{ key: "m", value: 1, step: 0, timestamp: 1 }], nextPageToken: "t1" },
      { items: [{ key: "m", value: 2, step: 1, timestamp: 2 }] },
    ];
    const { store, calls } = recordingStore({
      getMetricHistory: () => Promise.resolve(pages.shift()),
    });
    const client = createMlflowClient({ store, env: {} });
    expect((await client.getMetricHistory("r", "m")).map((p) => p.value)).toEqual([1, 2]);
    expect(calls.map((c) => c.args[2])).toEqual([{}, { pageToken: "t1" }]);
  });

  it("accepts one experiment id or several in searches, and maps records to key/value lists", async () => {
    const { store, calls } = recordingStore();
    const client = createMlflowClient({ store, env: {} });
    await client.searchRuns("1", { filterString: "metrics.loss < 1", maxResults: 5 });
    await client.searchRuns(["1", "2"]);
    await client.searchDatasets("3");
    await client.createLoggedModel("1", { name: "clf", params: { c: 1 }, tags: { t: "x" } });
    await client.logModelParams("m-1", { alpha: 0.5 });
    await client.setLoggedModelTags("m-1", { stage: "dev" });
    await client.createExperiment("e", { tags: { owner: "ada" } });
    await client.setExperimentTag("1", "n", 1);
    expect(calls.map((c) => [c.method, ...c.args])).toEqual([
      ["searchRuns", { filterString: "metrics.loss < 1", maxResults: 5, experimentIds: ["1"] }],
      ["searchRuns", { experimentIds: ["1", "2"] }],
      ["searchDatasets", ["3"]],
      [
        "createLoggedModel",
        {
          name: "clf",
          experimentId: "1",
          tags: [{ key: "t", value: "x" }],
          params: [{ key: "c", value: "1" }],
        },
      ],
      ["logLoggedModelParams", "m-1", [{ key: "alpha", value: "0.5" }]],
      ["setLoggedModelTags", "m-1", [{ key: "stage", value: "dev" }]],
      ["createExperiment", "e", { tags: [{ key: "owner", value: "ada" }] }],
      ["setExperimentTag", "1", { key: "n", value: "1" }],
    ]);
  });
});
