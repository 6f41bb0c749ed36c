/**
 * `pnpm demo`: trains a logistic regression three times with different learning rates and tracks
 * every run in Kubeflow Model Registry with MLflow's vocabulary — params, a loss and accuracy
 * metric per epoch, tags, the training dataset as an input and the trained model (its weights as
 * a JSON file plus an MLmodel description) logged with logModel to a local artifact root — then
 * prints the experiment's runs ordered by accuracy and the model URIs, and registers the most
 * accurate model as a new version of the registered model `logistic-regression` (alias
 * `champion`), the entities the Kubeflow dashboard and KServe read.
 *
 * Uses MLFLOW_TRACKING_URI when set (e.g. modelregistry+https://registry.example:443); otherwise
 * it starts the fake registry from @model-registry/testing in-process on 127.0.0.1. Artifacts go
 * to DEMO_ARTIFACT_ROOT when set (a folder, file:// or s3:// URI), else to a folder under the OS
 * temporary directory.
 */
import { createHash } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import {
  createFluent,
  createMlflowStore,
  type Dataset,
  type LoggedModelInfo,
  type ModelVersion,
  type RegisteredModel,
  type Run,
} from "@model-registry/mlflow-store";
import { startFakeRegistryServer } from "@model-registry/testing/node";
import { type Example, evaluate, makeBlobs, train } from "./logistic-regression.js";

/** Options of {@link main}. */
export interface DemoOptions {
  /** @default env MLFLOW_TRACKING_URI, else an in-process fake registry */
  trackingUri?: string;
  /** @default [0.05, 0.3, 1.5] */
  learningRates?: number[];
  /** @default 25 */
  epochs?: number;
  /** @default "logistic-regression-demo" */
  experimentName?: string;
  /**
   * Root of new experiments' artifact locations (folder, file:// or s3:// URI).
   * @default env DEMO_ARTIFACT_ROOT, else a `model-registry-demo/mlruns` folder under the OS temp directory
   */
  artifactRoot?: string;
  /** Registered model the best model becomes a version of. @default "logistic-regression" */
  registeredModelName?: string;
  /** @default console.log */
  log?: (line: string) => void;
}

/** What the demo did, for callers and tests. */
export interface DemoResult {
  trackingUri: string;
  experimentId: string;
  runs: Run[];
  /** The logged models, one per run, in training order. */
  models: LoggedModelInfo[];
  artifactRoot: string;
  /** The registered model after the best model was registered. */
  registeredModel: RegisteredModel;
  /** The version the best model became. */
  modelVersion: ModelVersion;
  /** Where the version's files are (its download URI). */
  downloadUri: string;
}

const SEED = 42;
const SAMPLES = 400;

/** Runs the demo end to end; closes the embedded registry (if it started one) before returning. */
export async function main(options: DemoOptions = {}): Promise<DemoResult> {
  const log = options.log ?? console.log;
  // A blank MLFLOW_TRACKING_URI counts as unset.
  const given = (options.trackingUri ?? process.env.MLFLOW_TRACKING_URI)?.trim();
  let closeEmbedded: (() => Promise<void>) | undefined;
  let trackingUri: string;
  if (given) {
    trackingUri = given;
  } else {
    const server = await startFakeRegistryServer({ host: "127.0.0.1", port: 0 });
    trackingUri = server.url.replace(/^http:/, "modelregistry+http:");
    closeEmbedded = () => server.close();
    log(`No MLFLOW_TRACKING_URI: using an embedded fake registry at ${server.url}`);
  }
  const artifactRoot =
    options.artifactRoot ??
    (process.env.DEMO_ARTIFACT_ROOT ||
      pathToFileURL(join(tmpdir(), "model-registry-demo", "mlruns")).href);
  const scratch = await mkdtemp(join(tmpdir(), "model-registry-demo-"));
  try {
    const store = createMlflowStore({ trackingUri, artifactLocation: artifactRoot });
    const mlflow = createFluent({ store, endRunsOnExit: false });
    const experiment = await mlflow.setExperiment(
      options.experimentName ?? "logistic-regression-demo",
    );
    const data = makeBlobs({ samples: SAMPLES, seed: SEED });
    const dataset = describeDataset(data);
    const epochs = options.epochs ?? 25;
    const client = mlflow.getClient();
    const models: LoggedModelInfo[] = [];

    for (const learningRate of options.learningRates ?? [0.05, 0.3, 1.5]) {
      await mlflow.withRun(
        async (run) => {
          await mlflow.logParams({
            learning_rate: learningRate,
            epochs,
            samples: SAMPLES,
            seed: SEED,
          });
          await mlflow.setTags({
            model_family: "logistic_regression",
            optimizer: "full-batch gradient descent",
          });
          await mlflow.logInput(dataset, "training");
          const weights = await train(data, {
            learningRate,
            epochs,
            // Async logging: each epoch's metrics are queued and sent in merged batches;
            // ending the run waits until they are stored.
            onEpoch: ({ epoch, loss, accuracy }) =>
              mlflow.logMetrics({ loss, accuracy }, { step: epoch, synchronous: false }),
          });
          // The trained model: its weights as a file, logged with an MLmodel description to the
          // run's experiment artifact location, finalized READY and recorded as the run's output.
          const modelFile = join(scratch, `weights-${learningRate}.json`);
          await writeFile(modelFile, JSON.stringify(weights, null, 2));
          const model = await mlflow.logModel({
            // MLflow model names may not contain '.', so the rate goes in as "0_05".
            name: `logreg-lr-${String(learningRate).replace(".", "_")}`,
            path: modelFile,
            modelType: "logistic-regression",
            signature: {
              inputs: [
                { type: "double", name: "x1" },
                { type: "double", name: "x2" },
              ],
              outputs: [{ type: "long", name: "label" }],
            },
            tags: { framework: "plain TypeScript" },
            step: epochs - 1,
          });
          models.push(model);
          const { accuracy } = evaluate(weights, data);
          log(
            `run ${run.info.runName}: learning_rate=${learningRate} accuracy=${accuracy.toFixed(3)} model=${model.modelUri}`,
          );
        },
        { runName: `lr-${learningRate}`, tags: { demo: "true" } },
      );
    }

    const { items } = await client.searchRuns([experiment.experimentId], {
      orderBy: ["metrics.accuracy DESC", "metrics.loss ASC"],
      maxResults: 20,
    });
    log("");
    log(
      `Runs of experiment '${experiment.name}' (id ${experiment.experimentId}), best accuracy first:`,
    );
    log(formatTable(items));
    log("");
    log("Logged models:");
    for (const model of models) {
      log(`  ${model.modelUri}  ${model.name}  ${model.status}  ${model.artifactLocation}`);
    }

    // Register the most accurate run's model: the registry's RegisteredModel, ModelVersion and
    // ModelArtifact (format from the model's flavor), readable by the dashboard and KServe.
    const best = items[0];
    const bestModel = models.find((model) => model.sourceRunId === best?.info.runId);
    if (best === undefined || bestModel === undefined) {
      throw new Error("the demo found no run with a logged model to register");
    }
    const registeredName = options.registeredModelName ?? "logistic-regression";
    const modelVersion = await mlflow.registerModel(bestModel.modelUri, registeredName, {
      tags: { accuracy: (best.data.metrics.accuracy ?? Number.NaN).toFixed(4) },
    });
    await client.setRegisteredModelAlias(registeredName, "champion", modelVersion.version);
    const registeredModel = await client.getRegisteredModel(registeredName);
    const downloadUri = await client.getModelVersionDownloadUri(
      registeredName,
      modelVersion.version,
    );
    const aliases = Object.entries(registeredModel.aliases)
      .map(([alias, version]) => `${alias} → ${version}`)
      .join(", ");
    log("");
    log(`Registered the most accurate model (run ${best.info.runName}):`);
    log(`  model URI         ${bestModel.modelUri}`);
    log(
      `  registered model  ${registeredModel.name}  (latest version ${registeredModel.latestVersions[0]?.version ?? "-"}; aliases: ${aliases || "none"})`,
    );
    log(
      `  model version     ${modelVersion.version}  ${modelVersion.status}  source ${modelVersion.source}`,
    );
    log(`  download URI      ${downloadUri}`);
    return {
      trackingUri,
      experimentId: experiment.experimentId,
      runs: items,
      models,
      artifactRoot,
      registeredModel,
      modelVersion,
      downloadUri,
    };
  } finally {
    await rm(scratch, { recursive: true, force: true });
    await closeEmbedded?.();
  }
}

/** The training data as an MLflow dataset: digest of the content, code source, column schema. */
function describeDataset(data: readonly Example[]): Dataset {
  const digest = createHash("sha256").update(JSON.stringify(data)).digest("hex").slice(0, 8);
  return {
    name: "two-gaussian-blobs",
    digest,
    sourceType: "code",
    source: JSON.stringify({ generator: "makeBlobs", seed: SEED, samples: SAMPLES }),
    schema: JSON.stringify({
      mlflow_colspec: [
        { type: "double", name: "x1" },
        { type: "double", name: "x2" },
        { type: "long", name: "label" },
      ],
    }),
    profile: JSON.stringify({ num_rows: data.length }),
  };
}

function formatTable(runs: readonly Run[]): string {
  const header = ["run", "learning_rate", "epochs", "loss", "accuracy", "status"];
  const rows = runs.map((run) => [
    run.info.runName,
    run.data.params.learning_rate ?? "",
    run.data.params.epochs ?? "",
    run.data.metrics.loss?.toFixed(4) ?? "",
    run.data.metrics.accuracy?.toFixed(4) ?? "",
    run.info.status,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
