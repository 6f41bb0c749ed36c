// Requests and wall time per model-registry operation, in both vocabularies, against the fake
// registry over a real port (127.0.0.1), next to the Python `model-registry` client's requests
// for the native operations; logged models registered end to end (file artifact root, and S3 on
// s3rver for uploadArtifactAndRegisterModel; registry requests only are counted). Build first:
//   pnpm --filter @model-registry/testing build && pnpm --filter @model-registry/mlflow-store build
//   node packages/mlflow-store/bench/model-registry.mjs [--latency 5] [--models 200]
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { createModelRegistry, createRegistryClient } from "@model-registry/registry-client";
import { uploadArtifactAndRegisterModel } from "@model-registry/registry-client/s3";
import { startFakeRegistryServer } from "@model-registry/testing/node";
import S3rver from "s3rver";
import { createFluent, createMlflowClient, createMlflowStore } from "../dist/index.js";
import { printRequestTable, requestTable } from "./request-table.mjs";

const { values } = parseArgs({
  options: {
    latency: { type: "string", default: "0" },
    models: { type: "string", default: "200" },
    reps: { type: "string", default: "5" },
  },
});
const LATENCY = Number(values.latency);
const MODELS = Number(values.models);
const REPS = Number(values.reps);

const server = await startFakeRegistryServer({ host: "127.0.0.1", port: 0, latencyMs: LATENCY });
const fake = server.registry;
const client = () => createRegistryClient({ baseUrl: server.url, retry: false });
const store = createMlflowStore({ client: client(), artifactLocation: "s3://bench" });
const registry = createModelRegistry({ client: client(), author: "bench" });
const { rows, measure } = requestTable(fake, REPS);
let seq = 0;

const format = { modelFormatName: "onnx", modelFormatVersion: "1" };
await measure("native registerModel (new model)", "5", () =>
  registry.registerModel(`n${seq++}`, "s3://b/m", { ...format, version: "1" }),
);
await registry.registerModel("native", "s3://b/0", { ...format, version: "0" });
await measure("native registerModel (new version)", "4", (i) =>
  registry.registerModel("native", `s3://b/${i + 1}`, { ...format, version: String(i + 1) }),
);
await measure("native getRegisteredModel", "1", () => registry.getRegisteredModel("native"));
await measure("native getModelVersion", "2", () => registry.getModelVersion("native", "1"));
await measure("native getModelArtifact", "3", () => registry.getModelArtifact("native", "1"));

await store.createRegisteredModel("mlflow");
await measure("createRegisteredModel", "—", () => store.createRegisteredModel(`r${seq++}`));
await measure("createModelVersion (URI)", "—", (i) =>
  store.createModelVersion("mlflow", `s3://b/v${i}`),
);
await measure("getRegisteredModel", "—", () => store.getRegisteredModel("mlflow"));
await measure("getModelVersion", "—", () => store.getModelVersion("mlflow", 1));
await measure("setRegisteredModelAlias", "—", () =>
  store.setRegisteredModelAlias("mlflow", "prod", 1),
);
await measure("setModelVersionTag", "—", (i) =>
  store.setModelVersionTag("mlflow", 1, { key: `k${i}`, value: "v" }),
);
await measure("getModelVersionDownloadUri", "—", () =>
  store.getModelVersionDownloadUri("mlflow", 1),
);

for (let start = 0; start < MODELS; start += 50) {
  await Promise.all(
    Array.from({ length: Math.min(50, MODELS - start) }, async (_, j) => {
      const name = `bulk-${String(start + j).padStart(5, "0")}`;
      await store.createRegisteredModel(name, { tags: { parity: j % 2 ? "odd" : "even" } });
      await store.createModelVersion(name, `s3://bulk/${name}/1`);
      await store.createModelVersion(name, `s3://bulk/${name}/2`);
    }),
  );
}
await measure(`searchRegisteredModels (${MODELS} models, page 100)`, "—", () =>
  store.searchRegisteredModels({ filterString: "name LIKE 'bulk-%'", maxResults: 100 }),
);
await measure(`searchRegisteredModels (tag filter)`, "—", () =>
  store.searchRegisteredModels({ filterString: "tags.parity = 'odd'", maxResults: 100 }),
);
await measure(`searchModelVersions (${2 * MODELS} versions)`, "—", () =>
  store.searchModelVersions({ filterString: "name LIKE 'bulk-%'" }),
);

// Logged models registered end to end: logModel to a file artifact root, then the fluent
// registerModel (MLflow's vocabulary); uploadArtifactAndRegisterModel to s3rver (the registry's).
const work = await mkdtemp(join(tmpdir(), "model-registry-bench-"));
const files = join(work, "model");
await mkdir(files, { recursive: true });
for (const name of ["model.onnx", "config.json", "tokenizer.json"]) {
  await writeFile(join(files, name), `${name} contents`);
}
const artifactStore = createMlflowStore({
  client: client(),
  artifactLocation: pathToFileURL(join(work, "mlruns")).href,
});
const mlflowClient = createMlflowClient({ store: artifactStore, env: {}, userId: "bench" });
const fluent = createFluent({
  store: artifactStore,
  env: {},
  endRunsOnExit: false,
  contextTags: async () => ({}),
});
const experimentId = await mlflowClient.createExperiment("bench-logged-models");
const flavors = { python_function: {}, onnx: { onnx_version: "1.16.0" } };
const logged = [];
await measure("client logModel (3 files, run)", "—", async () => {
  const run = await mlflowClient.createRun(experimentId);
  fake.clearRequests();
  logged.push(
    await mlflowClient.logModel({ runId: run.info.runId, name: "clf", path: files, flavors }),
  );
});
await measure("fluent registerModel models:/<id> (new registered model)", "—", (i) =>
  fluent.registerModel(logged[i].modelUri, `logged-new-${i}`),
);
await fluent.registerModel(logged[0].modelUri, "logged");
await measure("fluent registerModel models:/<id> (existing registered model)", "—", (i) =>
  fluent.registerModel(logged[i].modelUri, "logged"),
);
await measure("fluent registerModel runs:/<run>/<name> (existing registered model)", "—", (i) =>
  fluent.registerModel(`runs:/${logged[i].sourceRunId}/clf`, "logged"),
);
const legacyRun = await mlflowClient.createRun(experimentId);
await writeFile(join(work, "MLmodel"), "flavors:\n  onnx:\n    onnx_version: 1.16.0\n");
await mlflowClient.logArtifacts(legacyRun.info.runId, files, "legacy");
await mlflowClient.logArtifact(legacyRun.info.runId, join(work, "MLmodel"), "legacy");
await measure("fluent registerModel runs:/<run>/<path> (MLmodel in the run's artifacts)", "—", () =>
  fluent.registerModel(`runs:/${legacyRun.info.runId}/legacy`, "logged"),
);

const s3Dir = join(work, "s3");
await mkdir(s3Dir, { recursive: true });
const s3 = new S3rver({
  address: "127.0.0.1",
  port: 0,
  silent: true,
  directory: s3Dir,
  configureBuckets: [{ name: "models", configs: [] }],
});
const { port: s3Port } = await s3.run();
const s3Params = (prefix) => ({
  bucket: "models",
  prefix,
  endpoint: `http://127.0.0.1:${s3Port}`,
  region: "us-east-1",
  env: { AWS_ACCESS_KEY_ID: "S3RVER", AWS_SECRET_ACCESS_KEY: "S3RVER" },
});
await measure("native uploadArtifactAndRegisterModel (3 files, new model)", "6", () =>
  uploadArtifactAndRegisterModel(registry, `uploaded-${seq++}`, files, {
    ...format,
    version: "1",
    s3: s3Params(`u/${seq}`),
  }),
);
await measure("native uploadArtifactAndRegisterModel (3 files, new version)", "6", (i) =>
  uploadArtifactAndRegisterModel(registry, "uploaded-0", files, {
    ...format,
    version: String(i + 2),
    s3: s3Params(`u0/${i + 2}`),
  }),
);
await s3.close();
await rm(work, { recursive: true, force: true });

await server.close();

printRequestTable(rows, { python: "python client", latency: LATENCY, reps: REPS });
