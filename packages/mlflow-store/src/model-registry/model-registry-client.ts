import { stringifyValue, toKeyValues } from "../client/stringify-value.js";
import { isMlflowError } from "../mlflow-error.js";
import type { MlflowStore, PagedList } from "../types.js";
import { flavorsOfMlmodel, modelFormatFromFlavors } from "./model-format.js";
import type {
  ModelFormat,
  ModelVersion,
  ModelVersionNumber,
  RegisteredModel,
  SearchModelRegistryOptions,
} from "./model-registry-types.js";
import { parseRunsUri } from "./model-source.js";

/**
 * `MlflowClient`'s model-registry methods (camelCase), on the client's store. Tag values are
 * stringified as the client's other tag methods do.
 * @public
 */
export interface MlflowClientModelRegistry {
  createRegisteredModel(
    name: string,
    options?: { tags?: Record<string, unknown>; description?: string },
  ): Promise<RegisteredModel>;
  getRegisteredModel(name: string): Promise<RegisteredModel>;
  searchRegisteredModels(options?: SearchModelRegistryOptions): Promise<PagedList<RegisteredModel>>;
  updateRegisteredModel(name: string, description?: string | null): Promise<RegisteredModel>;
  renameRegisteredModel(name: string, newName: string): Promise<RegisteredModel>;
  deleteRegisteredModel(name: string): Promise<void>;
  setRegisteredModelTag(name: string, key: string, value: unknown): Promise<void>;
  deleteRegisteredModelTag(name: string, key: string): Promise<void>;
  /**
   * `userId` defaults to the client's current user. For a `runs:/<runId>/<path>` source without
   * `modelFormat`, the client reads `<path>/MLmodel` from the run's artifacts (when there is one)
   * and records the format of its flavor; a storage that cannot be read (no access, AWS SDK not
   * installed) fails the call, and `modelFormat` skips the read.
   */
  createModelVersion(
    name: string,
    source: string,
    options?: {
      runId?: string;
      tags?: Record<string, unknown>;
      runLink?: string;
      description?: string;
      modelFormat?: ModelFormat;
    },
  ): Promise<ModelVersion>;
  getModelVersion(name: string, version: ModelVersionNumber): Promise<ModelVersion>;
  searchModelVersions(options?: SearchModelRegistryOptions): Promise<PagedList<ModelVersion>>;
  updateModelVersion(
    name: string,
    version: ModelVersionNumber,
    description?: string | null,
  ): Promise<ModelVersion>;
  deleteModelVersion(name: string, version: ModelVersionNumber): Promise<void>;
  setModelVersionTag(
    name: string,
    version: ModelVersionNumber,
    key: string,
    value: unknown,
  ): Promise<void>;
  deleteModelVersionTag(name: string, version: ModelVersionNumber, key: string): Promise<void>;
  setRegisteredModelAlias(name: string, alias: string, version: ModelVersionNumber): Promise<void>;
  deleteRegisteredModelAlias(name: string, alias: string): Promise<void>;
  getModelVersionByAlias(name: string, alias: string): Promise<ModelVersion>;
  getModelVersionDownloadUri(name: string, version: ModelVersionNumber): Promise<string>;
}

/** What the client's model-registry methods need besides the store. @internal */
export interface ModelRegistryClientContext {
  readonly store: MlflowStore;
  /** The client's current user. */
  user(): string;
  /** The MLmodel dictionary at `path` of a run's artifacts, or undefined when there is none. */
  readRunMlmodel(runId: string, path: string): Promise<Record<string, unknown> | undefined>;
}

/**
 * The model format of the MLmodel at a `runs:/` source, or undefined (not a `runs:/` URI, no
 * MLmodel there, no flavor, or the run does not exist: the store reports that).
 */
async function formatAtRunsUri(
  ctx: ModelRegistryClientContext,
  source: string,
): Promise<ModelFormat | undefined> {
  const runs = parseRunsUri(source);
  if (runs === undefined) return undefined;
  try {
    const mlmodel = await ctx.readRunMlmodel(runs.runId, runs.path);
    return mlmodel === undefined ? undefined : modelFormatFromFlavors(flavorsOfMlmodel(mlmodel));
  } catch (error) {
    if (isMlflowError(error) && error.errorCode === "RESOURCE_DOES_NOT_EXIST") return undefined;
    throw error;
  }
}

/** The client's model-registry methods over `store`. @internal */
export function createModelRegistryClientMethods(
  ctx: ModelRegistryClientContext,
): MlflowClientModelRegistry {
  const { store, user } = ctx;
  return {
    createRegisteredModel: (name, options = {}) =>
      store.createRegisteredModel(name, {
        tags: toKeyValues(options.tags),
        ...(options.description !== undefined ? { description: options.description } : {}),
      }),
    getRegisteredModel: (name) => store.getRegisteredModel(name),
    searchRegisteredModels: (options) => store.searchRegisteredModels(options),
    updateRegisteredModel: (name, description) =>
      store.updateRegisteredModel(name, description ?? null),
    renameRegisteredModel: (name, newName) => store.renameRegisteredModel(name, newName),
    deleteRegisteredModel: (name) => store.deleteRegisteredModel(name),
    setRegisteredModelTag: (name, key, value) =>
      store.setRegisteredModelTag(name, { key, value: stringifyValue(value) }),
    deleteRegisteredModelTag: (name, key) => store.deleteRegisteredModelTag(name, key),
    createModelVersion: async (name, source, options = {}) => {
      const { tags, ...rest } = options;
      const modelFormat = rest.modelFormat ?? (await formatAtRunsUri(ctx, source));
      return store.createModelVersion(name, source, {
        ...rest,
        ...(modelFormat !== undefined ? { modelFormat } : {}),
        tags: toKeyValues(tags),
        userId: user(),
      });
    },
    getModelVersion: (name, version) => store.getModelVersion(name, version),
    searchModelVersions: (options) => store.searchModelVersions(options),
    updateModelVersion: (name, version, description) =>
      store.updateModelVersion(name, version, description ?? null),
    deleteModelVersion: (name, version) => store.deleteModelVersion(name, version),
    setModelVersionTag: (name, version, key, value) =>
      store.setModelVersionTag(name, version, { key, value: stringifyValue(value) }),
    deleteModelVersionTag: (name, version, key) => store.deleteModelVersionTag(name, version, key),
    setRegisteredModelAlias: (name, alias, version) =>
      store.setRegisteredModelAlias(name, alias, version),
    deleteRegisteredModelAlias: (name, alias) => store.deleteRegisteredModelAlias(name, alias),
    getModelVersionByAlias: (name, alias) => store.getModelVersionByAlias(name, alias),
    getModelVersionDownloadUri: (name, version) => store.getModelVersionDownloadUri(name, version),
  };
}
