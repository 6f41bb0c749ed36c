/**
 * Models, datasets and model inputs/outputs exactly as the Python plugin leaves them in the
 * registry (seeded into the fake) read back correctly, and writes keep that layout.
 */

import { type Artifact, REGISTRY_API_PREFIX, unwrap } from "@model-registry/registry-client";
import type { FakeRegistrySnapshot } from "@model-registry/testing";
import { describe, expect, it } from "vitest";
import {
  datasetInputsFromArtifacts,
  isMlflowError,
  modelInputsFromArtifacts,
  modelOutputsFromArtifacts,
} from "../../src/index.js";
import { describeRequests, MODES, useRegistryUnderTest } from "../support/registry-under-test.js";

const API = REGISTRY_API_PREFIX;
const T = "1767225600000";
const s = (string_value: string) => ({ metadataType: "MetadataStringValue", string_value });
const strings = (values: Record<string, string>) =>
  Object.fromEntries(Object.entries(values).map(([k, v]) => [k, s(v)]));

/** What the plugin's create_logged_model posts (string custom properties, no state). */
function pluginModel(id: string, runId: string, name: string, extra: Record<string, unknown> = {}) {
  return {
    artifactType: "model-artifact",
    id,
    name,
    description: `MLflow logged model: ${name}`,
    uri: `s3://bucket/experiments/1/${runId}/${name}`,
    experimentId: "1",
    experimentRunId: runId,
    createTimeSinceEpoch: T,
    lastUpdateTimeSinceEpoch: T,
    ...extra,
    customProperties: {
      ...strings({
        mlflow__model_type: "sklearn",
        mlflow__experiment_id: "1",
        mlflow__source_run_id: runId,
        mlflow__name: name,
        mlflow__version: "1",
        mlflow__user_id: "unknown",
        mlflow__status_message: "",
        mlflow__artifact_location: `s3://bucket/experiments/1/${runId}/${name}`,
        mlflow__description: `MLflow logged model: ${name}`,
        owner: "ana",
        param_alpha: "0.1",
      }),
      ...((extra["customProperties"] as object | undefined) ?? {}),
    },
  };
}

function pluginDataset(id: string, runId: string, digest: string, context: string) {
  return {
    artifactType: "dataset-artifact",
    id,
    name: "iris",
    digest,
    sourceType: "local",
    source: "file:///data/iris.csv",
    schema: '{"mlflow_colspec": [{"type": "double", "name": "x"}]}',
    experimentId: "1",
    experimentRunId: runId,
    createTimeSinceEpoch: T,
    lastUpdateTimeSinceEpoch: T,
    customProperties: strings({ "mlflow.data.context": context }),
  };
}

const run = (id: string, name: string) => ({
  id,
  name,
  experimentId: "1",
  description: "MLflow run in experiment 1",
  status: "FINISHED",
  state: "LIVE",
  owner: "ana",
  startTimeSinceEpoch: T,
  externalId: `s3://bucket/experiments/1/${id}`,
  createTimeSinceEpoch: T,
  lastUpdateTimeSinceEpoch: T,
  customProperties: strings({ "mlflow.runName": name }),
});

const SEED: FakeRegistrySnapshot = {
  format: "model-registry-fake/v1",
  nextIds: { context: 10, artifact: 100 },
  experiments: [
    {
      id: "1",
      name: "python-experiment",
      description: "MLflow experiment: python-experiment",
      externalId: "s3://bucket/experiments/1",
      state: "LIVE",
      createTimeSinceEpoch: T,
      lastUpdateTimeSinceEpoch: T,
      customProperties: {},
    },
  ],
  experimentRuns: [run("2", "train"), run("3", "evaluate")],
  artifacts: [
    // A finalized model (READY → LIVE) logged by run 2, then used as an input by run 3: the
    // plugin re-posts the same artifact by id with mlflow__model_io_type "input".
    {
      ...pluginModel("10", "2", "iris", {
        state: "LIVE",
        experimentRunId: "3",
        customProperties: strings({ mlflow__model_io_type: "input" }),
      }),
      parentIds: [2, 3],
    },
    // A model output with a step.
    pluginModel("11", "2", "iris-checkpoint", {
      state: "PENDING",
      customProperties: strings({ mlflow__model_io_type: "output", mlflow__step: "7" }),
    }),
    // A model the plugin deleted: its marker is a custom property named "state".
    pluginModel("12", "2", "discarded", {
      customProperties: strings({ state: "MARKED_FOR_DELETION" }),
    }),
    // The plugin does not de-duplicate datasets: the same dataset logged twice.
    pluginDataset("20", "2", "d1", "train"),
    pluginDataset("21", "2", "d1", "train"),
    pluginDataset("22", "3", "d2", "eval"),
  ],
};

describe.each(MODES)("Python plugin layout: models and datasets (%s)", (mode) => {
  const rt = useRegistryUnderTest(mode, { initialState: SEED });

  async function runArtifacts(runId: string): Promise<Artifact[]> {
    const list = await unwrap(
      rt.client.GET(`${API}/experiment_runs/{experimentrunId}/artifacts`, {
        params: { path: { experimentrunId: runId } },
      }),
    );
    return list.items;
  }

  it("reads a plugin-written model: id, name, status, params and tags", async (ctx) => {
    rt.requireFake(ctx, "seeds the fake");
    expect(await rt.store.getLoggedModel("10")).toEqual({
      modelId: "10",
      experimentId: "1",
      name: "iris",
      sourceRunId: "2",
      artifactLocation: "s3://bucket/experiments/1/2/iris",
      modelType: "sklearn",
      status: "READY",
      statusMessage: null,
      creationTimestamp: Number(T),
      lastUpdatedTimestamp: Number(T),
      tags: { owner: "ana" },
      params: { alpha: "0.1" },
    });
    expect((await rt.store.getLoggedModel("11")).status).toBe("PENDING");
  });

  it("hides models the plugin marked deleted", async (ctx) => {
    rt.requireFake(ctx, "seeds the fake");
    const error = await rt.store.getLoggedModel("12").catch((e: unknown) => e);
    expect(isMlflowError(error) && error.errorCode).toBe("RESOURCE_DOES_NOT_EXIST");
  });

  it("reads run inputs and outputs: io type, step, de-duplicated datasets", async (ctx) => {
    rt.requireFake(ctx, "seeds the fake");
    const train = await runArtifacts("2");
    expect(datasetInputsFromArtifacts(train).map((d) => [d.dataset.digest, d.tags])).toEqual([
      ["d1", [{ key: "mlflow.data.context", value: "train" }]],
    ]);
    expect(modelInputsFromArtifacts(train, "2")).toEqual([]);
    expect(modelOutputsFromArtifacts(train, "2")).toEqual([
      { modelId: "10", step: 0 },
      { modelId: "11", step: 7 },
      { modelId: "12", step: 0 },
    ]);
    const evaluate = await runArtifacts("3");
    expect(modelInputsFromArtifacts(evaluate, "3")).toEqual([{ modelId: "10" }]);
  });

  it("keeps the layout when this package updates a plugin model", async (ctx) => {
    rt.requireFake(ctx, "seeds the fake");
    await rt.store.setLoggedModelTags("11", { stage: "candidate" });
    await rt.store.finalizeLoggedModel("11", "READY");
    const stored = await unwrap(
      rt.client.GET(`${API}/artifacts/{id}`, { params: { path: { id: "11" } } }),
    );
    expect(stored.state).toBe("LIVE");
    expect(stored.customProperties?.["mlflow__step"]).toEqual(s("7"));
    expect(stored.customProperties?.["mlflow__source_run_id"]).toEqual(s("2"));
    expect(stored.customProperties?.["stage"]).toEqual(s("candidate"));
    const model = await rt.store.getLoggedModel("11");
    expect(model.tags).toEqual({ owner: "ana", stage: "candidate" });
    expect(model.params).toEqual({ alpha: "0.1" });
  });

  it("makes a plugin model an input of another run without losing where it is an output", async (ctx) => {
    rt.requireFake(ctx, "seeds the fake");
    await rt.store.logInputs("3", { models: [{ modelId: "11" }] });
    expect(modelInputsFromArtifacts(await runArtifacts("3"), "3").map((m) => m.modelId)).toEqual([
      "10",
      "11",
    ]);
    expect(modelOutputsFromArtifacts(await runArtifacts("2"), "2")).toContainEqual({
      modelId: "11",
      step: 7,
    });
  });

  it("finds plugin-written models and datasets in searches", async (ctx) => {
    rt.requireFake(ctx, "seeds the fake");
    const page = await rt.store.searchLoggedModels({ experimentIds: ["1"] });
    expect(page.items.map((m) => m.modelId).sort()).toEqual(["10", "11"]);
    const { result, requests } = await rt.count(() => rt.store.searchDatasets(["1"]));
    expect(result).toEqual([
      { experimentId: "1", name: "iris", digest: "d1", context: "train" },
      { experimentId: "1", name: "iris", digest: "d2", context: "eval" },
    ]);
    expect(describeRequests(requests)).toEqual(["GET /artifacts"]);
  });
});
