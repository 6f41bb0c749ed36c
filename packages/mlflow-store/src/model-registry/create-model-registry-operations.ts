import type { StoreContext } from "../store-context.js";
import type { MlflowModelRegistryStore } from "./model-registry-types.js";
import { createModelVersionOperations } from "./model-version-operations.js";
import { createRegisteredModelOperations } from "./registered-model-operations.js";
import { searchModelVersions, searchRegisteredModels } from "./search-model-registry.js";

/**
 * The store's model-registry operations, on the registry's own RegisteredModel, ModelVersion and
 * ModelArtifact entities.
 * @internal
 */
export function createModelRegistryOperations(ctx: StoreContext): MlflowModelRegistryStore {
  return {
    ...createRegisteredModelOperations(ctx),
    ...createModelVersionOperations(ctx),
    searchRegisteredModels: (options) => searchRegisteredModels(ctx, options ?? {}),
    searchModelVersions: (options) => searchModelVersions(ctx, options ?? {}),
  };
}
