import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createMlflowClient } from "../../src/client/create-mlflow-client.js";
import {
  endRun,
  getTrackingUri,
  logMetric,
  logParam,
  setExperiment,
  setTrackingUri,
  startRun,
  withRun,
} from "../../src/fluent/fluent.js";
import { registerTrackingStore } from "../../src/tracking-store-registry.js";
import { MODES, useRegistryUnderTest } from "../support/registry-under-test.js";

describe.each(MODES)("client and module-level fluent API on the store (%s)", (mode) => {
  const registry = useRegistryUnderTest(mode);

  it("logBatch beyond MLflow's param limit is split into calls the store accepts", async () => {
    const client = createMlflowClient({ store: registry.store, env: {} });
    const experimentId = await client.createExperiment(registry.unique("client-split"));
    const run = await client.createRun(experimentId);
    const params = Array.from({ length: 130 }, (_, i) => ({ key: `p${i}`, value: i }));
    const tags = Array.from({ length: 10 }, (_, i) => ({ key: `t${i}`, value: `v${i}` }));
    const metrics = Array.from({ length: 50 }, (_, i) => ({
      key: "m",
      value: i,
      step: i,
      timestamp: 1_000 + i,
    }));
    await client.logBatch(run.info.runId, { params, tags, metrics });
    const stored = await client.getRun(run.info.runId);
    expect(Object.keys(stored.data.params)).toHaveLength(130);
    expect(stored.data.tags).toMatchObject({ t0: "v0", t9: "v9" });
    expect(stored.data.metrics.m).toBe(49);
    const history = await client.getMetricHistory(run.info.runId, "m");
    expect(history).toHaveLength(50);
  });

  it("takes MLflow's default experiment id '0'", async () => {
    const client = createMlflowClient({ store: registry.store, env: {} });
    const experiment = await client.getExperiment("0");
    expect(experiment.name).toBe("Default");
    if (experiment.lifecycleStage === "deleted") await client.restoreExperiment("0");
    const run = await client.createRun("0", { runName: "client-default" });
    expect(run.info.experimentId).toBe(experiment.experimentId);
    const runs = await client.searchRuns(["0"], {
      filterString: `attributes.run_id = '${run.info.runId}'`,
    });
    expect(runs.items).toHaveLength(1);
  });

  it("setTerminated ends the run and then reports an async write that failed", async () => {
    const client = createMlflowClient({ store: registry.store, env: {} });
    const experimentId = await client.createExperiment(registry.unique("client-async-failure"));
    const run = await client.createRun(experimentId);
    await client.logParam(run.info.runId, "lr", 0.1);
    await client.logParam(run.info.runId, "lr", 0.2, { synchronous: false });
    await client.logMetric(run.info.runId, "loss", 0.5, { synchronous: false });
    const error = await client.setTerminated(run.info.runId).catch((e: unknown) => e);
    expect(error).toMatchObject({ errorCode: "INVALID_PARAMETER_VALUE" });
    expect((error as Error).message).toContain("Changing param values is not allowed");
    const stored = await client.getRun(run.info.runId);
    expect(stored.info.status).toBe("FINISHED");
    expect(stored.data.params.lr).toBe("0.1");
    expect(stored.data.metrics.loss).toBe(0.5);
  });

  it("module-level functions resolve the tracking URI through the tracking-store registry", async () => {
    const scheme = `fluenttest-${mode}`;
    const store = registry.store;
    registerTrackingStore(scheme, () => store);
    const uri = `${scheme}://${randomUUID()}`;
    setTrackingUri(uri);
    expect(getTrackingUri()).toBe(uri);
    await setExperiment(registry.unique("module-fluent"));
    const id = await withRun(async (run) => {
      await logParam("alpha", 1);
      await logMetric("score", 0.7);
      return run.info.runId;
    });
    const stored = await store.getRun(id);
    expect(stored.info.status).toBe("FINISHED");
    expect(stored.data.params).toEqual({ alpha: "1" });
    expect(stored.data.tags["mlflow.source.type"]).toBe("LOCAL");
    const second = await startRun({ runName: "manual" });
    await endRun("KILLED");
    expect((await store.getRun(second.info.runId)).info.status).toBe("KILLED");
  });
});
