/**
 * uploadArtifactAndRegisterModel against a real S3-protocol server (s3rver on loopback) and a
 * scripted registry: the version check comes before any upload, registration after the last
 * object landed, and nothing is uploaded or registered when the input is wrong.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createModelRegistry, isRegistryError } from "../../src/index.js";
import {
  createS3Storage,
  type S3Storage,
  uploadArtifactAndRegisterModel,
} from "../../src/s3/index.js";
import { API, json, testClient } from "../helpers.js";
import { type S3TestServer, startS3Server } from "../support/s3-server.js";

const model = { id: "1", name: "churn", owner: "ada", state: "LIVE", customProperties: {} };
const version = { id: "2", name: "3", registeredModelId: "1", state: "LIVE", customProperties: {} };
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

let server: S3TestServer;
let reader: S3Storage;
let work: string;
let modelDir: string;

beforeAll(async () => {
  server = await startS3Server(["models"]);
  reader = createS3Storage({ env: server.env });
  work = await mkdtemp(join(tmpdir(), "upload-register-test-"));
  modelDir = join(work, "model");
  await mkdir(join(modelDir, "variables"), { recursive: true });
  await writeFile(join(modelDir, "saved_model.pb"), "graph");
  await writeFile(join(modelDir, "variables", "variables.index"), "index");
});
afterAll(async () => {
  reader.destroy();
  await server.close();
  await rm(work, { recursive: true, force: true });
});
afterEach(async () => {
  await server.settle();
  server.requests.length = 0;
});

/** A registry whose every request, and every finished upload, go into one ordered log. */
function scripted(replies: Response[]) {
  const log: string[] = [];
  const { client, calls } = testClient(
    replies.map((reply) => (call) => {
      log.push(`registry ${call.method} ${new URL(call.url).pathname.replace(API, "")}`);
      return reply;
    }),
  );
  return { registry: createModelRegistry({ client, author: "ada" }), calls, log };
}

const s3 = () => ({
  bucket: "models",
  endpoint: server.endpoint,
  region: "us-east-1",
  env: { AWS_ACCESS_KEY_ID: "S3RVER", AWS_SECRET_ACCESS_KEY: "S3RVER" },
});
const format = { modelFormatName: "tensorflow", modelFormatVersion: "2" };

async function objects(prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const entry of reader.list(`s3://models/${prefix}`)) keys.push(entry.key);
  return keys.sort();
}

async function rejection(promise: Promise<unknown>): Promise<{ code: unknown; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (!isRegistryError(error)) throw error;
    return { code: error.code, message: error.message };
  }
  throw new Error("expected a rejection");
}

describe("uploadArtifactAndRegisterModel", () => {
  it("checks the version, uploads the directory, then registers its S3 URI", async () => {
    const { registry, calls, log } = scripted([
      list([model]), // getModelVersion: the registered model…
      notFound(), // …and no such version
      list([model]), // registerModel: find the model,
      json(version, { status: 201 }), // the version,
      json(artifact, { status: 201 }), // its artifact
    ]);
    const result = await uploadArtifactAndRegisterModel(registry, "churn", modelDir, {
      s3: { ...s3(), prefix: "churn/3/" },
      version: "3",
      ...format,
      storagePath: "churn/3",
      onProgress: (p) => log.push(`s3 ${p.key}`),
    });
    const uri = `s3://models/churn/3?endpoint=${server.endpoint}&defaultRegion=us-east-1`;
    expect(result.uri).toBe(uri);
    expect(result.registeredModel).toMatchObject({ kind: "registered-model", name: "churn" });
    expect(result.uploads.map((u) => u.key)).toEqual([
      "churn/3/saved_model.pb",
      "churn/3/variables/variables.index",
    ]);
    // one PutObject per file, nothing else
    await server.settle();
    expect(server.requests.map((r) => `${r.method} ${r.url.replace(/\?.*$/, "")}`).sort()).toEqual([
      "PUT /models/churn/3/saved_model.pb",
      "PUT /models/churn/3/variables/variables.index",
    ]);
    expect(await objects("churn/3/")).toEqual([
      "churn/3/saved_model.pb",
      "churn/3/variables/variables.index",
    ]);
    expect(log.slice(0, 2)).toEqual([
      "registry GET /registered_models",
      "registry GET /model_version",
    ]);
    expect(log.slice(2, 4).sort()).toEqual([
      "s3 churn/3/saved_model.pb",
      "s3 churn/3/variables/variables.index",
    ]);
    expect(log.slice(4)).toEqual([
      "registry GET /registered_models",
      "registry POST /model_versions",
      "registry POST /model_versions/2/artifacts",
    ]);
    expect(JSON.parse(calls[4]?.body ?? "")).toEqual({
      artifactType: "model-artifact",
      name: "churn",
      uri,
      state: "UNKNOWN",
      modelFormatName: "tensorflow",
      modelFormatVersion: "2",
      storagePath: "churn/3",
    });
    const downloaded = join(work, "dl", "saved_model.pb");
    await reader.downloadFile(`s3://models/churn/3/saved_model.pb`, downloaded);
    expect(await readFile(downloaded, "utf8")).toBe("graph");
  });

  it("a single file goes under the prefix; a new model is created; no region, no defaultRegion", async () => {
    const file = join(work, "model.onnx");
    await writeFile(file, "onnx bytes");
    const { registry, log } = scripted([
      list([]), // getModelVersion: no such model (so no such version)
      list([]), // registerModel: find, then create the model
      json(model, { status: 201 }),
      json(version, { status: 201 }),
      json(artifact, { status: 201 }),
    ]);
    const { region: _region, ...noRegion } = s3();
    const result = await uploadArtifactAndRegisterModel(registry, "churn", file, {
      s3: { ...noRegion, prefix: "single" },
      version: "1",
      ...format,
    });
    expect(result.uri).toBe(`s3://models/single?endpoint=${server.endpoint}`);
    expect(await objects("single/")).toEqual(["single/model.onnx"]);
    expect(log).toEqual([
      "registry GET /registered_models",
      "registry GET /registered_models",
      "registry POST /registered_models",
      "registry POST /model_versions",
      "registry POST /model_versions/2/artifacts",
    ]);
  });

  it("refuses an existing version before uploading anything", async () => {
    const { registry, log } = scripted([list([model]), json({ ...version, name: "3" })]);
    const error = await rejection(
      uploadArtifactAndRegisterModel(registry, "churn", modelDir, {
        s3: { ...s3(), prefix: "taken" },
        version: "3",
        ...format,
      }),
    );
    expect(error).toEqual({
      code: "ALREADY_EXISTS",
      message: expect.stringContaining("Model `churn:3` already exists in Model Registry."),
    });
    expect(log).toHaveLength(2);
    await server.settle();
    expect(server.requests).toEqual([]);
  });

  it("wrong input fails before any request", async () => {
    const { registry, log } = scripted([]);
    const attempt = (localPath: string, overrides: Record<string, unknown>) =>
      rejection(
        uploadArtifactAndRegisterModel(registry, "churn", localPath, {
          s3: { ...s3(), prefix: "p" },
          version: "1",
          ...format,
          ...overrides,
        } as never),
      );
    const { endpoint: _endpoint, ...noEndpoint } = s3();
    expect(await attempt(modelDir, { s3: { ...noEndpoint, prefix: "p" } })).toMatchObject({
      code: "MISSING_METADATA",
      message: expect.stringContaining("AWS_S3_ENDPOINT"),
    });
    expect(await attempt(join(work, "missing"), {})).toMatchObject({
      code: "INVALID_ARGUMENT",
      message: expect.stringContaining("does not exist"),
    });
    const empty = join(work, "empty");
    await mkdir(join(empty, "nested"), { recursive: true });
    expect(await attempt(empty, {})).toMatchObject({
      code: "INVALID_ARGUMENT",
      message: expect.stringContaining("holds no files"),
    });
    expect((await attempt(modelDir, { modelFormatName: "" })).code).toBe("INVALID_ARGUMENT");
    expect((await attempt(modelDir, { s3: undefined })).code).toBe("INVALID_ARGUMENT");
    expect((await attempt(modelDir, { s3: { ...s3(), prefix: "/abs" } })).code).toBe(
      "INVALID_ARGUMENT",
    );
    expect(log).toEqual([]);
    await server.settle();
    expect(server.requests).toEqual([]);
  });

  it("a failed upload registers nothing", async () => {
    const { registry, log } = scripted([list([]), list([])]);
    const error = await rejection(
      uploadArtifactAndRegisterModel(registry, "churn", modelDir, {
        s3: { ...s3(), bucket: "no-such-bucket", prefix: "p" },
        version: "1",
        ...format,
      }),
    );
    expect(error.code).toBe("NOT_FOUND");
    expect(log).toEqual(["registry GET /registered_models"]);
  });
});
