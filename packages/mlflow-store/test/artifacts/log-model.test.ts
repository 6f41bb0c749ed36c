import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { REGISTRY_API_PREFIX, unwrap } from "@model-registry/registry-client";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { createFluent, createMlflowClient, createMlflowStore } from "../../src/index.js";
import { type ArtifactRootKind, useArtifactHarness } from "../support/artifact-harness.js";
import { mlflowRejection } from "../support/mlflow-rejection.js";

describe.each<ArtifactRootKind>(["file", "s3"])("logModel under a %s root", (kind) => {
  const h = useArtifactHarness(kind);
  let experimentId: string;
  let modelDir: string;

  beforeAll(async () => {
    experimentId = await h.client.createExperiment(`models-${kind}`);
    modelDir = join(h.work, "model");
    await mkdir(join(modelDir, "weights"), { recursive: true });
    await writeFile(join(modelDir, "model.json"), JSON.stringify({ w: [0.5, -1.25], b: 0.1 }));
    await writeFile(join(modelDir, "weights", "layer0.bin"), Buffer.alloc(1000, 3));
  });

  it("writes the model directory with its MLmodel, finalizes READY and records the run output", async () => {
    const run = await h.client.createRun(experimentId, { runName: "train" });
    const runId = run.info.runId;
    await h.client.logParam(runId, "lr", 0.1);
    const info = await h.client.logModel({
      runId,
      name: "churn-model",
      path: modelDir,
      flavors: { onnx: { onnx_version: "1.16.0", data: "model.json" } },
      signature: { inputs: [{ type: "double", name: "x" }], outputs: '[{"type": "long"}]' },
      metadata: { owner: "growth" },
      modelType: "classifier",
      params: { epochs: 3 },
      tags: { stage: "dev" },
      step: 2,
    });
    expect(info).toMatchObject({
      status: "READY",
      name: "churn-model",
      sourceRunId: runId,
      experimentId,
      modelType: "classifier",
      modelUri: `models:/${info.modelId}`,
      runId,
      modelSizeBytes: 1000 + (await readFile(join(modelDir, "model.json"))).length,
      tags: { stage: "dev" },
      params: { epochs: "3", lr: "0.1" },
    });
    expect(info.artifactLocation.startsWith(h.artifactRoot)).toBe(true);

    const stored = await h.client.getLoggedModel(info.modelId);
    expect(stored.status).toBe("READY");
    expect((await h.client.getRun(runId)).outputs.modelOutputs).toEqual([
      { modelId: info.modelId, step: 2 },
    ]);

    expect(await h.client.listLoggedModelArtifacts(info.modelId)).toEqual([
      { path: "MLmodel", isDir: false, fileSize: expect.any(Number) },
      { path: "model.json", isDir: false, fileSize: expect.any(Number) },
      { path: "weights", isDir: true, fileSize: null },
    ]);
    const local = await h.client.downloadLoggedModelArtifacts(
      info.modelId,
      "",
      join(h.work, "dl-model"),
    );
    const mlmodel = parse(await readFile(join(local, "MLmodel"), "utf8"), { version: "1.1" });
    expect(mlmodel).toEqual({
      artifact_path: info.artifactLocation,
      flavors: { onnx: { onnx_version: "1.16.0", data: "model.json" } },
      model_uuid: info.modelId,
      model_id: info.modelId,
      run_id: runId,
      utc_time_created: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{6})?$/),
      mlflow_store_version: expect.any(String),
      signature: {
        inputs: '[{"type":"double","name":"x"}]',
        outputs: '[{"type": "long"}]',
        params: null,
      },
      metadata: { owner: "growth" },
      model_size_bytes: info.modelSizeBytes,
    });
    expect(await readFile(join(local, "weights", "layer0.bin"))).toEqual(Buffer.alloc(1000, 3));

    // The flavors are also on the logged model, in the Python plugin's keys (no extra request),
    // and stay out of its tags.
    const raw = await unwrap(
      h.registry.GET(`${REGISTRY_API_PREFIX}/artifacts/{id}`, {
        params: { path: { id: info.modelId } },
      }),
    );
    expect(raw.customProperties).toMatchObject({
      mlflow__flavor_onnx: {
        metadataType: "MetadataStringValue",
        string_value: '{"onnx_version":"1.16.0","data":"model.json"}',
      },
      mlflow__utc_time_created: {
        metadataType: "MetadataStringValue",
        string_value: mlmodel.utc_time_created,
      },
    });
    expect(raw.customProperties).not.toHaveProperty("mlflow__logged_model");
    expect((await h.client.getLoggedModel(info.modelId)).tags).toEqual({ stage: "dev" });
  });

  it("costs a fixed number of registry requests, whatever the number of files", async () => {
    const run = await h.client.createRun(experimentId);
    const requests = await h.countRequests(() =>
      h.client.logModel({ runId: run.info.runId, path: modelDir }),
    );
    expect(requests).toEqual([
      // the run (experiment and params), read in parallel
      "GET /experiment_runs/{experimentrunId}",
      "GET /experiment_runs/{experimentrunId}/artifacts",
      // create the logged model (PENDING)
      "POST /experiment_runs/{experimentrunId}/artifacts",
      // record it as the run's output
      "GET /artifacts",
      "POST /experiment_runs/{experimentrunId}/artifacts",
      // finalize READY
      "GET /artifacts/{id}",
      "POST /experiment_runs/{experimentrunId}/artifacts",
    ]);
    // Artifact calls on a run this client created or read cost no registry request.
    expect(await h.countRequests(() => h.client.logText(run.info.runId, "x", "x.txt"))).toEqual([]);
  });

  it("defaults to the generic flavor and logs single files without a run", async () => {
    const file = join(h.work, "weights.txt");
    await writeFile(file, "0.5 0.25");
    const info = await h.client.logModel({ experimentId, path: file });
    expect(info).toMatchObject({
      status: "READY",
      sourceRunId: null,
      runId: null,
      flavors: { generic: {} },
    });
    expect((await h.client.listLoggedModelArtifacts(info.modelId)).map((f) => f.path)).toEqual([
      "MLmodel",
      "weights.txt",
    ]);
  });

  it("rejects bad input before creating anything", async () => {
    const before = (await h.client.searchLoggedModels(experimentId)).items.length;
    const clash = join(h.work, "clash");
    await mkdir(clash, { recursive: true });
    await writeFile(join(clash, "MLmodel"), "user file");
    expect(
      (await mlflowRejection(h.client.logModel({ experimentId, path: clash }))).errorCode,
    ).toBe("INVALID_PARAMETER_VALUE");
    expect(
      (await mlflowRejection(h.client.logModel({ experimentId, path: join(h.work, "nope") })))
        .message,
    ).toMatch(/no such file/);
    expect((await mlflowRejection(h.client.logModel({ path: modelDir }))).message).toMatch(
      /runId or an experimentId/,
    );
    for (const flavors of [{}, { onnx: "1.16" }, { "": {} }] as never[]) {
      expect(
        (await mlflowRejection(h.client.logModel({ experimentId, path: modelDir, flavors })))
          .errorCode,
      ).toBe("INVALID_PARAMETER_VALUE");
    }
    expect((await h.client.searchLoggedModels(experimentId)).items.length).toBe(before);
  });

  it("finalizes the model FAILED when the upload fails, and rethrows", async () => {
    const broken = kind === "s3" ? "s3://no-such-bucket/models" : join(h.work, "not-a-dir.txt");
    if (kind === "file") await writeFile(broken, "a file where a folder should be");
    const store = createMlflowStore({ client: h.registry, artifactLocation: broken });
    const client = createMlflowClient({ store, env: h.env });
    const expId = await client.createExperiment(`broken-${kind}`);
    const error = await h.client
      .logModel({ experimentId: expId, name: "doomed", path: modelDir })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeDefined();
    const [model] = (await client.searchLoggedModels(expId)).items;
    expect(model).toMatchObject({ name: "doomed", status: "FAILED" });
  });

  it("the fluent logModel logs to the active run", async () => {
    const mlflow = createFluent({
      store: h.store,
      env: h.env,
      endRunsOnExit: false,
      contextTags: async () => ({}),
    });
    await mlflow.setExperiment({ experimentId });
    const info = await mlflow.withRun(async () => {
      await mlflow.logText("notes", "notes.txt");
      return mlflow.logModel({ name: "fluent-model", path: join(modelDir, "model.json") });
    });
    expect(info.status).toBe("READY");
    const run = await h.client.getRun(info.sourceRunId!);
    expect(run.outputs.modelOutputs).toEqual([{ modelId: info.modelId, step: 0 }]);
    expect((await h.client.listArtifacts(run.info.runId)).map((f) => f.path)).toEqual([
      "notes.txt",
    ]);
  });
});
