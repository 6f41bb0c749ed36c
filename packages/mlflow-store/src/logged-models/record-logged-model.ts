import { REGISTRY_API_PREFIX } from "@model-registry/registry-client";
import { stringCustomProperties } from "../mapping/custom-property-text.js";
import { dict } from "../mapping/dict.js";
import { MODEL_KEYS } from "../mapping/logged-model.js";
import { MlflowError } from "../mlflow-error.js";
import { findArtifactsNamed } from "../operations/find-written.js";
import { registryCall } from "../operations/registry-call.js";
import { UNREAD } from "../operations/response-shapes.js";
import { knownActiveRun } from "../operations/run-access.js";
import { writeOnce } from "../operations/write-once.js";
import type { StoreContext } from "../store-context.js";
import type { MlflowModelDict } from "../types.js";
import { checkStorableText } from "../validation/storable-text.js";

function snakeCase(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/**
 * The MLmodel dict with MLflow's snake_case top-level keys (`artifactPath` → `artifact_path`),
 * the form Python's `Model.from_dict` reads from `mlflow__logged_model`.
 * @internal
 */
export function snakeCaseModelDict(model: MlflowModelDict): Record<string, unknown> {
  const out = dict<unknown>();
  for (const [key, value] of Object.entries(model)) {
    if (value !== undefined) out[snakeCase(key)] = value;
  }
  return out;
}

function text(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === "string" ? value : JSON.stringify(value);
}

/**
 * MLflow `record_logged_model`: records an MLmodel against a run, in the Python plugin's layout —
 * a `model-artifact` posted to the run with `mlflow__artifactPath`, `mlflow__model_uuid`,
 * `mlflow__utc_time_created`, `mlflow__mlflow_version`, `mlflow__logged_model` (the model dict
 * as JSON) and one `mlflow__flavor_NAME` per flavor. Costs the run GET (skipped while the store
 * knows the run is active) plus one POST.
 * @internal
 */
export async function recordLoggedModel(
  ctx: StoreContext,
  runId: string,
  model: MlflowModelDict,
): Promise<void> {
  if (typeof model?.artifactPath !== "string" || model.artifactPath === "") {
    throw MlflowError.invalidParameterValue("The model to record must have an 'artifactPath'.");
  }
  const run = await knownActiveRun(ctx, runId, "recordLoggedModel");
  const dict = snakeCaseModelDict({ ...model, runId: model.runId ?? runId });
  const modelUuid = model.modelUuid ?? ctx.randomId();
  const artifactLocation =
    text(dict["artifact_location"]) ?? `runs:/${runId}/${model.artifactPath}`;
  const name = text(dict["name"]);
  const properties: Record<string, string> = {
    [MODEL_KEYS.experimentId]: run.experimentId,
    [MODEL_KEYS.sourceRunId]: runId,
    [MODEL_KEYS.artifactLocation]: artifactLocation,
    [MODEL_KEYS.ioType]: "output",
    [MODEL_KEYS.artifactPath]: model.artifactPath,
    [MODEL_KEYS.modelUuid]: modelUuid,
    [MODEL_KEYS.loggedModel]: JSON.stringify(dict),
    ...(name !== undefined ? { [MODEL_KEYS.name]: name } : {}),
    ...(model.utcTimeCreated !== undefined
      ? { [MODEL_KEYS.utcTimeCreated]: model.utcTimeCreated }
      : {}),
    ...(model.mlflowVersion !== undefined
      ? { [MODEL_KEYS.mlflowVersion]: model.mlflowVersion }
      : {}),
  };
  for (const [flavor, config] of Object.entries(model.flavors ?? {})) {
    properties[`${MODEL_KEYS.flavorPrefix}${flavor}`] = JSON.stringify(config);
  }
  for (const [key, value] of Object.entries(properties)) {
    checkStorableText(key, key);
    checkStorableText(key, value);
  }
  await writeOnce(ctx, {
    send: () =>
      registryCall(
        "recordLoggedModel",
        UNREAD,
        ctx.client.POST(`${REGISTRY_API_PREFIX}/experiment_runs/{experimentrunId}/artifacts`, {
          params: { path: { experimentrunId: runId } },
          body: {
            artifactType: "model-artifact",
            name: modelUuid,
            description: `MLflow logged model: ${name ?? model.artifactPath}`,
            uri: artifactLocation,
            customProperties: stringCustomProperties(properties),
          },
        }),
        { notFound: `Run with id=${runId} not found` },
      ),
    // The model's storage name (its uuid) is unique under the run.
    landed: async () =>
      (
        await findArtifactsNamed(ctx, { runId }, "model-artifact", modelUuid, "recordLoggedModel")
      )[0],
  });
}
