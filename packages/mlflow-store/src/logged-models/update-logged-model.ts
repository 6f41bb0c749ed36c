import {
  artifactStateForStatus,
  DELETED_MODEL_STATE,
  loggedModelFromArtifact,
} from "../mapping/logged-model.js";
import { MlflowError } from "../mlflow-error.js";
import type { StoreContext } from "../store-context.js";
import type { KeyValue, LoggedModel, LoggedModelStatus } from "../types.js";
import { validateLoggedModelStatus } from "../validation/index.js";
import { mutateModelArtifact } from "./model-artifact-store.js";
import { modelTagRecord, paramProperties, updatedProperties } from "./model-properties.js";

/** MLflow `finalize_logged_model`: sets the status (any transition) and bumps the update time. @internal */
export async function finalizeLoggedModel(
  ctx: StoreContext,
  modelId: string,
  status: LoggedModelStatus,
): Promise<LoggedModel> {
  validateLoggedModelStatus(status);
  const saved = await mutateModelArtifact(ctx, modelId, "finalizeLoggedModel", (current) => ({
    state: artifactStateForStatus(status),
    customProperties: updatedProperties(current, {}),
  }));
  return loggedModelFromArtifact(saved);
}

/** MLflow `set_logged_model_tags`: upserts tags. @internal */
export async function setLoggedModelTags(
  ctx: StoreContext,
  modelId: string,
  tags: readonly KeyValue[] | Record<string, string>,
): Promise<void> {
  const record = modelTagRecord(tags);
  await mutateModelArtifact(ctx, modelId, "setLoggedModelTags", (current) => ({
    customProperties: updatedProperties(current, record),
  }));
}

/** MLflow `delete_logged_model_tag`: RESOURCE_DOES_NOT_EXIST when the tag is absent. @internal */
export async function deleteLoggedModelTag(
  ctx: StoreContext,
  modelId: string,
  key: string,
): Promise<void> {
  await mutateModelArtifact(ctx, modelId, "deleteLoggedModelTag", (current) => {
    if (loggedModelFromArtifact(current).tags[key] === undefined) {
      throw new MlflowError(
        `No tag with key '${key}' found for model with ID '${modelId}'.`,
        "RESOURCE_DOES_NOT_EXIST",
      );
    }
    return { customProperties: updatedProperties(current, {}, [key]) };
  });
}

/**
 * MLflow `delete_logged_model` (soft): the artifact's state becomes `MARKED_FOR_DELETION`, after
 * which get and search no longer return it. Deleting a deleted model again is allowed.
 * @internal
 */
export async function deleteLoggedModel(ctx: StoreContext, modelId: string): Promise<void> {
  await mutateModelArtifact(
    ctx,
    modelId,
    "deleteLoggedModel",
    (current) => ({ state: DELETED_MODEL_STATE, customProperties: updatedProperties(current, {}) }),
    { allowDeleted: true },
  );
}

/** MLflow `log_logged_model_params`: stores each param as `param_KEY` (last value wins). @internal */
export async function logLoggedModelParams(
  ctx: StoreContext,
  modelId: string,
  params: readonly KeyValue[] | Record<string, string>,
): Promise<void> {
  const properties = paramProperties(params);
  if (Object.keys(properties).length === 0) return;
  await mutateModelArtifact(ctx, modelId, "logLoggedModelParams", (current) => ({
    customProperties: updatedProperties(current, properties),
  }));
}
