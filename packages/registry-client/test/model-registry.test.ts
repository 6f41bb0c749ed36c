import { describe, expect, it } from "vitest";
import {
  createModelRegistry,
  DoubleValue,
  double,
  isRegistryError,
  isRegistryHttpError,
} from "../src/index.js";
import { API, json, ORIGIN, testClient } from "./helpers.js";

const model = { id: "1", name: "churn", owner: "ada", state: "LIVE", customProperties: {} };
const version = {
  id: "2",
  name: "v1",
  registeredModelId: "1",
  state: "LIVE",
  customProperties: {},
};
const artifact = {
  artifactType: "model-artifact",
  id: "3",
  name: "churn",
  uri: "s3://m/1",
  state: "UNKNOWN",
  customProperties: {},
};
const list = (items: unknown[]) =>
  json({ items, size: items.length, pageSize: 0, nextPageToken: "" });
const notFound = () => json({ code: "Not Found", message: "not found" }, { status: 404 });
const conflict = () => json({ code: "Conflict", message: "exists: conflict" }, { status: 409 });

function path(url: string): string {
  const parsed = new URL(url);
  return `${parsed.pathname.replace(API, "")}${decodeURIComponent(parsed.search)}`;
}

async function failure(promise: Promise<unknown>): Promise<{ code: unknown; cause: unknown }> {
  try {
    await promise;
  } catch (error) {
    if (!isRegistryError(error)) throw error;
    return { code: error.code, cause: error.cause };
  }
  throw new Error("expected a failure");
}

describe("createModelRegistry", () => {
  it("registers a new model in four requests: find, model, version, artifact", async () => {
    const { client, calls } = testClient([
      list([]),
      json(model, { status: 201 }),
      json(version, { status: 201 }),
      json(artifact, { status: 201 }),
    ]);
    const registry = createModelRegistry({ client, author: "ada" });
    const registered = await registry.registerModel("churn", "s3://m/1", {
      version: "v1",
      modelFormatName: "onnx",
      modelFormatVersion: "1",
    });
    expect(registered).toMatchObject({ kind: "registered-model", id: "1", name: "churn" });
    expect(calls.map((c) => `${c.method} ${path(c.url)}`)).toEqual([
      'GET /registered_models?filterQuery=name = "churn"&pageSize=10',
      "POST /registered_models",
      "POST /model_versions",
      "POST /model_versions/2/artifacts",
    ]);
    expect(JSON.parse(calls[3]?.body ?? "")).toEqual({
      artifactType: "model-artifact",
      name: "churn",
      uri: "s3://m/1",
      state: "UNKNOWN",
      modelFormatName: "onnx",
      modelFormatVersion: "1",
    });
  });

  it("a concurrent creator's registered model is used after a 409", async () => {
    const { client, calls } = testClient([
      list([]),
      conflict(),
      list([model]),
      json(version, { status: 201 }),
      json(artifact, { status: 201 }),
    ]);
    const registry = createModelRegistry({ client, author: "ada" });
    await registry.registerModel("churn", "s3://m/1", {
      version: "v1",
      modelFormatName: "onnx",
      modelFormatVersion: "1",
    });
    expect(calls).toHaveLength(5);
  });

  it("a taken version is ALREADY_EXISTS with the registry's 409 as cause", async () => {
    const { client } = testClient([list([model]), conflict()]);
    const registry = createModelRegistry({ client, author: "ada" });
    const { code, cause } = await failure(
      registry.registerModel("churn", "s3://m/1", {
        version: "v1",
        modelFormatName: "onnx",
        modelFormatVersion: "1",
      }),
    );
    expect(code).toBe("ALREADY_EXISTS");
    expect(isRegistryHttpError(cause) && cause.status).toBe(409);
  });

  it("names the filter grammar cannot carry use the find endpoint and are compared exactly", async () => {
    const { client, calls } = testClient([json({ ...model, name: "'quoted'" })]);
    const registry = createModelRegistry({ client, author: "ada" });
    expect((await registry.getRegisteredModel("'quoted'"))?.name).toBe("'quoted'");
    expect(path(calls[0]?.url ?? "")).toBe("/registered_model?name='quoted'");
    const other = testClient([json({ ...model, name: "xquotedx" })]);
    expect(
      await createModelRegistry({ client: other.client, author: "a" }).getRegisteredModel(
        "'quoted'",
      ),
    ).toBeNull();
  });

  it("a version found by LIKE that is another version falls back to the exact listing", async () => {
    const { client, calls } = testClient([
      list([model]),
      json({ ...version, name: "1x0" }),
      list([
        { ...version, name: "1x0" },
        { ...version, id: "9", name: "1_0" },
      ]),
    ]);
    const registry = createModelRegistry({ client, author: "ada" });
    expect((await registry.getModelVersion("churn", "1_0"))?.id).toBe("9");
    expect(calls.map((c) => path(c.url).split("?")[0])).toEqual([
      "/registered_models",
      "/model_version",
      "/registered_models/1/versions",
    ]);
    const missing = testClient([list([model]), notFound()]);
    expect(
      await createModelRegistry({ client: missing.client, author: "a" }).getModelVersion(
        "churn",
        "v9",
      ),
    ).toBeNull();
    expect(missing.calls).toHaveLength(2);
  });

  it("custom properties decode to plain values that encode back to the same types", async () => {
    const stored = {
      ...version,
      customProperties: {
        ratio: { metadataType: "MetadataDoubleValue", double_value: 1 },
        lr: { metadataType: "MetadataDoubleValue", double_value: 0.01 },
        epochs: { metadataType: "MetadataIntValue", int_value: "10" },
        config: { metadataType: "MetadataStructValue", struct_value: '{"a":1}' },
      },
    };
    const { client, calls } = testClient([list([model]), json(stored), json(stored)]);
    const registry = createModelRegistry({ client, author: "ada" });
    const read = await registry.getModelVersion("churn", "v1");
    expect(read?.customProperties).toEqual({
      ratio: double(1),
      lr: 0.01,
      epochs: 10,
      config: { a: 1 },
    });
    expect(read?.customProperties["ratio"]).toBeInstanceOf(DoubleValue);
    if (read === null) throw new Error("no version");
    await registry.update(read);
    expect(JSON.parse(calls[2]?.body ?? "")).toEqual({
      state: "LIVE",
      customProperties: {
        ratio: { metadataType: "MetadataDoubleValue", double_value: 1 },
        lr: { metadataType: "MetadataDoubleValue", double_value: 0.01 },
        epochs: { metadataType: "MetadataIntValue", int_value: "10" },
        config: {
          metadataType: "MetadataStructValue",
          struct_value: Buffer.from('{"a":1}').toString("base64"),
        },
      },
    });
    expect(`${calls[2]?.method} ${path(calls[2]?.url ?? "")}`).toBe("PATCH /model_versions/2");
  });

  it("checks its arguments before sending anything", async () => {
    const { client, calls } = testClient([list([])]);
    const registry = createModelRegistry({ client, author: "ada" });
    const options = { version: "v1", modelFormatName: "onnx", modelFormatVersion: "1" };
    expect((await failure(registry.registerModel("churn", "", options))).code).toBe(
      "INVALID_ARGUMENT",
    );
    expect(
      (await failure(registry.registerModel("churn", "s3://m", { ...options, version: "" }))).code,
    ).toBe("INVALID_ARGUMENT");
    expect((await failure(registry.update({ kind: "other", id: "1" } as never))).code).toBe(
      "INVALID_ARGUMENT",
    );
    expect(calls).toHaveLength(0);
    expect(() => createModelRegistry({ baseUrl: ORIGIN, author: "ada", env: {} })).not.toThrow();
  });
});
