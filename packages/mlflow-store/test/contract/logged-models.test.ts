import { type Artifact, REGISTRY_API_PREFIX, unwrap } from "@model-registry/registry-client";
import { describe, expect, it } from "vitest";
import { mlflowRejection as rejection } from "../support/mlflow-rejection.js";
import {
  describeRequests,
  MODES,
  type RegistryUnderTest,
  useRegistryUnderTest,
} from "../support/registry-under-test.js";
import { seedRegistryRun } from "../support/seed-registry-run.js";

const API = REGISTRY_API_PREFIX;

/** An experiment (through the store) and a run in it (raw registry POST, as any client writes it). */
async function seedRun(rt: RegistryUnderTest, experimentName = "models") {
  const experimentId = await rt.store.createExperiment(rt.unique(experimentName));
  return { experimentId, runId: await seedRegistryRun(rt, experimentId) };
}

async function rawArtifact(rt: RegistryUnderTest, id: string): Promise<Artifact> {
  return unwrap(rt.client.GET(`${API}/artifacts/{id}`, { params: { path: { id } } }));
}

function prop(artifact: Artifact, key: string): unknown {
  const value = artifact.customProperties?.[key] as { string_value?: unknown } | undefined;
  return value?.string_value;
}

describe.each(MODES)("logged models (%s)", (mode) => {
  const rt = useRegistryUnderTest(mode);

  describe("createLoggedModel", () => {
    it("creates a PENDING model with tags, params and an artifact location under the experiment", async () => {
      const { experimentId, runId } = await seedRun(rt);
      const experiment = await rt.store.getExperiment(experimentId);
      const model = await rt.store.createLoggedModel({
        experimentId,
        name: "iris",
        sourceRunId: runId,
        modelType: "sklearn",
        tags: { team: "vision" },
        params: [{ key: "alpha", value: "0.5" }],
      });
      expect(model).toMatchObject({
        experimentId,
        name: "iris",
        sourceRunId: runId,
        modelType: "sklearn",
        status: "PENDING",
        tags: { team: "vision" },
        params: { alpha: "0.5" },
      });
      expect(model.modelId).toMatch(/^[0-9]+$/);
      expect(model.artifactLocation).toMatch(
        new RegExp(`^${experiment.artifactLocation}/models/m-[0-9a-f]{32}/artifacts$`),
      );
      expect(model.creationTimestamp).toBe(model.lastUpdatedTimestamp);
      const stored = await rawArtifact(rt, model.modelId);
      expect(stored).toMatchObject({
        artifactType: "model-artifact",
        state: "PENDING",
        experimentRunId: runId,
      });
      expect(prop(stored, "mlflow__name")).toBe("iris");
      expect(prop(stored, "mlflow__experiment_id")).toBe(experimentId);
      expect(prop(stored, "param_alpha")).toBe("0.5");
      expect(prop(stored, "team")).toBe("vision");
    });

    it("allows several models with the same name in one run (the registry name is unique)", async () => {
      const { experimentId, runId } = await seedRun(rt);
      const a = await rt.store.createLoggedModel({
        experimentId,
        name: "model",
        sourceRunId: runId,
      });
      const b = await rt.store.createLoggedModel({
        experimentId,
        name: "model",
        sourceRunId: runId,
      });
      expect(a.modelId).not.toBe(b.modelId);
      expect((await rt.store.getLoggedModel(b.modelId)).name).toBe("model");
    });

    it("creates a model without a source run and generates a name when none is given", async () => {
      const { experimentId } = await seedRun(rt);
      const model = await rt.store.createLoggedModel({ experimentId });
      expect(model.name).toMatch(/^[a-z]+-[a-z]+-[0-9]{1,4}$/);
      expect(model.sourceRunId).toBeNull();
      expect(await rt.store.getLoggedModel(model.modelId)).toEqual(model);
    });

    it("costs the experiment GET and one POST, and one POST once the experiment is known", async (ctx) => {
      rt.requireFake(ctx, "counts requests with the fake's log");
      const { experimentId, runId } = await seedRun(rt);
      const store = rt.newStore();
      const first = await rt.count(() =>
        store.createLoggedModel({ experimentId, sourceRunId: runId }),
      );
      expect(describeRequests(first.requests)).toEqual([
        "GET /experiments/{experimentId}",
        "POST /experiment_runs/{experimentrunId}/artifacts",
      ]);
      const second = await rt.count(() => store.createLoggedModel({ experimentId }));
      expect(describeRequests(second.requests)).toEqual(["POST /artifacts"]);
    });

    it("rejects invalid names and reserved tag keys before any request", async (ctx) => {
      rt.requireFake(ctx, "counts requests with the fake's log");
      const { experimentId } = await seedRun(rt);
      for (const name of ["a.b", "a/b", "", "it's"]) {
        const { result, requests } = await rt.count(() =>
          rejection(rt.store.createLoggedModel({ experimentId, name })),
        );
        expect(result.errorCode).toBe("INVALID_PARAMETER_VALUE");
        expect(result.message).toContain("Invalid model name");
        expect(requests).toEqual([]);
      }
      const reserved = await rejection(
        rt.store.createLoggedModel({ experimentId, tags: { param_x: "1" } }),
      );
      expect(reserved.errorCode).toBe("INVALID_PARAMETER_VALUE");
    });

    it("refuses unknown and deleted experiments and unknown source runs", async () => {
      const { experimentId } = await seedRun(rt);
      expect(
        (await rejection(rt.store.createLoggedModel({ experimentId: "99999" }))).errorCode,
      ).toBe("RESOURCE_DOES_NOT_EXIST");
      const unknownRun = await rejection(
        rt.store.createLoggedModel({ experimentId, sourceRunId: "99999" }),
      );
      expect(unknownRun.errorCode).toBe("RESOURCE_DOES_NOT_EXIST");
      expect(unknownRun.message).toBe("Run with id=99999 not found");
      await rt.store.deleteExperiment(experimentId);
      const deleted = await rejection(rt.newStore().createLoggedModel({ experimentId }));
      expect(deleted.errorCode).toBe("INVALID_PARAMETER_VALUE");
      expect(deleted.message).toContain("must be in the 'active' state");
    });
  });

  describe("getLoggedModel", () => {
    it("reads a model with exactly one request", async (ctx) => {
      rt.requireFake(ctx, "counts requests with the fake's log");
      const { experimentId, runId } = await seedRun(rt);
      const model = await rt.store.createLoggedModel({
        experimentId,
        sourceRunId: runId,
        name: "m",
      });
      const { result, requests } = await rt.count(() =>
        rt.newStore().getLoggedModel(model.modelId),
      );
      expect(result).toEqual(model);
      expect(describeRequests(requests)).toEqual(["GET /artifacts/{id}"]);
    });

    it("answers RESOURCE_DOES_NOT_EXIST for unknown ids, MLflow-style ids and other artifacts", async () => {
      const { runId } = await seedRun(rt);
      const metric = await unwrap(
        rt.client.POST(`${API}/experiment_runs/{experimentrunId}/artifacts`, {
          params: { path: { experimentrunId: runId } },
          body: { artifactType: "metric", name: "loss", value: 1, step: 0, timestamp: "1" },
        }),
      );
      for (const id of ["99999", `m-${"0".repeat(32)}`, metric.id as string]) {
        const error = await rejection(rt.store.getLoggedModel(id));
        expect(error.errorCode).toBe("RESOURCE_DOES_NOT_EXIST");
        expect(error.message).toBe(`Logged model with ID '${id}' not found.`);
        expect(error.httpStatus).toBe(404);
      }
    });
  });

  describe("finalize, tags, params", () => {
    it("finalizes to READY (registry state LIVE) and FAILED (ABANDONED), keeping the run attribution", async () => {
      const { experimentId, runId } = await seedRun(rt);
      const model = await rt.store.createLoggedModel({ experimentId, sourceRunId: runId });
      const ready = await rt.store.finalizeLoggedModel(model.modelId, "READY");
      expect(ready.status).toBe("READY");
      expect(ready.lastUpdatedTimestamp).toBeGreaterThanOrEqual(model.lastUpdatedTimestamp);
      const stored = await rawArtifact(rt, model.modelId);
      expect(stored.state).toBe("LIVE");
      expect(stored.experimentRunId).toBe(runId);
      expect((await rt.store.finalizeLoggedModel(model.modelId, "FAILED")).status).toBe("FAILED");
      expect((await rawArtifact(rt, model.modelId)).state).toBe("ABANDONED");
    });

    it("finalizes with one GET and one write", async (ctx) => {
      rt.requireFake(ctx, "counts requests with the fake's log");
      const { experimentId, runId } = await seedRun(rt);
      const model = await rt.store.createLoggedModel({ experimentId, sourceRunId: runId });
      const { requests } = await rt.count(() =>
        rt.newStore().finalizeLoggedModel(model.modelId, "READY"),
      );
      expect(describeRequests(requests)).toEqual([
        "GET /artifacts/{id}",
        "POST /experiment_runs/{experimentrunId}/artifacts",
      ]);
    });

    it("rejects an unknown status", async () => {
      const { experimentId } = await seedRun(rt);
      const model = await rt.store.createLoggedModel({ experimentId });
      const error = await rejection(rt.store.finalizeLoggedModel(model.modelId, "DONE" as never));
      expect(error.errorCode).toBe("INVALID_PARAMETER_VALUE");
    });

    it("upserts and deletes tags without changing the status", async () => {
      const { experimentId, runId } = await seedRun(rt);
      const model = await rt.store.createLoggedModel({
        experimentId,
        sourceRunId: runId,
        tags: { a: "1" },
      });
      await rt.store.finalizeLoggedModel(model.modelId, "READY");
      await rt.store.setLoggedModelTags(model.modelId, [
        { key: "a", value: "2" },
        { key: "b", value: "3" },
      ]);
      let read = await rt.store.getLoggedModel(model.modelId);
      expect(read.tags).toEqual({ a: "2", b: "3" });
      expect(read.status).toBe("READY");
      await rt.store.deleteLoggedModelTag(model.modelId, "a");
      read = await rt.store.getLoggedModel(model.modelId);
      expect(read.tags).toEqual({ b: "3" });
      expect(read.status).toBe("READY");
      const missing = await rejection(rt.store.deleteLoggedModelTag(model.modelId, "zzz"));
      expect(missing.errorCode).toBe("RESOURCE_DOES_NOT_EXIST");
      expect(missing.message).toBe(
        `No tag with key 'zzz' found for model with ID '${model.modelId}'.`,
      );
    });

    it("logs params next to existing ones", async () => {
      const { experimentId } = await seedRun(rt);
      const model = await rt.store.createLoggedModel({ experimentId, params: { a: "1" } });
      await rt.store.logLoggedModelParams(model.modelId, { b: "2" });
      const read = await rt.store.getLoggedModel(model.modelId);
      expect(read.params).toEqual({ a: "1", b: "2" });
      expect(read.tags).toEqual({});
    });

    it("updates a model without a run through PATCH /artifacts/{id}, carrying its state", async (ctx) => {
      rt.requireFake(ctx, "inspects the fake's request log");
      const { experimentId } = await seedRun(rt);
      const model = await rt.store.createLoggedModel({ experimentId });
      const { requests } = await rt.count(() =>
        rt.store.setLoggedModelTags(model.modelId, { k: "v" }),
      );
      expect(describeRequests(requests)).toEqual(["GET /artifacts/{id}", "PATCH /artifacts/{id}"]);
      expect((await rt.store.getLoggedModel(model.modelId)).status).toBe("PENDING");
    });
  });

  describe("request counts", () => {
    it("updates cost one GET and one write each; recordLoggedModel the run GET once per store and one POST", async (ctx) => {
      rt.requireFake(ctx, "counts requests with the fake's log");
      const { experimentId, runId } = await seedRun(rt);
      const model = await rt.store.createLoggedModel({
        experimentId,
        sourceRunId: runId,
        tags: { a: "1" },
      });
      const store = rt.newStore();
      const write = ["GET /artifacts/{id}", "POST /experiment_runs/{experimentrunId}/artifacts"];
      const operations: [string, () => Promise<unknown>][] = [
        ["setLoggedModelTags", () => store.setLoggedModelTags(model.modelId, { b: "2" })],
        ["deleteLoggedModelTag", () => store.deleteLoggedModelTag(model.modelId, "a")],
        ["logLoggedModelParams", () => store.logLoggedModelParams(model.modelId, { p: "1" })],
        ["finalizeLoggedModel", () => store.finalizeLoggedModel(model.modelId, "READY")],
        ["deleteLoggedModel", () => store.deleteLoggedModel(model.modelId)],
      ];
      for (const [name, operation] of operations) {
        const { requests } = await rt.count(operation);
        expect(describeRequests(requests), name).toEqual(write);
      }
      const first = await rt.count(() => store.recordLoggedModel(runId, { artifactPath: "a" }));
      expect(describeRequests(first.requests)).toEqual([
        "GET /experiment_runs/{experimentrunId}",
        "POST /experiment_runs/{experimentrunId}/artifacts",
      ]);
      const second = await rt.count(() => store.recordLoggedModel(runId, { artifactPath: "b" }));
      expect(describeRequests(second.requests)).toEqual([
        "POST /experiment_runs/{experimentrunId}/artifacts",
      ]);
    });
  });

  describe("deleteLoggedModel", () => {
    it("marks the model deleted: get no longer finds it, deleting again is fine", async () => {
      const { experimentId, runId } = await seedRun(rt);
      const model = await rt.store.createLoggedModel({ experimentId, sourceRunId: runId });
      await rt.store.deleteLoggedModel(model.modelId);
      expect((await rawArtifact(rt, model.modelId)).state).toBe("MARKED_FOR_DELETION");
      expect((await rejection(rt.store.getLoggedModel(model.modelId))).errorCode).toBe(
        "RESOURCE_DOES_NOT_EXIST",
      );
      await rt.store.deleteLoggedModel(model.modelId);
      const tagging = await rejection(rt.store.setLoggedModelTags(model.modelId, { a: "b" }));
      expect(tagging.errorCode).toBe("RESOURCE_DOES_NOT_EXIST");
    });
  });

  describe("recordLoggedModel", () => {
    it("posts the MLmodel to the run with the plugin's mlflow__ keys, not as a logged model", async () => {
      const { experimentId, runId } = await seedRun(rt);
      await rt.store.recordLoggedModel(runId, {
        artifactPath: "model",
        modelUuid: "0123456789abcdef0123456789abcdef",
        utcTimeCreated: "2026-01-01 00:00:00.000000",
        mlflowVersion: "3.1.0",
        flavors: {
          sklearn: { pickled_model: "model.pkl" },
          python_function: { env: "conda.yaml" },
        },
      });
      const list = await unwrap(
        rt.client.GET(`${API}/experiment_runs/{experimentrunId}/artifacts`, {
          params: { path: { experimentrunId: runId }, query: { artifactType: "model-artifact" } },
        }),
      );
      expect(list.items).toHaveLength(1);
      const stored = list.items[0] as Artifact;
      expect(prop(stored, "mlflow__artifactPath")).toBe("model");
      expect(prop(stored, "mlflow__model_uuid")).toBe("0123456789abcdef0123456789abcdef");
      expect(prop(stored, "mlflow__utc_time_created")).toBe("2026-01-01 00:00:00.000000");
      expect(prop(stored, "mlflow__mlflow_version")).toBe("3.1.0");
      expect(prop(stored, "mlflow__experiment_id")).toBe(experimentId);
      expect(JSON.parse(prop(stored, "mlflow__flavor_sklearn") as string)).toEqual({
        pickled_model: "model.pkl",
      });
      const dict = JSON.parse(prop(stored, "mlflow__logged_model") as string);
      expect(dict).toMatchObject({
        artifact_path: "model",
        run_id: runId,
        mlflow_version: "3.1.0",
      });
      expect(dict.flavors.python_function).toEqual({ env: "conda.yaml" });
      expect((await rejection(rt.store.getLoggedModel(stored.id as string))).errorCode).toBe(
        "RESOURCE_DOES_NOT_EXIST",
      );
    });

    it("refuses deleted runs", async () => {
      const { runId } = await seedRun(rt);
      await unwrap(
        rt.client.PATCH(`${API}/experiment_runs/{experimentrunId}`, {
          params: { path: { experimentrunId: runId } },
          body: { state: "ARCHIVED", status: "RUNNING" },
        }),
      );
      const error = await rejection(rt.newStore().recordLoggedModel(runId, { artifactPath: "m" }));
      expect(error.errorCode).toBe("INVALID_PARAMETER_VALUE");
    });
  });
});
