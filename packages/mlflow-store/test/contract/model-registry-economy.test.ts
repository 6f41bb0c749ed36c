/**
 * Model-registry requests per operation (the fake's request log), version numbering under
 * concurrent creation, and searches that stay bulk when many models and versions match.
 */
import { createModelRegistry, REGISTRY_API_PREFIX } from "@model-registry/registry-client";
import { describe, expect, it } from "vitest";
import { createFluent } from "../../src/index.js";
import {
  describeRequests,
  fakeModes,
  MODES,
  useRegistryUnderTest,
} from "../support/registry-under-test.js";

const VERSIONS = "GET /registered_models/{registeredmodelId}/versions";

describe.each(fakeModes("request counts come from the fake registry's request log"))(
  "model registry request economy (%s)",
  (mode) => {
    const rut = useRegistryUnderTest(mode);

    it("MLflow vocabulary: requests per operation", async () => {
      const create = await rut.count(() => rut.store.createRegisteredModel("m"));
      expect(describeRequests(create.requests)).toEqual([
        "GET /registered_models",
        "POST /registered_models",
      ]);
      const version = await rut.count(() => rut.store.createModelVersion("m", "s3://b/1"));
      expect(describeRequests(version.requests)).toEqual([
        "GET /registered_models",
        VERSIONS,
        "POST /model_versions",
        "POST /model_versions/{modelversionId}/artifacts",
      ]);
      const get = await rut.count(() => rut.store.getRegisteredModel("m"));
      expect(describeRequests(get.requests)).toEqual(["GET /registered_models", VERSIONS]);
      const getVersion = await rut.count(() => rut.store.getModelVersion("m", 1));
      expect(describeRequests(getVersion.requests)).toEqual([
        "GET /registered_models",
        "GET /model_version",
      ]);
      const alias = await rut.count(() => rut.store.setRegisteredModelAlias("m", "prod", 1));
      expect(describeRequests(alias.requests)).toEqual([
        "GET /registered_models",
        "GET /model_version",
        "PATCH /registered_models/{registeredmodelId}",
      ]);
      const byAlias = await rut.count(() => rut.store.getModelVersionByAlias("m", "prod"));
      expect(byAlias.requests).toHaveLength(2);
      const tag = await rut.count(() =>
        rut.store.setModelVersionTag("m", 1, { key: "k", value: "v" }),
      );
      expect(describeRequests(tag.requests)).toEqual([
        "GET /registered_models",
        "GET /model_version",
        "PATCH /model_versions/{modelversionId}",
      ]);
      const modelTag = await rut.count(() =>
        rut.store.setRegisteredModelTag("m", { key: "k", value: "v" }),
      );
      expect(modelTag.requests).toHaveLength(2);
      const uri = await rut.count(() => rut.store.getModelVersionDownloadUri("m", 1));
      expect(describeRequests(uri.requests)).toEqual([
        "GET /registered_models",
        "GET /model_version",
        "GET /model_versions/{modelversionId}/artifacts",
      ]);
      const remove = await rut.count(() => rut.store.deleteModelVersion("m", 1));
      expect(describeRequests(remove.requests)).toEqual([
        "GET /registered_models",
        "GET /model_version",
        "PATCH /model_versions/{modelversionId}",
        "PATCH /registered_models/{registeredmodelId}",
      ]);
      const removeModel = await rut.count(() => rut.store.deleteRegisteredModel("m"));
      expect(removeModel.requests).toHaveLength(2);
    });

    it("searches cost two requests per page however many models and versions match", async () => {
      for (let i = 0; i < 30; i++) {
        await rut.store.createRegisteredModel(`bulk-${String(i).padStart(2, "0")}`);
        await rut.store.createModelVersion(`bulk-${String(i).padStart(2, "0")}`, `s3://b/${i}`);
      }
      const models = await rut.count(() =>
        rut.store.searchRegisteredModels({ filterString: "name LIKE 'bulk-%'", maxResults: 25 }),
      );
      expect(models.result.items).toHaveLength(25);
      expect(models.result.items.every((m) => m.latestVersions.length === 1)).toBe(true);
      expect(describeRequests(models.requests)).toEqual([
        "GET /registered_models",
        "GET /model_versions",
      ]);
      const versions = await rut.count(() =>
        rut.store.searchModelVersions({ filterString: "name LIKE 'bulk-%'" }),
      );
      expect(versions.result.items).toHaveLength(30);
      expect(describeRequests(versions.requests)).toEqual([
        "GET /registered_models",
        "GET /model_versions",
      ]);
    });

    it("versions registered by other clients cost one artifact read each on a page", async () => {
      const registry = createModelRegistry({ client: rut.client, author: "py" });
      for (const version of ["a", "b", "c"]) {
        await registry.registerModel("py", `s3://py/${version}`, {
          version,
          modelFormatName: "onnx",
          modelFormatVersion: "1",
        });
      }
      const { result, requests } = await rut.count(() =>
        rut.store.searchModelVersions({ filterString: "name = 'py'" }),
      );
      expect(result.items.map((v) => v.source).sort()).toEqual([
        "s3://py/a",
        "s3://py/b",
        "s3://py/c",
      ]);
      expect(describeRequests(requests)).toEqual([
        "GET /registered_models",
        "GET /model_versions",
        "GET /model_versions/{modelversionId}/artifacts",
        "GET /model_versions/{modelversionId}/artifacts",
        "GET /model_versions/{modelversionId}/artifacts",
      ]);
    });

    it("native vocabulary: 4 requests to register a new model, 3 for a new version", async () => {
      const registry = createModelRegistry({ client: rut.client, author: "ada" });
      const options = { modelFormatName: "onnx", modelFormatVersion: "1" };
      const first = await rut.count(() =>
        registry.registerModel("n", "s3://n/1", { ...options, version: "1" }),
      );
      expect(describeRequests(first.requests)).toEqual([
        "GET /registered_models",
        "POST /registered_models",
        "POST /model_versions",
        "POST /model_versions/{modelversionId}/artifacts",
      ]);
      const second = await rut.count(() =>
        registry.registerModel("n", "s3://n/2", { ...options, version: "2" }),
      );
      expect(second.requests).toHaveLength(3);
      const artifact = await rut.count(() => registry.getModelArtifact("n", "2"));
      expect(describeRequests(artifact.requests)).toEqual([
        "GET /registered_models",
        "GET /model_version",
        "GET /model_versions/{modelversionId}/artifacts",
      ]);
    });

    it("models:/<id>: one read of the logged model, one more when its flavors are only on its run", async () => {
      const experimentId = await rut.store.createExperiment("flavors");
      const run = await rut.store.createRun({ experimentId });
      const runId = run.info.runId;
      const described = await rut.store.createLoggedModel({
        experimentId,
        sourceRunId: runId,
        mlflowModel: { flavors: { onnx: {} } },
      });
      const bare = await rut.store.createLoggedModel({ experimentId, sourceRunId: runId });
      await rut.store.recordLoggedModel(runId, {
        artifactPath: bare.artifactLocation,
        modelUuid: bare.modelId,
        flavors: { onnx: {} },
      });
      await rut.store.createRegisteredModel("formats");
      const reads = async (modelId: string) => {
        const { requests } = await rut.count(() =>
          rut.store.createModelVersion("formats", `models:/${modelId}`),
        );
        return describeRequests(requests)
          .filter((r) => r.startsWith("GET "))
          .sort();
      };
      expect(await reads(described.modelId)).toEqual(
        ["GET /artifacts/{id}", "GET /registered_models", VERSIONS].sort(),
      );
      expect(await reads(bare.modelId)).toEqual(
        [
          "GET /artifacts/{id}",
          "GET /experiment_runs/{experimentrunId}/artifacts",
          "GET /registered_models",
          VERSIONS,
        ].sort(),
      );
    });

    it("fluent registerModel from a run's logged model", async () => {
      const fluent = createFluent({ store: rut.store, env: {}, endRunsOnExit: false });
      const experimentId = await rut.store.createExperiment("e");
      const run = await rut.store.createRun({ experimentId });
      // flavors recorded on the logged model, as logModel records them
      await rut.store.createLoggedModel({
        experimentId,
        sourceRunId: run.info.runId,
        name: "model",
        mlflowModel: { flavors: { onnx: { onnx_version: "1.16.0" } } },
      });
      const { requests } = await rut.count(() =>
        fluent.registerModel(`runs:/${run.info.runId}/model`, "from-run"),
      );
      const described = describeRequests(requests);
      expect(described.slice(0, 5)).toEqual([
        // createRegisteredModel
        "GET /registered_models",
        "POST /registered_models",
        // the run and its logged model named `model`
        "GET /experiment_runs/{experimentrunId}",
        "GET /experiment_runs/{experimentrunId}/artifacts",
        "GET /artifacts",
      ]);
      // createModelVersion(models:/<id>): the model (then its versions) and the logged model
      expect(described.slice(5, 8).sort()).toEqual(
        ["GET /registered_models", VERSIONS, "GET /artifacts/{id}"].sort(),
      );
      expect(described.slice(8)).toEqual([
        "POST /model_versions",
        "POST /model_versions/{modelversionId}/artifacts",
        // the logged model's mlflow.modelVersions tag (a read-modify-write)
        "GET /artifacts/{id}",
        "POST /experiment_runs/{experimentrunId}/artifacts",
      ]);
    });
  },
);

describe.each(MODES)("createModelVersion numbering under concurrency (%s)", (mode) => {
  const rut = useRegistryUnderTest(mode);

  it("concurrent creators (two stores, as two processes) get distinct consecutive versions", async () => {
    const name = rut.unique("race");
    await rut.store.createRegisteredModel(name);
    const stores = [rut.newStore(), rut.newStore(), rut.store];
    const created = await Promise.all(
      Array.from({ length: 9 }, (_, i) =>
        stores[i % stores.length]?.createModelVersion(name, `s3://race/${i}`),
      ),
    );
    const versions = created.map((v) => Number(v?.version)).sort((a, b) => a - b);
    expect(versions).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const sources = new Set(created.map((v) => v?.source));
    expect(sources.size).toBe(9);
  });

  it("a version number taken after the store listed the versions: 409, then the next number", async () => {
    const name = rut.unique("taken");
    await rut.store.createRegisteredModel(name);
    let injected = false;
    const store = rut.newStore({}, async (input, init) => {
      const response = await globalThis.fetch(input, init);
      const url = input instanceof Request ? input.url : String(input);
      if (!injected && /\/registered_models\/\d+\/versions/.test(url)) {
        injected = true;
        // another process creates version 1 between this store's listing and its POST
        await rut.store.createModelVersion(name, "s3://other/1");
      }
      return response;
    });
    const version = await store.createModelVersion(name, "s3://mine/2");
    expect(version.version).toBe("2");
    expect((await rut.store.getModelVersion(name, 1)).source).toBe("s3://other/1");
    if (rut.isFake) {
      const statuses = rut
        .requests()
        .filter((r) => r.method === "POST" && r.route === `${REGISTRY_API_PREFIX}/model_versions`)
        .map((r) => r.status);
      expect(statuses).toEqual([201, 409, 201]);
    }
  });
});
