// The universal build (browsers, workers: the `default` export condition), as packed in dist,
// against the in-process fake.
import { createFakeRegistry } from "@model-registry/testing";
import { afterEach, describe, expect, it, vi } from "vitest";
import * as nodeBuild from "../../src/index.js";

const universal: typeof import("../../src/index.js") = await import(
  new URL("../../dist/universal/index.js", import.meta.url).href
);

afterEach(() => {
  vi.unstubAllEnvs();
});

function storeOnFake() {
  const registry = createFakeRegistry();
  const store = universal.createMlflowStore({
    trackingUri: "http://registry.test",
    fetch: registry.fetch,
  });
  return { registry, store };
}

describe("the universal build", () => {
  it("exports what the Node build exports", () => {
    expect(Object.keys(universal).sort()).toEqual(Object.keys(nodeBuild).sort());
  });

  it("logs, searches and reads metric history", async () => {
    const { store } = storeOnFake();
    const experimentId = await store.createExperiment("web");
    const run = await store.createRun({ experimentId, startTime: 1_000, runName: "a" });
    await store.logBatch(run.info.runId, {
      metrics: [1, 2, 3].map((step) => ({
        key: "loss",
        value: 1 / step,
        timestamp: 2_000 + step,
        step,
      })),
      params: [{ key: "lr", value: "0.1" }],
    });
    const other = await store.createRun({ experimentId, startTime: 1_000, runName: "b" });
    await store.logBatch(other.info.runId, { params: [{ key: "lr", value: "0.2" }] });
    const found = await store.searchRuns({
      experimentIds: [experimentId],
      filterString: "metrics.loss < 0.5 and params.lr = '0.1'",
    });
    expect(found.items.map((r) => r.info.runId)).toEqual([run.info.runId]);
    const history = await store.getMetricHistory(run.info.runId, "loss");
    expect(history.items.map((m) => m.step)).toEqual([1, 2, 3]);
    expect(run.info.artifactUri).toMatch(/^mlruns\/experiments\//);
  });

  it("reads no environment unless given one", () => {
    vi.stubEnv("MLFLOW_TRACKING_URI", "modelregistry+https://from-env:1");
    expect(nodeBuild.resolveTrackingUri(undefined).baseUrl).toBe("https://from-env:1");
    expect(universal.resolveTrackingUri(undefined).baseUrl).toBe("http://localhost:8080");
    vi.stubEnv("USER", "from-env");
    expect(universal.currentUser()).toBe("unknown");
    expect(universal.currentUser({ env: { USER: "given" } })).toBe("given");
  });

  it("answers NOT_IMPLEMENTED for what needs local files", async () => {
    const registry = createFakeRegistry();
    const store = universal.createMlflowStore({
      trackingUri: "http://registry.test",
      fetch: registry.fetch,
    });
    const client = universal.createMlflowClient({ store });
    const experimentId = await client.createExperiment("files");
    const { info } = await client.createRun(experimentId);
    const notImplemented = { name: "MlflowError", errorCode: "NOT_IMPLEMENTED" };
    await expect(client.logText(info.runId, "x", "a.txt")).rejects.toMatchObject(notImplemented);
    await expect(client.logDict(info.runId, { a: 1 }, "a.yaml")).rejects.toMatchObject(
      notImplemented,
    );
    await expect(client.listArtifacts(info.runId)).rejects.toMatchObject(notImplemented);
    await expect(client.logModel({ runId: info.runId, name: "m" } as never)).rejects.toMatchObject(
      notImplemented,
    );
    await expect(universal.getArtifactRepository("file:///tmp/x")).rejects.toMatchObject(
      notImplemented,
    );
    await expect(universal.getArtifactRepository("s3://bucket/x")).rejects.toMatchObject(
      notImplemented,
    );
    await expect(universal.readGitCommit("/")).rejects.toMatchObject(notImplemented);
    // A version from a runs:/ source reads the run's MLmodel, an artifact: unless the model
    // format is given.
    await client.createRegisteredModel("web-model");
    await expect(
      client.createModelVersion("web-model", `runs:/${info.runId}/model`, { runId: info.runId }),
    ).rejects.toMatchObject(notImplemented);
    const version = await client.createModelVersion("web-model", `runs:/${info.runId}/model`, {
      runId: info.runId,
      modelFormat: { name: "onnx", version: "1" },
    });
    expect(version.version).toBe("1");
  });

  it("runs the fluent API with one run stack and context tags from env only", async () => {
    const registry = createFakeRegistry();
    const store = universal.createMlflowStore({
      trackingUri: "http://registry.test",
      fetch: registry.fetch,
    });
    const fluent = universal.createFluent({ store, env: { LOGNAME: "ana" } });
    await fluent.setExperiment("fluent");
    const tags = await fluent.withRun(async (run) => {
      await fluent.logMetric("acc", 0.9);
      const nested = await fluent.withRun(async (inner) => inner, { nested: true });
      expect(nested.data.tags["mlflow.parentRunId"]).toBe(run.info.runId);
      return run.data.tags;
    });
    expect(tags).toMatchObject({
      "mlflow.user": "ana",
      "mlflow.source.name": "<console>",
      "mlflow.source.type": "LOCAL",
    });
    expect(tags["mlflow.source.git.commit"]).toBeUndefined();
    expect(fluent.activeRun()).toBeNull();
  });
});
