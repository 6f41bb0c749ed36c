import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { createFluent, type FluentOptions } from "../../src/fluent/create-fluent.js";
import { isMlflowError } from "../../src/mlflow-error.js";
import type { Dataset } from "../../src/types.js";
import { MODES, useRegistryUnderTest } from "../support/registry-under-test.js";

const CONTEXT = {
  "mlflow.user": "ada",
  "mlflow.source.name": "train.ts",
  "mlflow.source.type": "LOCAL",
  "mlflow.source.git.commit": "c".repeat(40),
};

const DATASET: Dataset = {
  name: "iris",
  digest: "abc12345",
  sourceType: "code",
  source: '{"generator":"test"}',
};

describe.each(MODES)("fluent API through the store (%s)", (mode) => {
  const registry = useRegistryUnderTest(mode);
  const fluent = (options: FluentOptions = {}) =>
    createFluent({
      store: registry.store,
      env: {},
      contextTags: async () => CONTEXT,
      endRunsOnExit: false,
      ...options,
    });

  it("setExperiment creates a missing experiment by name and then reuses it", async () => {
    const mlflow = fluent();
    const name = registry.unique("fluent-exp");
    const created = await mlflow.setExperiment(name);
    expect(created.name).toBe(name);
    expect((await mlflow.setExperiment({ experimentName: name })).experimentId).toBe(
      created.experimentId,
    );
    expect((await mlflow.setExperiment({ experimentId: created.experimentId })).name).toBe(name);
    await expect(mlflow.setExperiment({})).rejects.toMatchObject({
      errorCode: "INVALID_PARAMETER_VALUE",
    });
    await registry.store.deleteExperiment(created.experimentId);
    await expect(mlflow.setExperiment(name)).rejects.toThrow(/Cannot set a deleted experiment/);
  });

  it("startRun → log → endRun: automatic context tags, user tags override them, the run ends FINISHED", async () => {
    const mlflow = fluent();
    const experiment = await mlflow.setExperiment(registry.unique("fluent-basic"));
    const run = await mlflow.startRun({
      runName: "first",
      tags: { "mlflow.source.name": "override.ts", team: "vision" },
      description: "a note",
    });
    expect(mlflow.activeRun()?.info.runId).toBe(run.info.runId);
    expect(run.info.experimentId).toBe(experiment.experimentId);
    expect(run.info.userId).toBe("ada");
    expect(await mlflow.logParam("lr", 0.1)).toBe("0.1");
    await mlflow.logParams({ epochs: 3, layers: [8, 4] });
    await mlflow.logMetric("loss", 0.9, { step: 0 });
    await mlflow.logMetrics({ loss: 0.5, accuracy: 0.8 }, { step: 1 });
    await mlflow.setTag("stage", "dev");
    await mlflow.setTags({ flag: true });
    await mlflow.endRun();
    expect(mlflow.activeRun()).toBeNull();
    expect(mlflow.lastActiveRunId()).toBe(run.info.runId);

    const stored = await registry.store.getRun(run.info.runId);
    expect(stored.info.status).toBe("FINISHED");
    expect(stored.info.endTime).toEqual(expect.any(Number));
    expect(stored.info.runName).toBe("first");
    expect(stored.data.params).toEqual({ lr: "0.1", epochs: "3", layers: "[8,4]" });
    expect(stored.data.metrics).toEqual({ loss: 0.5, accuracy: 0.8 });
    expect(stored.data.tags).toMatchObject({
      ...CONTEXT,
      "mlflow.source.name": "override.ts",
      "mlflow.runName": "first",
      "mlflow.note.content": "a note",
      team: "vision",
      stage: "dev",
      flag: "true",
    });
    const history = await mlflow.getClient().getMetricHistory(run.info.runId, "loss");
    expect(history.map((m) => [m.step, m.value])).toEqual([
      [0, 0.9],
      [1, 0.5],
    ]);
  });

  it("refuses a second active run unless nested; nested runs carry mlflow.parentRunId", async () => {
    const mlflow = fluent();
    await mlflow.setExperiment(registry.unique("fluent-nested"));
    const parent = await mlflow.startRun({ runName: "parent" });
    const error = await mlflow.startRun().catch((e: unknown) => e);
    expect(isMlflowError(error) && error.message).toMatch(/is already active/);
    const child = await mlflow.startRun({ runName: "child", nested: true });
    expect(child.data.tags["mlflow.parentRunId"]).toBe(parent.info.runId);
    await expect(
      mlflow.startRun({ nested: true, parentRunId: "not-the-active-run" }),
    ).rejects.toMatchObject({
      errorCode: "INVALID_PARAMETER_VALUE",
    });
    await mlflow.endRun();
    expect(mlflow.activeRun()?.info.runId).toBe(parent.info.runId);
    await mlflow.endRun("KILLED");
    expect((await registry.store.getRun(child.info.runId)).info.status).toBe("FINISHED");
    expect((await registry.store.getRun(parent.info.runId)).info.status).toBe("KILLED");
    await mlflow.endRun();
  });

  it("withRun ends FINISHED with fn's value, or FAILED rethrowing fn's error", async () => {
    const mlflow = fluent();
    await mlflow.setExperiment(registry.unique("fluent-with-run"));
    let okId = "";
    const value = await mlflow.withRun(async (run) => {
      okId = run.info.runId;
      await mlflow.logMetric("m", 1);
      return 42;
    });
    expect(value).toBe(42);
    let failedId = "";
    const boom = new Error("training diverged");
    await expect(
      mlflow.withRun(async (run) => {
        failedId = run.info.runId;
        await mlflow.startRun({ nested: true, runName: "inner" });
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(mlflow.activeRun()).toBeNull();
    expect((await registry.store.getRun(okId)).info.status).toBe("FINISHED");
    expect((await registry.store.getRun(failedId)).info.status).toBe("FAILED");
  });

  it("gives concurrent withRun calls their own active run", async () => {
    const mlflow = fluent();
    await mlflow.setExperiment(registry.unique("fluent-concurrent"));
    const ids = await Promise.all(
      ["a", "b", "c"].map((name) =>
        mlflow.withRun(
          async (run) => {
            await mlflow.logParam("name", name);
            expect(mlflow.activeRun()?.info.runId).toBe(run.info.runId);
            return run.info.runId;
          },
          { runName: name },
        ),
      ),
    );
    const runs = await Promise.all(ids.map((id) => registry.store.getRun(id)));
    expect(runs.map((r) => [r.info.runName, r.data.params.name, r.info.status])).toEqual([
      ["a", "a", "FINISHED"],
      ["b", "b", "FINISHED"],
      ["c", "c", "FINISHED"],
    ]);
  });

  it("starts a run on first logging call, in the experiment from env or the Default experiment", async (ctx) => {
    registry.requireFake(ctx, "creates the shared 'Default' experiment");
    const mlflow = fluent();
    await mlflow.logMetric("m", 1);
    const run = mlflow.activeRun()!;
    const defaultExperiment = await registry.store.getExperimentByName("Default");
    expect(run.info.experimentId).toBe(defaultExperiment?.experimentId);
    await mlflow.endRun();
    // MLflow's id "0" names the same experiment everywhere in the fluent API.
    expect((await mlflow.setExperiment({ experimentId: "0" })).experimentId).toBe(
      defaultExperiment?.experimentId,
    );
    const resumed = await mlflow.startRun({ runId: run.info.runId, experimentId: "0" });
    expect(resumed.info.experimentId).toBe(defaultExperiment?.experimentId);
    await mlflow.endRun();
    const explicit = await fluent().startRun({ experimentId: "0" });
    expect(explicit.info.experimentId).toBe(defaultExperiment?.experimentId);
    const byEnv = fluent({ env: { MLFLOW_EXPERIMENT_ID: "0" } });
    await byEnv.logParam("p", 1);
    expect(byEnv.activeRun()?.info.experimentId).toBe(defaultExperiment?.experimentId);
    await byEnv.endRun();

    const fromEnv = fluent({ env: { MLFLOW_EXPERIMENT_NAME: "from-env" } });
    await fromEnv.setTag("k", "v");
    const envExperiment = await registry.store.getExperimentByName("from-env");
    expect(fromEnv.activeRun()?.info.experimentId).toBe(envExperiment?.experimentId);
    await fromEnv.endRun();
  });

  it("logInput links a dataset with its context tag", async () => {
    const mlflow = fluent();
    await mlflow.setExperiment(registry.unique("fluent-input"));
    const id = await mlflow.withRun(async (run) => {
      await mlflow.logInput(DATASET, "training", { split: "train" });
      return run.info.runId;
    });
    const run = await registry.store.getRun(id);
    expect(run.inputs.datasetInputs).toHaveLength(1);
    expect(run.inputs.datasetInputs[0]?.dataset).toMatchObject(DATASET);
    expect(run.inputs.datasetInputs[0]?.tags).toEqual(
      expect.arrayContaining([
        { key: "mlflow.data.context", value: "training" },
        { key: "split", value: "train" },
      ]),
    );
  });

  it("resumes a run by id (RUNNING again) and refuses a deleted one", async () => {
    const mlflow = fluent();
    await mlflow.setExperiment(registry.unique("fluent-resume"));
    const id = await mlflow.withRun((run) => run.info.runId);
    const resumed = await mlflow.startRun({ runId: id, tags: { resumed: "yes" } });
    expect(resumed.info.status).toBe("RUNNING");
    expect(resumed.data.tags.resumed).toBe("yes");
    await mlflow.endRun();
    await registry.store.deleteRun(id);
    await expect(mlflow.startRun({ runId: id })).rejects.toThrow(/deleted state/);
  });

  it("async logging: queued metrics are stored by the time endRun resolves", async () => {
    const mlflow = fluent();
    await mlflow.setExperiment(registry.unique("fluent-async"));
    const run = await mlflow.startRun();
    for (let step = 0; step < 30; step++) {
      await mlflow.logMetrics(
        { loss: 1 / (step + 1), acc: step / 30 },
        { step, synchronous: false },
      );
    }
    await mlflow.endRun();
    const history = await mlflow.getClient().getMetricHistory(run.info.runId, "loss");
    expect(history.map((m) => m.step)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect((await registry.store.getRun(run.info.runId)).data.metrics.acc).toBeCloseTo(29 / 30);
  });

  it("ends runs left active when the process event loop runs dry", async () => {
    const proc = new EventEmitter();
    const mlflow = fluent({ endRunsOnExit: proc });
    await mlflow.setExperiment(registry.unique("fluent-exit"));
    const run = await mlflow.startRun();
    expect(proc.listenerCount("beforeExit")).toBe(1);
    proc.emit("beforeExit");
    expect(mlflow.activeRun()).toBeNull();
    expect(proc.listenerCount("beforeExit")).toBe(0);
    await expect
      .poll(async () => (await registry.store.getRun(run.info.runId)).info.status)
      .toBe("FINISHED");
  });
});
