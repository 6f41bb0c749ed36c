/** The module-level fluent functions drive the shared default instance. */
import { startFakeRegistryServer } from "@model-registry/testing/node";
import { expect, it } from "vitest";
import * as mlflow from "../../src/index.js";

it("module functions, including deleteTag, setExperimentTag(s), flush and lastActiveRunId", async () => {
  const server = await startFakeRegistryServer({ host: "127.0.0.1", port: 0 });
  try {
    mlflow.setTrackingUri(server.url.replace("http://", "modelregistry+http://"), {
      retry: false,
    });
    const experiment = await mlflow.setExperiment("module-api");
    const run = await mlflow.startRun({ runName: "r" });
    await mlflow.setTags({ keep: "1", drop: "2" });
    await mlflow.deleteTag("drop");
    await mlflow.setExperimentTag("team", "vision");
    await mlflow.setExperimentTags({ stage: "dev", owner: "ada" });
    await mlflow.logMetric("loss", 0.5, { synchronous: false });
    await mlflow.flush();
    expect(mlflow.lastActiveRunId()).toBeNull();
    await mlflow.endRun();
    expect(mlflow.lastActiveRunId()).toBe(run.info.runId);

    const client = mlflow.getClient();
    const stored = await client.getRun(run.info.runId);
    expect(stored.data.tags.keep).toBe("1");
    expect(stored.data.tags.drop).toBeUndefined();
    expect(stored.data.metrics.loss).toBe(0.5);
    const tags = (await client.getExperiment(experiment.experimentId)).tags;
    expect(tags).toMatchObject({ team: "vision", stage: "dev", owner: "ada" });
  } finally {
    await server.close();
  }
});
