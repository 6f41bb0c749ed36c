/**
 * Both model-registry vocabularies on one layout: what the Python `model-registry` client and the
 * Kubeflow dashboard leave in the registry (seeded into the fake) reads back in MLflow's
 * vocabulary and natively; what MLflow's vocabulary writes reads back natively in the Python
 * layout; registerModel end to end in both vocabularies, from runs and logged models.
 */
import {
  createModelRegistry,
  type MetadataValue,
  REGISTRY_API_PREFIX,
  unwrap,
} from "@model-registry/registry-client";
import type { FakeRegistrySnapshot } from "@model-registry/testing";
import { describe, expect, it } from "vitest";
import { createFluent } from "../../src/index.js";
import { fakeModes, MODES, useRegistryUnderTest } from "../support/registry-under-test.js";

const API = REGISTRY_API_PREFIX;
const T = "1767225600000";
const s = (string_value: string): MetadataValue => ({
  metadataType: "MetadataStringValue",
  string_value,
});

/**
 * The registry after the Python client's `register_model("churn", "s3://…", version="v1", …,
 * metadata={"accuracy": 0.93, "epochs": 10})`, and after the dashboard's "Register new version"
 * form (model artifact named after the version, state LIVE, and its own custom properties).
 */
const PYTHON_CLIENT_LAYOUT: FakeRegistrySnapshot = {
  format: "model-registry-fake/v1",
  nextIds: { context: 10, artifact: 10 },
  registeredModels: [
    {
      id: "1",
      name: "churn",
      owner: "ana",
      state: "LIVE",
      customProperties: {},
      createTimeSinceEpoch: T,
      lastUpdateTimeSinceEpoch: T,
    },
  ],
  modelVersions: [
    {
      id: "2",
      name: "v1",
      registeredModelId: "1",
      author: "ana",
      state: "LIVE",
      description: "first",
      customProperties: {
        accuracy: { metadataType: "MetadataDoubleValue", double_value: 0.93 },
        epochs: { metadataType: "MetadataIntValue", int_value: "10" },
      },
      createTimeSinceEpoch: T,
      lastUpdateTimeSinceEpoch: T,
    },
    {
      id: "3",
      name: "v2",
      registeredModelId: "1",
      author: "bob",
      state: "LIVE",
      customProperties: { reviewed: s("") },
      createTimeSinceEpoch: "1767225601000",
      lastUpdateTimeSinceEpoch: "1767225601000",
    },
  ],
  artifacts: [
    {
      artifactType: "model-artifact",
      id: "1",
      name: "churn",
      uri: "s3://models/churn/v1?endpoint=http://minio:9000&defaultRegion=us-east-1",
      state: "UNKNOWN",
      modelFormatName: "onnx",
      modelFormatVersion: "1",
      storageKey: "aws-connection",
      storagePath: "churn/v1",
      customProperties: {},
      createTimeSinceEpoch: T,
      lastUpdateTimeSinceEpoch: T,
      parentIds: ["2"],
    },
    {
      artifactType: "model-artifact",
      id: "2",
      name: "v2",
      uri: "oci://quay.io/acme/churn:v2",
      state: "LIVE",
      modelFormatName: "sklearn",
      modelFormatVersion: "1.5",
      customProperties: {},
      createTimeSinceEpoch: "1767225601000",
      lastUpdateTimeSinceEpoch: "1767225601000",
      parentIds: ["3"],
    },
  ],
};

describe.each(fakeModes("seeds the fake with the Python client's layout"))(
  "Python client's registrations read in both vocabularies (%s)",
  (mode) => {
    const rut = useRegistryUnderTest(mode, { initialState: PYTHON_CLIENT_LAYOUT });

    it("MLflow's vocabulary reads the model, its versions, their sources and metadata", async () => {
      const model = await rut.store.getRegisteredModel("churn");
      expect(model).toMatchObject({
        name: "churn",
        description: null,
        tags: {},
        aliases: {},
        creationTimestamp: Number(T),
      });
      // no integer versions: the latest is the newest registry version
      expect(model.latestVersions.map((v) => v.version)).toEqual(["v2"]);
      const v1 = await rut.store.getModelVersion("churn", "v1");
      expect(v1).toEqual({
        name: "churn",
        version: "v1",
        creationTimestamp: Number(T),
        lastUpdatedTimestamp: Number(T),
        description: "first",
        userId: "ana",
        currentStage: "None",
        source: "s3://models/churn/v1?endpoint=http://minio:9000&defaultRegion=us-east-1",
        runId: null,
        runLink: null,
        status: "READY",
        statusMessage: null,
        tags: { accuracy: "0.93", epochs: "10" },
        aliases: [],
        modelId: null,
      });
      expect(await rut.store.getModelVersionDownloadUri("churn", "v2")).toBe(
        "oci://quay.io/acme/churn:v2",
      );
      const search = await rut.store.searchModelVersions({
        filterString: "name = 'churn'",
        orderBy: ["creation_timestamp ASC"],
      });
      expect(search.items.map((v) => [v.version, v.source, v.tags])).toEqual([
        [
          "v1",
          "s3://models/churn/v1?endpoint=http://minio:9000&defaultRegion=us-east-1",
          { accuracy: "0.93", epochs: "10" },
        ],
        ["v2", "oci://quay.io/acme/churn:v2", { reviewed: "" }],
      ]);
      const bySource = await rut.store.searchModelVersions({
        filterString: "source_path LIKE 'oci://%'",
      });
      expect(bySource.items.map((v) => v.version)).toEqual(["v2"]);
    });

    it("MLflow's writes keep the Python layout: aliases, tags, a first integer version", async () => {
      await rut.store.setRegisteredModelAlias("churn", "champion", "v1");
      await rut.store.setModelVersionTag("churn", "v1", { key: "validated", value: "yes" });
      expect(await rut.store.getModelVersionByAlias("churn", "champion")).toMatchObject({
        version: "v1",
        tags: { accuracy: "0.93", epochs: "10", validated: "yes" },
      });
      const created = await rut.store.createModelVersion("churn", "s3://models/churn/3");
      expect(created.version).toBe("1");
      const registry = createModelRegistry({ client: rut.client, author: "py" });
      const v1 = await registry.getModelVersion("churn", "v1");
      // the Python client's metadata keeps its types; the MLflow tag is a string property
      expect(v1?.customProperties).toEqual({ accuracy: 0.93, epochs: 10, validated: "yes" });
      expect((await registry.getModelArtifact("churn", "1"))?.uri).toBe("s3://models/churn/3");
      expect((await registry.getModelArtifact("churn", "v2"))?.name).toBe("v2");
    });

    it("the native vocabulary reads the same registrations", async () => {
      const registry = createModelRegistry({ client: rut.client, author: "py" });
      expect(await registry.getRegisteredModel("churn")).toMatchObject({
        id: "1",
        owner: "ana",
        state: "LIVE",
      });
      expect(await registry.getModelArtifact("churn", "v1")).toMatchObject({
        id: "1",
        storageKey: "aws-connection",
        storagePath: "churn/v1",
        modelFormatName: "onnx",
      });
    });
  },
);

describe.each(MODES)("registerModel end to end in both vocabularies (%s)", (mode) => {
  const rut = useRegistryUnderTest(mode);

  it("a version created in MLflow's vocabulary reads natively in the Python client's layout", async () => {
    const name = rut.unique("mlflow-made");
    await rut.store.createRegisteredModel(name, { description: "from MLflow" });
    await rut.store.createModelVersion(name, "s3://bucket/m/1", { runId: "7", userId: "ada" });
    const registry = createModelRegistry({ client: rut.client, author: "py" });
    expect(await registry.getRegisteredModel(name)).toMatchObject({
      name,
      description: "from MLflow",
    });
    expect(await registry.getModelVersion(name, "1")).toMatchObject({
      name: "1",
      author: "ada",
      customProperties: { "mlflow.source": "s3://bucket/m/1", "mlflow.runId": "7" },
    });
    // found the way the Python client finds it: GET /model_artifact?name=<model>&parentResourceId=
    const version = await registry.getModelVersion(name, "1");
    const artifact = await unwrap(
      rut.client.GET(`${API}/model_artifact`, {
        params: { query: { name, parentResourceId: version?.id ?? "" } },
      }),
    );
    expect(artifact).toMatchObject({ name, uri: "s3://bucket/m/1", state: "LIVE" });
  });

  it("a version registered natively reads in MLflow's vocabulary, and vice versa after a rename", async () => {
    const name = rut.unique("native-made");
    const registry = createModelRegistry({ client: rut.client, author: "ada" });
    await registry.registerModel(name, "s3://bucket/native/1", {
      version: "1",
      modelFormatName: "onnx",
      modelFormatVersion: "1",
      metadata: { note: "hello" },
    });
    expect(await rut.store.getModelVersion(name, 1)).toMatchObject({
      source: "s3://bucket/native/1",
      userId: "ada",
      tags: { note: "hello" },
    });
    expect((await rut.store.createModelVersion(name, "s3://bucket/native/2")).version).toBe("2");
    const renamed = rut.unique("renamed");
    await rut.store.renameRegisteredModel(name, renamed);
    // registry names cannot change: the native vocabulary still knows the model as `name`
    expect((await registry.getRegisteredModel(name))?.customProperties).toMatchObject({
      "mlflow.registeredModelName": renamed,
    });
    expect(await registry.getRegisteredModel(renamed)).toBeNull();
    expect((await rut.store.getModelVersion(renamed, 2)).name).toBe(renamed);
  });

  it("fluent registerModel: runs:/ → the run's logged model (models:/) with its flavor", async () => {
    const fluent = createFluent({ store: rut.store, env: {}, endRunsOnExit: false });
    const experimentId = await rut.store.createExperiment(rut.unique("exp"));
    const run = await rut.store.createRun({ experimentId });
    const runId = run.info.runId;
    const logged = await rut.store.createLoggedModel({
      experimentId,
      sourceRunId: runId,
      name: "model",
      modelType: "sklearn",
    });
    await rut.store.finalizeLoggedModel(logged.modelId, "READY");
    await rut.store.logOutputs(runId, [{ modelId: logged.modelId, step: 3 }]);
    await addFlavors(rut.client, logged.modelId, runId, {
      python_function: { loader_module: "mlflow.sklearn", python_version: "3.11.9" },
      sklearn: { sklearn_version: "1.5.2", serialization_format: "cloudpickle" },
    });
    const name = rut.unique("from-run");
    const version = await fluent.registerModel(`runs:/${runId}/model`, name, {
      tags: { origin: "fluent" },
    });
    expect(version).toMatchObject({
      name,
      version: "1",
      source: `models:/${logged.modelId}`,
      runId,
      modelId: logged.modelId,
      tags: { origin: "fluent" },
    });
    expect(await rut.store.getModelVersionDownloadUri(name, 1)).toBe(logged.artifactLocation);
    const registry = createModelRegistry({ client: rut.client, author: "py" });
    expect(await registry.getModelArtifact(name, "1")).toMatchObject({
      name,
      uri: logged.artifactLocation,
      modelFormatName: "sklearn",
      modelFormatVersion: "1.5.2",
    });
    expect((await rut.store.getLoggedModel(logged.modelId)).tags["mlflow.modelVersions"]).toBe(
      JSON.stringify([{ name, version: "1" }]),
    );
    // models:/<id> registers the same logged model again as version 2 of the existing model
    const again = await fluent.registerModel(`models:/${logged.modelId}`, name);
    expect(again).toMatchObject({ version: "2", runId, modelId: logged.modelId });
    expect(
      JSON.parse(
        (await rut.store.getLoggedModel(logged.modelId)).tags["mlflow.modelVersions"] ?? "",
      ),
    ).toEqual([
      { name, version: "1" },
      { name, version: "2" },
    ]);
    expect(await fluent.searchModelVersions({ filterString: `run_id = '${runId}'` })).toHaveLength(
      2,
    );
    expect(
      (await fluent.searchRegisteredModels({ filterString: `name = '${name}'` })).map(
        (m) => m.latestVersions[0]?.version,
      ),
    ).toEqual(["2"]);
  });

  it("createModelVersion from runs:/ → the run's artifacts, flavor of a recorded MLmodel", async () => {
    const experimentId = await rut.store.createExperiment(rut.unique("exp2"));
    const run = await rut.store.createRun({ experimentId });
    await rut.store.recordLoggedModel(run.info.runId, {
      artifactPath: "classifier",
      flavors: { onnx: { onnx_version: "1.16.0" }, python_function: {} },
    });
    const name = rut.unique("from-artifacts");
    await rut.store.createRegisteredModel(name);
    // MLflow's create_model_version does not look at the files (the fluent registerModel does)
    const version = await rut.store.createModelVersion(name, `runs:/${run.info.runId}/classifier`);
    expect(version).toMatchObject({
      source: `runs:/${run.info.runId}/classifier`,
      runId: run.info.runId,
      modelId: null,
    });
    const location = `${run.info.artifactUri}/classifier`;
    expect(await rut.store.getModelVersionDownloadUri(name, 1)).toBe(location);
    const registry = createModelRegistry({ client: rut.client, author: "py" });
    expect(await registry.getModelArtifact(name, "1")).toMatchObject({
      uri: location,
      modelFormatName: "onnx",
      modelFormatVersion: "1.16.0",
    });
    // models:/<name>/<version> registers another version at the same location
    const copy = rut.unique("copy");
    await rut.store.createRegisteredModel(copy);
    await rut.store.createModelVersion(copy, `models:/${name}/1`);
    expect(await rut.store.getModelVersionDownloadUri(copy, 1)).toBe(location);
    expect((await registry.getModelArtifact(copy, "1"))?.modelFormatName).toBe("onnx");
  });

  it("createModelVersion from runs:/ under an artifact root with a query: the path goes before it", async () => {
    const store = rut.newStore({
      artifactLocation: "s3://bucket/mlflow?endpoint=http://minio:9000",
    });
    const experimentId = await store.createExperiment(rut.unique("exp-query"));
    const run = await store.createRun({ experimentId });
    expect(run.info.artifactUri).toMatch(/\/artifacts\?endpoint=http:\/\/minio:9000$/);
    const name = rut.unique("from-query-root");
    await store.createRegisteredModel(name);
    await store.createModelVersion(name, `runs:/${run.info.runId}/classifier`);
    expect(await store.getModelVersionDownloadUri(name, 1)).toBe(
      run.info.artifactUri.replace("?endpoint=", "/classifier?endpoint="),
    );
  });

  it("models:/<id> of a model logged through the Python plugin: the format comes from the MLmodel recorded on its run", async () => {
    const experimentId = await rut.store.createExperiment(rut.unique("py"));
    const run = await rut.store.createRun({ experimentId });
    const runId = run.info.runId;
    // MLflow 3's Model.log through the plugin: create_logged_model (no flavors), then
    // record_logged_model on the run with model_uuid = the logged model's id
    const logged = await rut.store.createLoggedModel({ experimentId, sourceRunId: runId });
    await rut.store.finalizeLoggedModel(logged.modelId, "READY");
    await rut.store.recordLoggedModel(runId, {
      artifactPath: logged.artifactLocation,
      modelUuid: logged.modelId,
      flavors: {
        python_function: { loader_module: "mlflow.xgboost", python_version: "3.11.9" },
        xgboost: { xgb_version: "2.1.0", data: "model.xgb" },
      },
    });
    const name = rut.unique("py-logged");
    await rut.store.createRegisteredModel(name);
    await rut.store.createModelVersion(name, `models:/${logged.modelId}`);
    const registry = createModelRegistry({ client: rut.client, author: "py" });
    expect(await registry.getModelArtifact(name, "1")).toMatchObject({
      uri: logged.artifactLocation,
      modelFormatName: "xgboost",
      modelFormatVersion: "2.1.0",
    });
  });

  it("an unknown logged model or run in the source is MLflow's error", async () => {
    const name = rut.unique("bad-source");
    await rut.store.createRegisteredModel(name);
    const error = await rut.store.createModelVersion(name, "models:/99999").catch((e) => e);
    expect(error).toMatchObject({ errorCode: "RESOURCE_DOES_NOT_EXIST" });
    expect(String(error.message)).toContain(
      "Unable to fetch model from model URI source artifact location 'models:/99999'",
    );
    const noVersions = await rut.store.searchModelVersions({ filterString: `name = '${name}'` });
    expect(noVersions.items).toEqual([]);
  });
});

/** Adds `mlflow__flavor_NAME` properties to a logged model, as logModel records its flavors. */
async function addFlavors(
  client: ReturnType<typeof useRegistryUnderTest>["client"],
  modelId: string,
  runId: string,
  flavors: Record<string, unknown>,
): Promise<void> {
  const artifact = await unwrap(
    client.GET(`${API}/artifacts/{id}`, { params: { path: { id: modelId } } }),
  );
  const customProperties: Record<string, MetadataValue> = { ...artifact.customProperties };
  for (const [flavor, config] of Object.entries(flavors)) {
    customProperties[`mlflow__flavor_${flavor}`] = s(JSON.stringify(config));
  }
  await unwrap(
    client.POST(`${API}/experiment_runs/{experimentrunId}/artifacts`, {
      params: { path: { experimentrunId: runId } },
      body: {
        artifactType: "model-artifact",
        id: modelId,
        ...(artifact.state !== undefined ? { state: artifact.state } : {}),
        customProperties,
      },
    }),
  );
}
