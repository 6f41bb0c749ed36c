import type { StoreContext } from "../store-context.js";
import type { MlflowStore } from "../types.js";
import { createLoggedModel } from "./create-logged-model.js";
import { getLoggedModel } from "./get-logged-model.js";
import { recordLoggedModel } from "./record-logged-model.js";
import { searchLoggedModels } from "./search-logged-models.js";
import {
  deleteLoggedModel,
  deleteLoggedModelTag,
  finalizeLoggedModel,
  logLoggedModelParams,
  setLoggedModelTags,
} from "./update-logged-model.js";

/** The logged-model operations of the store. @internal */
export type LoggedModelOperations = Pick<
  MlflowStore,
  | "createLoggedModel"
  | "getLoggedModel"
  | "searchLoggedModels"
  | "finalizeLoggedModel"
  | "setLoggedModelTags"
  | "deleteLoggedModelTag"
  | "deleteLoggedModel"
  | "logLoggedModelParams"
  | "recordLoggedModel"
>;

/**
 * The store's logged-model operations, stored as `model-artifact`s in the Python plugin's layout.
 * @internal
 */
export function createLoggedModelOperations(ctx: StoreContext): LoggedModelOperations {
  return {
    createLoggedModel: (input) => createLoggedModel(ctx, input),
    getLoggedModel: (modelId) => getLoggedModel(ctx, modelId),
    searchLoggedModels: (options) => searchLoggedModels(ctx, options),
    finalizeLoggedModel: (modelId, status) => finalizeLoggedModel(ctx, modelId, status),
    setLoggedModelTags: (modelId, tags) => setLoggedModelTags(ctx, modelId, tags),
    deleteLoggedModelTag: (modelId, key) => deleteLoggedModelTag(ctx, modelId, key),
    deleteLoggedModel: (modelId) => deleteLoggedModel(ctx, modelId),
    logLoggedModelParams: (modelId, params) => logLoggedModelParams(ctx, modelId, params),
    recordLoggedModel: (runId, model) => recordLoggedModel(ctx, runId, model),
  };
}
