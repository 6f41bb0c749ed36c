import { type Artifact, REGISTRY_API_PREFIX, unwrap } from "@model-registry/registry-client";
import { describe, expect, it } from "vitest";
import {
  type DatasetInput,
  datasetInputsFromArtifacts,
  modelInputsFromArtifacts,
  modelOutputsFromArtifacts,
} from "../../src/index.js";
import { mlflowRejection as rejection } from "../support/mlflow-rejection.js";
import {
  describeRequests,
  MODES,
  type RegistryUnderTest,
  useRegistryUnderTest,
} from "../support/registry-under-test.js";
import { seedRegistryRun as seedRun } from "../support/seed-registry-run.js";

const API = REGISTRY_API_PREFIX;

async function seedExperiment(rt: RegistryUnderTest, name = "data"): Promise<string> {
  return rt.store.createExperiment(rt.unique(name));
}

async function runArtifacts(rt: RegistryUnderTest, runId: string): Promise<Artifact[]> {
  const list = await unwrap(
    rt.client.GET(`${API}/experiment_runs/{experimentrunId}/artifacts`, {
      params: { path: { experimentrunId: runId } },
    }),
  );
  return list.items;
}

function input(name: string, digest: string, context?: string): DatasetInput {
  return {
    dataset: { name, digest, sourceType: "local", source: `file:///${name}.csv`, schema: "{}" },
    tags: context ? [{ key: "mlflow.data.context", value: context }] : [],
  };
}

describe.each(MODES)("dataset inputs and model inputs/outputs (%s)", (mode) => {
  const rt = useRegistryUnderTest(mode);

  describe("logInputs", () => {
    it("stores datasets as dataset-artifacts of the run with input tags as custom properties", async () => {
      const runId = await seedRun(rt, await seedExperiment(rt));
      await rt.store.logInputs(runId, {
        datasets: [input("iris", "abc", "train"), input("wine", "def")],
      });
      const artifacts = await runArtifacts(rt, runId);
      expect(artifacts.every((a) => a.artifactType === "dataset-artifact")).toBe(true);
      const byName = (a: DatasetInput, b: DatasetInput) =>
        a.dataset.name.localeCompare(b.dataset.name);
      expect(datasetInputsFromArtifacts(artifacts).sort(byName)).toEqual([
        input("iris", "abc", "train"),
        input("wine", "def"),
      ]);
      const run = await rt.store.getRun(runId);
      expect([...run.inputs.datasetInputs].sort(byName)).toEqual([
        input("iris", "abc", "train"),
        input("wine", "def"),
      ]);
    });

    it("does not log a dataset the run already has, whatever its tags, nor duplicates in one call", async () => {
      const runId = await seedRun(rt, await seedExperiment(rt));
      await rt.store.logInputs(runId, {
        datasets: [input("iris", "abc", "train"), input("iris", "abc", "train")],
      });
      await rt.store.logInputs(runId, {
        datasets: [input("iris", "abc", "train"), input("iris", "abc", "eval")],
      });
      const artifacts = await runArtifacts(rt, runId);
      expect(artifacts).toHaveLength(1);
      expect(datasetInputsFromArtifacts(artifacts)[0]?.tags).toEqual([
        { key: "mlflow.data.context", value: "train" },
      ]);
    });

    it("costs the run GET, one listing and one POST per new dataset; the run GET only once per store", async (ctx) => {
      rt.requireFake(ctx, "counts requests with the fake's log");
      const runId = await seedRun(rt, await seedExperiment(rt));
      const store = rt.newStore();
      const first = await rt.count(() =>
        store.logInputs(runId, { datasets: [input("a", "1"), input("b", "2")] }),
      );
      expect(describeRequests(first.requests)).toEqual([
        "GET /experiment_runs/{experimentrunId}",
        "GET /experiment_runs/{experimentrunId}/artifacts",
        "POST /experiment_runs/{experimentrunId}/artifacts",
        "POST /experiment_runs/{experimentrunId}/artifacts",
      ]);
      const again = await rt.count(() => store.logInputs(runId, { datasets: [input("a", "1")] }));
      expect(describeRequests(again.requests)).toEqual([
        "GET /experiment_runs/{experimentrunId}/artifacts",
      ]);
    });

    it("validates datasets before any request", async (ctx) => {
      rt.requireFake(ctx, "counts requests with the fake's log");
      const runId = await seedRun(rt, await seedExperiment(rt));
      const bad = [
        { dataset: { name: "d", sourceType: "local", source: "s" }, tags: [] },
        { dataset: { ...input("d", "1").dataset, digest: "x".repeat(37) }, tags: [] },
        { ...input("d", "1"), tags: [{ key: "k", value: "v".repeat(501) }] },
      ] as DatasetInput[];
      for (const dataset of bad) {
        const { result, requests } = await rt.count(() =>
          rejection(rt.store.logInputs(runId, { datasets: [dataset] })),
        );
        expect(result.errorCode).toBe("INVALID_PARAMETER_VALUE");
        expect(requests).toEqual([]);
      }
    });

    it("refuses unknown and deleted runs", async () => {
      const runId = await seedRun(rt, await seedExperiment(rt));
      expect(
        (await rejection(rt.store.logInputs("99999", { datasets: [input("a", "1")] }))).errorCode,
      ).toBe("RESOURCE_DOES_NOT_EXIST");
      await unwrap(
        rt.client.PATCH(`${API}/experiment_runs/{experimentrunId}`, {
          params: { path: { experimentrunId: runId } },
          body: { state: "ARCHIVED", status: "RUNNING" },
        }),
      );
      const error = await rejection(
        rt.newStore().logInputs(runId, { datasets: [input("a", "1")] }),
      );
      expect(error.errorCode).toBe("INVALID_PARAMETER_VALUE");
      expect(error.message).toBe(
        `The run ${runId} must be in the 'active' state. Current state is deleted.`,
      );
    });
  });

  describe("model inputs and outputs", () => {
    it("links one model as the output of its run (with the step) and the input of another", async () => {
      const experimentId = await seedExperiment(rt);
      const producer = await seedRun(rt, experimentId);
      const consumer = await seedRun(rt, experimentId);
      const model = await rt.store.createLoggedModel({ experimentId, sourceRunId: producer });
      expect(modelOutputsFromArtifacts(await runArtifacts(rt, producer), producer)).toEqual([]);
      await rt.store.logOutputs(producer, [{ modelId: model.modelId, step: 3 }]);
      await rt.store.logInputs(consumer, { models: [{ modelId: model.modelId }] });
      const produced = await runArtifacts(rt, producer);
      expect(modelOutputsFromArtifacts(produced, producer)).toEqual([
        { modelId: model.modelId, step: 3 },
      ]);
      expect(modelInputsFromArtifacts(produced, producer)).toEqual([]);
      const consumed = await runArtifacts(rt, consumer);
      expect(modelInputsFromArtifacts(consumed, consumer)).toEqual([{ modelId: model.modelId }]);
      expect(modelOutputsFromArtifacts(consumed, consumer)).toEqual([]);
      const stored = await unwrap(
        rt.client.GET(`${API}/artifacts/{id}`, { params: { path: { id: model.modelId } } }),
      );
      expect(stored.customProperties?.["mlflow__model_io_type"]).toEqual({
        metadataType: "MetadataStringValue",
        string_value: "input",
      });
      expect((await rt.store.getLoggedModel(model.modelId)).tags).toEqual({});
      const producerRun = await rt.store.getRun(producer);
      expect(producerRun.outputs.modelOutputs).toEqual([{ modelId: model.modelId, step: 3 }]);
      expect(producerRun.inputs.modelInputs).toEqual([]);
      const consumerRun = await rt.store.getRun(consumer);
      expect(consumerRun.inputs.modelInputs).toEqual([{ modelId: model.modelId }]);
      expect(consumerRun.outputs.modelOutputs).toEqual([]);
    });

    it("costs one bulk GET and one POST per model (plus the run GET once per store)", async (ctx) => {
      rt.requireFake(ctx, "counts requests with the fake's log");
      const experimentId = await seedExperiment(rt);
      const runId = await seedRun(rt, experimentId);
      const a = await rt.store.createLoggedModel({ experimentId, sourceRunId: runId });
      const b = await rt.store.createLoggedModel({ experimentId, sourceRunId: runId });
      const store = rt.newStore();
      const { requests } = await rt.count(() =>
        store.logOutputs(runId, [
          { modelId: a.modelId, step: 1 },
          { modelId: b.modelId, step: 2 },
        ]),
      );
      expect(describeRequests(requests)).toEqual([
        "GET /experiment_runs/{experimentrunId}",
        "GET /artifacts",
        "POST /experiment_runs/{experimentrunId}/artifacts",
        "POST /experiment_runs/{experimentrunId}/artifacts",
      ]);
      expect(modelOutputsFromArtifacts(await runArtifacts(rt, runId), runId)).toEqual([
        { modelId: a.modelId, step: 1 },
        { modelId: b.modelId, step: 2 },
      ]);
    });

    it("keeps every change when one store links and tags the same model concurrently", async () => {
      const experimentId = await seedExperiment(rt);
      const runs = await Promise.all([1, 2, 3].map(() => seedRun(rt, experimentId)));
      const model = await rt.store.createLoggedModel({ experimentId, sourceRunId: runs[0]! });
      await Promise.all([
        rt.store.logOutputs(runs[0]!, [{ modelId: model.modelId, step: 5 }]),
        rt.store.logInputs(runs[1]!, { models: [{ modelId: model.modelId }] }),
        rt.store.logInputs(runs[2]!, { models: [{ modelId: model.modelId }] }),
        rt.store.setLoggedModelTags(model.modelId, { stage: "prod" }),
      ]);
      expect((await rt.store.getRun(runs[0]!)).outputs.modelOutputs).toEqual([
        { modelId: model.modelId, step: 5 },
      ]);
      expect((await rt.store.getRun(runs[1]!)).inputs.modelInputs).toEqual([
        { modelId: model.modelId },
      ]);
      expect((await rt.store.getRun(runs[2]!)).inputs.modelInputs).toEqual([
        { modelId: model.modelId },
      ]);
      expect((await rt.store.getLoggedModel(model.modelId)).tags).toEqual({ stage: "prod" });
    });

    it("rejects unknown and deleted models and non-integer steps", async () => {
      const experimentId = await seedExperiment(rt);
      const runId = await seedRun(rt, experimentId);
      const model = await rt.store.createLoggedModel({ experimentId });
      await rt.store.deleteLoggedModel(model.modelId);
      for (const modelId of ["99999", model.modelId]) {
        const error = await rejection(rt.store.logInputs(runId, { models: [{ modelId }] }));
        expect(error.errorCode).toBe("RESOURCE_DOES_NOT_EXIST");
      }
      const step = await rejection(rt.store.logOutputs(runId, [{ modelId: "1", step: 1.5 }]));
      expect(step.errorCode).toBe("INVALID_PARAMETER_VALUE");
    });
  });

  describe("searchDatasets", () => {
    it("returns each (experiment, name, digest, context) once, in one request", async () => {
      const e1 = await seedExperiment(rt, "d1");
      const e2 = await seedExperiment(rt, "d2");
      const e3 = await seedExperiment(rt, "d3");
      const r1 = await seedRun(rt, e1);
      const r2 = await seedRun(rt, e1);
      const r3 = await seedRun(rt, e2);
      const r4 = await seedRun(rt, e3);
      await rt.store.logInputs(r1, { datasets: [input("iris", "a", "train"), input("iris", "b")] });
      await rt.store.logInputs(r2, {
        datasets: [input("iris", "a", "train"), input("iris", "a", "eval")],
      });
      await rt.store.logInputs(r3, { datasets: [input("wine", "c", "eval")] });
      await rt.store.logInputs(r4, { datasets: [input("other", "d")] });
      const search = () => rt.store.searchDatasets([e1, e2]);
      const summaries = await search();
      const key = (d: { experimentId: string; name: string; digest: string; context?: string }) =>
        `${d.experimentId}/${d.name}/${d.digest}/${d.context ?? "-"}`;
      expect(summaries.map(key).sort()).toEqual(
        [`${e1}/iris/a/train`, `${e1}/iris/b/-`, `${e2}/wine/c/eval`].sort(),
      );
      if (rt.isFake) {
        const { requests } = await rt.count(search);
        expect(describeRequests(requests)).toEqual(["GET /artifacts"]);
      }
    });

    it("enforces MLflow's 1–20 experiment ids", async () => {
      expect((await rejection(rt.store.searchDatasets([]))).message).toBe(
        "SearchDatasets request must specify at least one experiment_id.",
      );
      const many = Array.from({ length: 21 }, (_, i) => String(i + 1));
      expect((await rejection(rt.store.searchDatasets(many))).message).toBe(
        "SearchDatasets request cannot specify more than 20 experiment_ids. Received 21 experiment_ids.",
      );
    });
  });
});
