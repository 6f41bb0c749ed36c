import { loggedModelFromArtifact } from "../mapping/logged-model.js";
import type { StoreContext } from "../store-context.js";
import type { LoggedModel } from "../types.js";
import { fetchModelArtifact } from "./model-artifact-store.js";

/**
 * MLflow `get_logged_model`: one `GET /artifacts/{modelId}`. Deleted models, recorded MLmodel
 * entries and other artifact types are RESOURCE_DOES_NOT_EXIST.
 * @internal
 */
export async function getLoggedModel(ctx: StoreContext, modelId: string): Promise<LoggedModel> {
  return loggedModelFromArtifact(await fetchModelArtifact(ctx, modelId));
}
