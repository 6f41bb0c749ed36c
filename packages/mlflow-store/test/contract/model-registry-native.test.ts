/**
 * The registry-native vocabulary (`createModelRegistry` from registry-client, the Python
 * `model-registry` client's `ModelRegistry`) against the fake registry, in process and over a
 * real port: the same requests and bodies as the Python client, reads, iterators, updates and
 * archiving.
 */
import {
  createModelRegistry,
  createRegistryClient,
  double,
  isRegistryError,
  type ModelRegistry,
  REGISTRY_API_PREFIX,
  unwrap,
} from "@model-registry/registry-client";
import { describe, expect, it } from "vitest";
import {
  describeRequests,
  fakeModes,
  MODES,
  useRegistryUnderTest,
} from "../support/registry-under-test.js";

interface Recorded {
  method: string;
  path: string;
  body: unknown;
}

/** A registry client on the harness's registry that records request bodies. */
function recordingRegistry(baseUrl: string, author = "ada") {
  const calls: Recorded[] = [];
  const token = process.env.MODEL_REGISTRY_E2E_TOKEN;
  const client = createRegistryClient({
    baseUrl,
    retry: false,
    ...(token ? { auth: token, allowInsecureAuth: true } : {}),
    fetch: async (input, init) => {
      const request = input instanceof Request ? input : new Request(input, init);
      const text = request.body === null ? "" : await request.clone().text();
      calls.push({
        method: request.method,
        path: new URL(request.url).pathname.replace(REGISTRY_API_PREFIX, ""),
        body: text === "" ? undefined : JSON.parse(text),
      });
      return globalThis.fetch(request);
    },
  });
  return { registry: createModelRegistry({ client, author }), calls };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (isRegistryError(error)) return String(error.code);
    throw error;
  }
  throw new Error("expected the call to fail");
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe.each(MODES)("model registry, registry-native vocabulary (%s)", (mode) => {
  const rut = useRegistryUnderTest(mode);
  const registryOf = (): ModelRegistry =>
    createModelRegistry({ client: rut.client, author: "ada" });

  it("registerModel writes what the Python client writes: model, version, artifact", async () => {
    const { registry, calls } = recordingRegistry(rut.client.baseUrl);
    const name = rut.unique("churn");
    const model = await registry.registerModel(name, "s3://models/churn/1", {
      version: "1.0.0",
      modelFormatName: "onnx",
      modelFormatVersion: "1",
      versionDescription: "first",
      storageKey: "aws-connection",
      storagePath: "churn/1",
      modelSourceKind: "kfp",
      modelSourceClass: "pipelinerun",
      modelSourceGroup: "team-a",
      modelSourceId: "run-42",
      modelSourceName: "train",
      metadata: { accuracy: 0.93, epochs: 10, framework: "torch", tuned: true },
    });
    expect(model).toMatchObject({ kind: "registered-model", name, owner: "ada", state: "LIVE" });
    const writes = calls.filter((call) => call.method !== "GET");
    const versionId = (writes[2]?.path ?? "").split("/")[2];
    expect(writes).toEqual([
      {
        method: "POST",
        path: "/registered_models",
        body: { name, owner: "ada", state: "LIVE" },
      },
      {
        method: "POST",
        path: "/model_versions",
        body: {
          name: "1.0.0",
          registeredModelId: model.id,
          author: "ada",
          state: "LIVE",
          description: "first",
          customProperties: {
            accuracy: { metadataType: "MetadataDoubleValue", double_value: 0.93 },
            epochs: { metadataType: "MetadataIntValue", int_value: "10" },
            framework: { metadataType: "MetadataStringValue", string_value: "torch" },
            tuned: { metadataType: "MetadataBoolValue", bool_value: true },
          },
        },
      },
      {
        method: "POST",
        path: `/model_versions/${versionId}/artifacts`,
        body: {
          artifactType: "model-artifact",
          name,
          uri: "s3://models/churn/1",
          state: "UNKNOWN",
          modelFormatName: "onnx",
          modelFormatVersion: "1",
          storageKey: "aws-connection",
          storagePath: "churn/1",
          modelSourceKind: "kfp",
          modelSourceClass: "pipelinerun",
          modelSourceGroup: "team-a",
          modelSourceId: "run-42",
          modelSourceName: "train",
        },
      },
    ]);
    const version = await registry.getModelVersion(name, "1.0.0");
    expect(version).toMatchObject({
      kind: "model-version",
      name: "1.0.0",
      author: "ada",
      description: "first",
      registeredModelId: model.id,
      customProperties: { accuracy: 0.93, epochs: 10, framework: "torch", tuned: true },
    });
    const artifact = await registry.getModelArtifact(name, "1.0.0");
    expect(artifact).toMatchObject({
      kind: "model-artifact",
      name,
      uri: "s3://models/churn/1",
      modelFormatName: "onnx",
      storageKey: "aws-connection",
      modelSourceId: "run-42",
    });
    // a second version reuses the model: no POST /registered_models
    calls.length = 0;
    await registry.registerModel(name, "s3://models/churn/2", {
      version: "1.1.0",
      modelFormatName: "onnx",
      modelFormatVersion: "1",
      author: "grace",
    });
    expect(calls.map((c) => `${c.method} ${c.path.replace(/\d+/g, "{id}")}`)).toEqual([
      "GET /registered_models",
      "POST /model_versions",
      "POST /model_versions/{id}/artifacts",
    ]);
    expect((await registry.getModelVersion(name, "1.1.0"))?.author).toBe("grace");
  });

  it("an existing version is ALREADY_EXISTS; missing models and versions are NOT_FOUND or null", async () => {
    const registry = registryOf();
    const name = rut.unique("dup");
    const options = { version: "v1", modelFormatName: "onnx", modelFormatVersion: "1" };
    await registry.registerModel(name, "s3://m/1", options);
    expect(await codeOf(registry.registerModel(name, "s3://m/1", options))).toBe("ALREADY_EXISTS");
    expect(await registry.getRegisteredModel(rut.unique("absent"))).toBeNull();
    expect(await codeOf(registry.getModelVersion(rut.unique("absent"), "v1"))).toBe("NOT_FOUND");
    expect(await registry.getModelVersion(name, "v9")).toBeNull();
    expect(await codeOf(registry.getModelArtifact(name, "v9"))).toBe("NOT_FOUND");
    expect(await codeOf(collect(registry.getModelVersions(rut.unique("absent"))))).toBe(
      "NOT_FOUND",
    );
    expect(await codeOf(registry.registerModel("", "s3://x", options))).toBe("INVALID_ARGUMENT");
  });

  it("iterates models and versions page by page, in the requested order", async () => {
    const registry = registryOf();
    const name = rut.unique("paged");
    for (const version of ["a", "b", "c", "d", "e"]) {
      await registry.registerModel(name, `s3://m/${version}`, {
        version,
        modelFormatName: "onnx",
        modelFormatVersion: "1",
      });
    }
    const listing = () =>
      collect(registry.getModelVersions(name, { pageSize: 2, sortOrder: "DESC" }));
    if (rut.isFake) {
      const { result, requests } = await rut.count(listing);
      expect(result.map((v) => v.name)).toEqual(["e", "d", "c", "b", "a"]);
      expect(describeRequests(requests)).toEqual([
        "GET /registered_models",
        "GET /registered_models/{registeredmodelId}/versions",
        "GET /registered_models/{registeredmodelId}/versions",
        "GET /registered_models/{registeredmodelId}/versions",
      ]);
    } else {
      expect((await listing()).map((v) => v.name)).toEqual(["e", "d", "c", "b", "a"]);
    }
    const models = await collect(registry.getRegisteredModels({ orderBy: "CREATE_TIME" }));
    expect(models.map((m) => m.name)).toContain(name);
  });

  it("update writes an entity back with its custom properties unchanged in type", async () => {
    const registry = registryOf();
    const name = rut.unique("upd");
    await registry.registerModel(name, "s3://m/1", {
      version: "v1",
      modelFormatName: "onnx",
      modelFormatVersion: "1",
      metadata: { ratio: double(1), label: "x" },
    });
    const version = await registry.getModelVersion(name, "v1");
    expect(version?.customProperties["ratio"]).toEqual(double(1));
    if (version === null) throw new Error("missing version");
    const updated = await registry.update({
      ...version,
      description: "tuned",
      customProperties: { ...version.customProperties, accuracy: 0.97 },
    });
    expect(updated).toMatchObject({ description: "tuned", state: "LIVE" });
    const raw = await unwrap(
      rut.client.GET(`${REGISTRY_API_PREFIX}/model_versions/{modelversionId}`, {
        params: { path: { modelversionId: version.id } },
      }),
    );
    expect(raw.customProperties).toEqual({
      ratio: { metadataType: "MetadataDoubleValue", double_value: 1 },
      label: { metadataType: "MetadataStringValue", string_value: "x" },
      accuracy: { metadataType: "MetadataDoubleValue", double_value: 0.97 },
    });
    const artifact = await registry.getModelArtifact(name, "v1");
    if (artifact === null) throw new Error("missing artifact");
    const moved = await registry.update({ ...artifact, uri: "s3://m/moved" });
    expect(moved).toMatchObject({ uri: "s3://m/moved", state: "UNKNOWN", modelFormatName: "onnx" });
    const model = await registry.getRegisteredModel(name);
    if (model === null) throw new Error("missing model");
    const described = await registry.update({ ...model, description: "d", customProperties: {} });
    expect(described).toMatchObject({ description: "d", owner: "ada", customProperties: {} });
    expect(await codeOf(registry.update({ ...model, id: "" }))).toBe("INVALID_ARGUMENT");
  });

  it("archives and restores models and versions (one PATCH each, as the dashboard does)", async () => {
    const registry = registryOf();
    const name = rut.unique("arch");
    await registry.registerModel(name, "s3://m/1", {
      version: "v1",
      modelFormatName: "onnx",
      modelFormatVersion: "1",
    });
    expect((await registry.archiveModelVersion(name, "v1")).state).toBe("ARCHIVED");
    expect((await registry.restoreModelVersion(name, "v1")).state).toBe("LIVE");
    expect((await registry.archiveRegisteredModel(name)).state).toBe("ARCHIVED");
    expect((await registry.getRegisteredModel(name))?.state).toBe("ARCHIVED");
    expect((await registry.getModelVersion(name, "v1"))?.state).toBe("LIVE");
    expect((await registry.restoreRegisteredModel(name)).state).toBe("LIVE");
  });

  it("archiving keeps struct custom properties (a PATCH without them would be refused)", async () => {
    const registry = registryOf();
    const name = rut.unique("struct");
    await registry.registerModel(name, "s3://m/1", {
      version: "v1",
      modelFormatName: "onnx",
      modelFormatVersion: "1",
      metadata: { config: { layers: [64, 32] } },
    });
    const archived = await registry.archiveModelVersion(name, "v1");
    expect(archived).toMatchObject({
      state: "ARCHIVED",
      customProperties: { config: { layers: [64, 32] } },
    });
    const version = await rut.store.getModelVersion(name, "v1").catch((error) => error);
    expect(version).toMatchObject({ errorCode: "RESOURCE_DOES_NOT_EXIST" });
    await registry.restoreModelVersion(name, "v1");
    const updated = await rut.store.updateModelVersion(name, "v1", "described");
    expect(updated.tags).toEqual({ config: '{"layers":[64,32]}' });
    await rut.store.deleteModelVersion(name, "v1");
  });

  it("names with SQL wildcards are matched exactly (the find endpoints use LIKE)", async () => {
    const registry = registryOf();
    const base = rut.unique("wild");
    const options = { modelFormatName: "onnx", modelFormatVersion: "1" };
    await registry.registerModel(`${base}xb`, "s3://m/x", { ...options, version: "1x0" });
    await registry.registerModel(`${base}_b`, "s3://m/u", { ...options, version: "1_0" });
    await registry.registerModel(`${base}_b`, "s3://m/v", { ...options, version: "1x0" });
    expect((await registry.getRegisteredModel(`${base}_b`))?.name).toBe(`${base}_b`);
    expect((await registry.getModelArtifact(`${base}_b`, "1_0"))?.uri).toBe("s3://m/u");
    expect((await registry.getModelArtifact(`${base}_b`, "1x0"))?.uri).toBe("s3://m/v");
    expect(await registry.getModelVersion(`${base}xb`, "1_0")).toBeNull();
  });

  it("createModelRegistry checks its options", () => {
    expect(() => createModelRegistry({ author: "" } as never)).toThrow(/author/);
    expect(() =>
      createModelRegistry({ client: rut.client, baseUrl: "http://x", author: "a" }),
    ).toThrow(/either a ready client or client options/);
    expect(() => createModelRegistry({ author: "a" })).toThrow(/baseUrl/);
    expect(createModelRegistry({ baseUrl: "http://127.0.0.1:1", author: "a" }).author).toBe("a");
  });
});

describe.each(fakeModes("the fake drops the artifact POST's response after storing it"))(
  "model registry, registry-native vocabulary, lost responses (%s)",
  (mode) => {
    const rut = useRegistryUnderTest(mode, {
      fake: {
        faults: [
          {
            kind: "reset",
            route: "/model_versions/{modelversionId}/artifacts",
            method: "POST",
            phase: "after",
            times: 1,
          },
        ],
      },
    });

    it("a model artifact whose response was lost is recovered through its unique name", async () => {
      const client = createRegistryClient({
        baseUrl: rut.client.baseUrl,
        retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 },
      });
      const registry = createModelRegistry({ client, author: "ada" });
      await registry.registerModel("lost", "s3://m/1", {
        version: "v1",
        modelFormatName: "onnx",
        modelFormatVersion: "1",
      });
      const artifacts = rut
        .snapshot()
        .artifacts?.filter((artifact) => artifact["artifactType"] === "model-artifact");
      expect(artifacts).toHaveLength(1);
      const posts = rut
        .requests()
        .filter((r) => r.method === "POST" && r.route?.endsWith("/artifacts"))
        .map((r) => r.status);
      expect(posts).toEqual([0, 409]);
      expect((await registry.getModelArtifact("lost", "v1"))?.uri).toBe("s3://m/1");
    });
  },
);
