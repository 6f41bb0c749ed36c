import {
  type Artifact,
  type ArtifactState,
  type MetadataValue,
  type ModelArtifact,
  REGISTRY_API_PREFIX,
  retryMode,
} from "@model-registry/registry-client";
import { customPropertyText } from "../mapping/custom-property-text.js";
import {
  isDeletedModelArtifact,
  isLoggedModelArtifact,
  MODEL_KEYS,
} from "../mapping/logged-model.js";
import { MlflowError } from "../mlflow-error.js";
import { registryCall } from "../operations/registry-call.js";
import { isRegistryId } from "../operations/registry-paths.js";
import { ARTIFACT } from "../operations/response-shapes.js";
import type { StoreContext } from "../store-context.js";

/** MLflow's message for an unknown (or deleted) logged model. @internal */
export function loggedModelNotFound(modelId: string): MlflowError {
  return new MlflowError(`Logged model with ID '${modelId}' not found.`, "RESOURCE_DOES_NOT_EXIST");
}

function isModelArtifact(artifact: Artifact): artifact is ModelArtifact {
  return artifact.artifactType === "model-artifact";
}

/**
 * Reads a logged model's artifact with one `GET /artifacts/{id}`. Ids that cannot be registry
 * ids, other artifact types, recorded MLmodel entries and deleted models are all "not found".
 * @internal
 */
export async function fetchModelArtifact(
  ctx: StoreContext,
  modelId: string,
  options: { allowDeleted?: boolean } = {},
): Promise<ModelArtifact> {
  if (!isRegistryId(modelId)) throw loggedModelNotFound(modelId);
  const artifact = await registryCall(
    "getLoggedModel",
    ARTIFACT,
    ctx.client.GET(`${REGISTRY_API_PREFIX}/artifacts/{id}`, { params: { path: { id: modelId } } }),
    { notFound: loggedModelNotFound(modelId).message },
  );
  if (!isModelArtifact(artifact) || !isLoggedModelArtifact(artifact)) {
    throw loggedModelNotFound(modelId);
  }
  if (!options.allowDeleted && isDeletedModelArtifact(artifact)) throw loggedModelNotFound(modelId);
  return artifact;
}

/** The run a model artifact is re-posted through so that its run attribution is kept. @internal */
function attributionRun(artifact: ModelArtifact): string | undefined {
  const run =
    artifact.experimentRunId ??
    customPropertyText(artifact.customProperties?.[MODEL_KEYS.sourceRunId]);
  return run !== undefined && isRegistryId(run) ? run : undefined;
}

/** A change to a stored model artifact: a new state and/or the complete new custom properties. @internal */
export interface ModelArtifactChange {
  state?: ArtifactState;
  customProperties: Record<string, MetadataValue>;
}

/**
 * Writes a change to a model artifact with one request and returns the stored artifact. The body
 * always carries the artifact's state (the current one unless changed) and its complete custom
 * properties (the registry replaces the whole map). Attributed models are re-posted by id through
 * `POST /experiment_runs/{runId}/artifacts`, which keeps their `experimentId`/`experimentRunId`
 * (a `PATCH /artifacts/{id}` drops them); models without a run use `PATCH /artifacts/{id}`.
 * @internal
 */
export async function saveModelArtifact(
  ctx: StoreContext,
  current: ModelArtifact,
  change: ModelArtifactChange,
  what: string,
  viaRunId?: string,
): Promise<ModelArtifact> {
  const modelId = current.id ?? "";
  const state = change.state ?? current.state;
  const body = {
    artifactType: "model-artifact" as const,
    ...(state !== undefined ? { state } : {}),
    customProperties: change.customProperties,
  };
  const runId = viaRunId ?? attributionRun(current);
  const saved =
    runId !== undefined
      ? await registryCall(
          what,
          ARTIFACT,
          ctx.client.POST(`${REGISTRY_API_PREFIX}/experiment_runs/{experimentrunId}/artifacts`, {
            params: { path: { experimentrunId: runId } },
            body: { ...body, id: modelId },
            headers: retryMode("idempotent"),
          }),
        )
      : await registryCall(
          what,
          ARTIFACT,
          ctx.client.PATCH(`${REGISTRY_API_PREFIX}/artifacts/{id}`, {
            params: { path: { id: modelId } },
            body,
          }),
          { notFound: loggedModelNotFound(modelId).message },
        );
  if (!isModelArtifact(saved)) throw loggedModelNotFound(modelId);
  return saved;
}

/**
 * Read-modify-write of one logged model (one GET, one write), serialised per model within this
 * store. `change` returns the new state/properties, or `undefined` to write nothing.
 * @internal
 */
export function mutateModelArtifact(
  ctx: StoreContext,
  modelId: string,
  what: string,
  change: (current: ModelArtifact) => ModelArtifactChange | undefined,
  options: { allowDeleted?: boolean } = {},
): Promise<ModelArtifact> {
  return ctx.exclusive(`model:${modelId}`, async () => {
    const current = await fetchModelArtifact(ctx, modelId, options);
    const next = change(current);
    return next === undefined ? current : saveModelArtifact(ctx, current, next, what);
  });
}
