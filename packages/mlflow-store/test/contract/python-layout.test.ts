import { describe, expect, it } from "vitest";
import { errorOf } from "../support/error-of.js";
import { PYTHON_LAYOUT } from "../support/python-layout.js";
import { fakeModes, useRegistryUnderTest } from "../support/registry-under-test.js";

describe.each(fakeModes("the Python layout is seeded into the fake registry"))(
  "data written by the Python plugin (%s)",
  (mode) => {
    const rut = useRegistryUnderTest(mode, { initialState: PYTHON_LAYOUT });

    it("reads experiments: name, artifact location, tags, lifecycle", async () => {
      expect(await rut.store.getExperiment("1")).toEqual({
        experimentId: "1",
        name: "py-exp",
        artifactLocation: "file:///tmp/mlruns/experiments/1",
        lifecycleStage: "active",
        tags: { team: "nlp" },
        creationTime: 1_700_000_000_000,
        lastUpdateTime: 1_700_000_000_000,
      });
      expect((await rut.store.getExperimentByName("py-archived"))?.lifecycleStage).toBe("deleted");
      const active = await rut.store.searchExperiments();
      expect(active.items.map((e) => e.name)).toEqual(["py-exp"]);
      const deleted = await rut.store.searchExperiments({ viewType: "DELETED_ONLY" });
      expect(deleted.items.map((e) => e.name)).toEqual(["py-archived"]);
    });

    it("reads a run: info, latest metrics, params, tags and dataset inputs", async () => {
      const run = await rut.store.getRun("2");
      expect(run.info).toEqual({
        runId: "2",
        runName: "py-run",
        experimentId: "1",
        userId: "alice",
        status: "FINISHED",
        startTime: 1_700_000_001_000,
        endTime: 1_700_000_009_000,
        lifecycleStage: "active",
        artifactUri: "file:///tmp/mlruns/experiments/1/2",
      });
      expect(run.data).toEqual({
        metrics: { acc: 0.9 },
        params: { lr: "0.01" },
        tags: { "mlflow.runName": "py-run", "mlflow.user": "alice", "mlflow.source.type": "LOCAL" },
      });
      expect(run.inputs.datasetInputs).toEqual([
        {
          dataset: expect.objectContaining({
            name: "iris",
            digest: "abc123",
            sourceType: "local",
            source: "/data/iris.csv",
          }),
          tags: [{ key: "mlflow.data.context", value: "train" }],
        },
      ]);
    });

    it("names a run without mlflow.runName tag by its registry name", async () => {
      const run = await rut.store.getRun("3");
      expect(run.info.runName).toBe("run-1700000002000");
      expect(run.data.tags["mlflow.runName"]).toBe("run-1700000002000");
    });

    it("finds Python runs with filters pushed to the registry and evaluated in memory", async () => {
      const ids = async (filterString: string) =>
        (await rut.store.searchRuns({ experimentIds: ["1"], filterString })).items.map(
          (r) => r.info.runId,
        );
      expect(await ids("attributes.status = 'FINISHED'")).toEqual(["2"]);
      expect(await ids("tags.`mlflow.runName` = 'run-1700000002000'")).toEqual(["3"]);
      expect(await ids("run_name = 'py-run'")).toEqual(["2"]);
      expect(await ids("metrics.acc < 0.5")).toEqual(["3"]);
      expect(await ids("params.lr = '0.01' AND datasets.context = 'train'")).toEqual(["2"]);
      expect(await ids("tags.`mlflow.user` = 'alice'")).toEqual(["2"]);
    });

    it("reads metric history", async () => {
      const history = await rut.store.getMetricHistory("2", "acc");
      expect(history.items).toEqual([
        { key: "acc", value: 0.5, timestamp: 1_700_000_001_500, step: 0 },
        { key: "acc", value: 0.7, timestamp: 1_700_000_002_000, step: 1 },
        { key: "acc", value: 0.9, timestamp: 1_700_000_003_000, step: 2 },
      ]);
    });

    it("writes to Python runs without resetting their status, and keeps params write-once", async () => {
      await rut.store.setTag("2", { key: "reviewed", value: "yes" });
      await rut.store.logMetric("2", {
        key: "acc",
        value: 0.95,
        timestamp: 1_700_000_004_000,
        step: 3,
      });
      const run = await rut.store.getRun("2");
      expect(run.info.status).toBe("FINISHED");
      expect(run.data.tags.reviewed).toBe("yes");
      expect(run.data.metrics.acc).toBe(0.95);
      expect((await errorOf(rut.store.logParam("2", { key: "lr", value: "0.02" }))).errorCode).toBe(
        "INVALID_PARAMETER_VALUE",
      );
    });

    it("creates runs in a Python experiment under its artifact location, beside its runs", async () => {
      const run = await rut.store.createRun({ experimentId: "1", runName: "py-run" });
      expect(run.info.artifactUri.startsWith("file:///tmp/mlruns/experiments/1/")).toBe(true);
      expect(run.info.runName).toBe("py-run");
      const page = await rut.store.searchRuns({ experimentIds: ["1"] });
      expect(page.items.map((r) => r.info.runId)).toEqual([run.info.runId, "3", "2"]);
      expect(page.items[2]?.data.metrics).toEqual({ acc: 0.9 });
    });
  },
);
