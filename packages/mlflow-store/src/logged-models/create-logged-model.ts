import { type ModelArtifact, REGISTRY_API_PREFIX } from "@model-registry/registry-client";
import { appendToUriPath } from "../artifacts/artifact-uri.js";
import { stringCustomProperties } from "../mapping/custom-property-text.js";
import { dict } from "../mapping/dict.js";
import { loggedModelFromArtifact, MODEL_KEYS } from "../mapping/logged-model.js";
import { writeRunModelLinks } from "../mapping/run-model-links.js";
import { MlflowError } from "../mlflow-error.js";
import { knownActiveExperiment } from "../operations/experiment-access.js";
import { findArtifactsNamed } from "../operations/find-written.js";
import { registryCall } from "../operations/registry-call.js";
import { isRegistryId } from "../operations/registry-paths.js";
import { ARTIFACT } from "../operations/response-shapes.js";
import { generateRunName } from "../operations/run-names.js";
import { writeOnce } from "../operations/write-once.js";
import type { StoreContext } from "../store-context.js";
import type { CreateLoggedModelInput, LoggedModel } from "../types.js";
import { validateLoggedModelName } from "../validation/index.js";
import { checkStorableText } from "../validation/storable-text.js";
import { mlflowModelProperties } from "./mlflow-model-properties.js";
import { modelTagRecord, paramProperties } from "./model-properties.js";

/**
 * MLflow `create_logged_model`: one `model-artifact` in state PENDING, posted to the source run
 * when there is one (so it is attributed to that run and experiment), else created unattached.
 * Costs the experiment GET (skipped while the store knows the experiment is active) plus one POST.
 * @internal
 */
export async function createLoggedModel(
  ctx: StoreContext,
  input: CreateLoggedModelInput,
): Promise<LoggedModel> {
  validateLoggedModelName(input.name);
  for (const field of ["modelType", "artifactLocation", "sourceRunId"] as const) {
    const value = input[field];
    if (typeof value === "string") checkStorableText(field, value);
  }
  const tags = modelTagRecord(input.tags);
  const params = paramProperties(input.params);
  const described = mlflowModelProperties(input.mlflowModel);
  for (const [key, value] of Object.entries(described)) checkStorableText(key, value);
  const experiment = await knownActiveExperiment(ctx, input.experimentId);
  const storageName = `m-${ctx.randomId()}`;
  const name = input.name ?? generateRunName();
  const artifactLocation =
    input.artifactLocation ??
    appendToUriPath(experiment.artifactLocation, `models/${storageName}/artifacts`);
  const properties: Record<string, string> = dict(tags, params, described, {
    [MODEL_KEYS.name]: name,
    [MODEL_KEYS.experimentId]: input.experimentId,
    [MODEL_KEYS.artifactLocation]: artifactLocation,
    ...(input.sourceRunId !== undefined ? { [MODEL_KEYS.sourceRunId]: input.sourceRunId } : {}),
    ...(input.modelType !== undefined ? { [MODEL_KEYS.modelType]: input.modelType } : {}),
    ...writeRunModelLinks({ inputRunIds: [], outputRunSteps: {} }),
  });
  const body = {
    artifactType: "model-artifact" as const,
    name: storageName,
    description: `MLflow logged model: ${name}`,
    uri: artifactLocation,
    state: "PENDING" as const,
    customProperties: stringCustomProperties(properties),
  };
  const runId = input.sourceRunId;
  const notFound = `Run with id=${runId} not found`;
  if (runId !== undefined && !isRegistryId(runId)) {
    throw new MlflowError(notFound, "RESOURCE_DOES_NOT_EXIST");
  }
  const send = () =>
    runId !== undefined
      ? registryCall(
          "createLoggedModel",
          ARTIFACT,
          ctx.client.POST(`${REGISTRY_API_PREFIX}/experiment_runs/{experimentrunId}/artifacts`, {
            params: { path: { experimentrunId: runId } },
            body,
          }),
          { notFound },
        )
      : registryCall(
          "createLoggedModel",
          ARTIFACT,
          ctx.client.POST(`${REGISTRY_API_PREFIX}/artifacts`, { body }),
        );
  // The storage name is unique (random): after a lost answer it finds the model again.
  const created = await writeOnce(ctx, {
    send,
    landed: async () =>
      (
        await findArtifactsNamed(
          ctx,
          runId === undefined ? "anywhere" : { runId },
          "model-artifact",
          storageName,
          "createLoggedModel",
        )
      )[0],
  });
  return loggedModelFromArtifact(created as ModelArtifact);
}
