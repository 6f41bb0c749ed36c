/**
 * End to end, under file and S3 artifact roots (real servers on loopback: the fake registry and
 * s3rver): models logged with logModel (or as MLmodel files in a run's artifacts) registered in
 * MLflow's vocabulary and in the registry's own, each read back in the other vocabulary, with the
 * version's download URI pointing where the files are and downloadable through the artifact
 * repository.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createModelRegistry, type ModelRegistry } from "@model-registry/registry-client";
import { uploadArtifactAndRegisterModel } from "@model-registry/registry-client/s3";
import { beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { createFluent, type Fluent, getArtifactRepository } from "../../src/index.js";
import { type ArtifactRootKind, useArtifactHarness } from "../support/artifact-harness.js";
import { mlflowRejection } from "../support/mlflow-rejection.js";

const SKLEARN_FLAVORS = {
  python_function: { loader_module: "mlflow.sklearn", python_version: "3.11.9" },
  sklearn: { sklearn_version: "1.5.2", serialization_format: "cloudpickle" },
};

describe.each<ArtifactRootKind>(["file", "s3"])(
  "registering logged models under a %s root",
  (kind) => {
    const h = useArtifactHarness(kind);
    let experimentId: string;
    let modelDir: string;
    let registry: ModelRegistry;
    let fluent: Fluent;

    beforeAll(async () => {
      experimentId = await h.client.createExperiment(`register-${kind}`);
      modelDir = join(h.work, "model");
      await mkdir(modelDir, { recursive: true });
      await writeFile(join(modelDir, "model.pkl"), "pickled weights");
      registry = createModelRegistry({ client: h.registry, author: "ana" });
      fluent = createFluent({
        store: h.store,
        env: h.env,
        endRunsOnExit: false,
        contextTags: async () => ({}),
      });
    });

    /** The files of a registered version, downloaded from its download URI. */
    async function filesAt(uri: string, names: readonly string[]): Promise<Record<string, string>> {
      const repository = await getArtifactRepository(uri, { env: h.env });
      const listed = (await repository.list("")).map((f) => f.path).sort();
      expect(listed).toEqual([...names].sort());
      const out: Record<string, string> = {};
      for (const name of names) {
        const local = join(h.work, "downloads", `${Math.random().toString(36).slice(2)}-${name}`);
        await repository.downloadFile(name, local);
        out[name] = await readFile(local, "utf8");
      }
      return out;
    }

    it("MLflow's vocabulary: a logModel'd model registers with the format of its flavor, from runs:/ and models:/", async () => {
      const run = await h.client.createRun(experimentId);
      const runId = run.info.runId;
      const info = await h.client.logModel({
        runId,
        name: "clf",
        path: join(modelDir, "model.pkl"),
        flavors: SKLEARN_FLAVORS,
      });
      const name = `churn-${kind}`;

      const v1 = await fluent.registerModel(`runs:/${runId}/clf`, name);
      expect(v1).toMatchObject({
        name,
        version: "1",
        source: `models:/${info.modelId}`,
        runId,
        modelId: info.modelId,
        status: "READY",
      });
      // the Kubeflow dashboard, KServe and the Python client read the registry's own entities
      expect(await registry.getModelArtifact(name, "1")).toMatchObject({
        name,
        uri: info.artifactLocation,
        modelFormatName: "sklearn",
        modelFormatVersion: "1.5.2",
      });
      const uri = await h.client.getModelVersionDownloadUri(name, 1);
      expect(uri).toBe(info.artifactLocation);
      expect(await filesAt(uri, ["MLmodel", "model.pkl"])).toMatchObject({
        "model.pkl": "pickled weights",
      });

      // models:/<id> through the fluent API and the client: versions 2 and 3, same location and format
      const requests = await h.countRequests(() =>
        fluent.registerModel(`models:/${info.modelId}`, name),
      );
      // 9 registry requests: the registered model exists (1), createModelVersion reads the model
      // and the logged model concurrently, then the versions, and writes the version and its
      // artifact (5), then the logged model's mlflow.modelVersions tag (read, then a
      // read-modify-write: 3)
      expect(requests.slice(0, 1)).toEqual(["GET /registered_models"]);
      expect(requests.slice(1, 3).sort()).toEqual([
        "GET /artifacts/{id}",
        "GET /registered_models",
      ]);
      expect(requests.slice(3)).toEqual([
        "GET /registered_models/{registeredmodelId}/versions",
        "POST /model_versions",
        "POST /model_versions/{modelversionId}/artifacts",
        "GET /artifacts/{id}",
        "GET /artifacts/{id}",
        "POST /experiment_runs/{experimentrunId}/artifacts",
      ]);
      const v3 = await h.client.createModelVersion(name, `models:/${info.modelId}`);
      expect(v3).toMatchObject({ version: "3", runId, modelId: info.modelId });
      for (const version of ["2", "3"]) {
        expect(await registry.getModelArtifact(name, version)).toMatchObject({
          uri: info.artifactLocation,
          modelFormatName: "sklearn",
          modelFormatVersion: "1.5.2",
        });
      }
      expect(
        JSON.parse(
          (await h.client.getLoggedModel(info.modelId)).tags["mlflow.modelVersions"] ?? "[]",
        ),
      ).toEqual([
        { name, version: "1" },
        { name, version: "2" },
      ]);
    });

    it("the registry's own vocabulary registers a logged model's location; MLflow's vocabulary reads it back", async () => {
      const info = await h.client.logModel({
        experimentId,
        name: "onnx-model",
        path: join(modelDir, "model.pkl"),
        flavors: { onnx: { onnx_version: "1.16.0" } },
      });
      const name = `native-${kind}`;
      await registry.registerModel(name, info.artifactLocation, {
        version: "v1",
        modelFormatName: "onnx",
        modelFormatVersion: "1.16.0",
        versionDescription: "registered natively",
      });
      expect(await h.client.getModelVersion(name, "v1")).toMatchObject({
        name,
        version: "v1",
        source: info.artifactLocation,
        description: "registered natively",
        userId: "ana",
      });
      const uri = await h.client.getModelVersionDownloadUri(name, "v1");
      expect(uri).toBe(info.artifactLocation);
      expect((await filesAt(uri, ["MLmodel", "model.pkl"]))["model.pkl"]).toBe("pickled weights");
      // and MLflow's next integer version sits beside the native one
      expect((await h.client.createModelVersion(name, `models:/${info.modelId}`)).version).toBe(
        "1",
      );
      expect((await registry.getModelArtifact(name, "1"))?.modelFormatName).toBe("onnx");
    });

    it("runs:/ without a logged model: the MLmodel in the run's artifacts gives the format; a missing path is MLflow's error", async () => {
      const run = await h.client.createRun(experimentId);
      const runId = run.info.runId;
      // a model directory as MLflow 2 logged it: under the run's artifacts, MLmodel included
      const legacy = join(h.work, "legacy");
      await mkdir(legacy, { recursive: true });
      await writeFile(join(legacy, "model.onnx"), "onnx bytes");
      await writeFile(
        join(legacy, "MLmodel"),
        stringify({
          artifact_path: "classifier",
          flavors: {
            python_function: { loader_module: "mlflow.onnx" },
            onnx: { onnx_version: "1.17.0" },
          },
          run_id: runId,
        }),
      );
      await h.client.logArtifacts(runId, legacy, "classifier");
      const name = `legacy-${kind}`;

      const version = await fluent.registerModel(`runs:/${runId}/classifier`, name);
      expect(version).toMatchObject({ source: `runs:/${runId}/classifier`, runId, modelId: null });
      const uri = await h.client.getModelVersionDownloadUri(name, 1);
      expect(uri).toBe(`${run.info.artifactUri}/classifier`);
      expect((await filesAt(uri, ["MLmodel", "model.onnx"]))["model.onnx"]).toBe("onnx bytes");
      expect(await registry.getModelArtifact(name, "1")).toMatchObject({
        uri,
        modelFormatName: "onnx",
        modelFormatVersion: "1.17.0",
      });

      // MLflow 3's register_model: no MLmodel at the path and no logged model of that name
      const missing = await mlflowRejection(fluent.registerModel(`runs:/${runId}/nothing`, name));
      expect(missing).toMatchObject({ errorCode: "RESOURCE_DOES_NOT_EXIST" });
      expect(missing.message).toBe(
        `Unable to find a logged_model with artifact_path nothing under run ${runId}`,
      );
      // MLflow's create_model_version does not look at the files: a path without MLmodel registers
      // (no format), and an explicit modelFormat is recorded as given
      const plain = await h.client.createModelVersion(name, `runs:/${runId}/nothing`, {
        modelFormat: { name: "custom", version: "7" },
      });
      expect(plain.version).toBe("2");
      expect(await registry.getModelArtifact(name, "2")).toMatchObject({
        uri: `${run.info.artifactUri}/nothing`,
        modelFormatName: "custom",
        modelFormatVersion: "7",
      });
      expect(
        (await h.client.searchModelVersions({ filterString: `name = '${name}'` })).items,
      ).toHaveLength(2);
    });

    // (S3 only: the registry's own upload helper writes to S3)
    if (kind === "s3") {
      it("uploadArtifactAndRegisterModel uploads to S3 and registers; MLflow's vocabulary downloads it", async () => {
        const name = "uploaded";
        const upload = () =>
          uploadArtifactAndRegisterModel(registry, name, modelDir, {
            s3: {
              bucket: "artifacts",
              prefix: "uploaded/1",
              endpoint: h.s3!.endpoint,
              region: "us-east-1",
              env: h.env,
            },
            version: "1",
            modelFormatName: "sklearn",
            modelFormatVersion: "1.5.2",
          });
        let uri = "";
        const requests = await h.countRequests(async () => {
          uri = (await upload()).uri;
        });
        expect(uri).toBe(
          `s3://artifacts/uploaded/1?endpoint=${h.s3!.endpoint}&defaultRegion=us-east-1`,
        );
        expect(requests).toEqual([
          // the version does not exist (nor does the model)
          "GET /registered_models",
          // registerModel: the model, the version, its artifact
          "GET /registered_models",
          "POST /registered_models",
          "POST /model_versions",
          "POST /model_versions/{modelversionId}/artifacts",
        ]);
        expect(await h.client.getModelVersion(name, 1)).toMatchObject({
          source: uri,
          userId: "ana",
        });
        const downloadUri = await h.client.getModelVersionDownloadUri(name, 1);
        expect(downloadUri).toBe(uri);
        expect((await filesAt(downloadUri, ["model.pkl"]))["model.pkl"]).toBe("pickled weights");
        // the same version again is refused before anything is uploaded
        await expect(upload()).rejects.toMatchObject({ code: "ALREADY_EXISTS" });
      });
    }
  },
);
