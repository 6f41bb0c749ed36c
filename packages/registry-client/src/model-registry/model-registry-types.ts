import type { CustomPropertyValue } from "../codec/metadata-value.js";
import type { RegistryClient, RegistryClientOptions } from "../create-registry-client.js";
import type {
  ArtifactState,
  ModelArtifact,
  ModelVersion,
  ModelVersionState,
  OrderByField,
  RegisteredModel,
  RegisteredModelState,
  SortOrder,
} from "../types.js";

/** Custom properties as plain values (see `decodeCustomProperties`). @public */
export type CustomProperties = Record<string, CustomPropertyValue>;

/**
 * A registered model as {@link ModelRegistry} returns it: the registry's `RegisteredModel` with
 * its custom properties decoded to plain values and a `kind` tag for {@link ModelRegistry.update}.
 * @public
 */
export type RegisteredModelEntity = Omit<RegisteredModel, "id" | "state" | "customProperties"> & {
  readonly kind: "registered-model";
  id: string;
  state: RegisteredModelState;
  customProperties: CustomProperties;
};

/**
 * A model version as {@link ModelRegistry} returns it: the registry's `ModelVersion` with its
 * custom properties decoded and a `kind` tag.
 * @public
 */
export type ModelVersionEntity = Omit<ModelVersion, "id" | "state" | "customProperties"> & {
  readonly kind: "model-version";
  id: string;
  state: ModelVersionState;
  customProperties: CustomProperties;
};

/**
 * A model artifact as {@link ModelRegistry} returns it: the registry's `ModelArtifact` with its
 * custom properties decoded and a `kind` tag.
 * @public
 */
export type ModelArtifactEntity = Omit<ModelArtifact, "id" | "state" | "customProperties"> & {
  readonly kind: "model-artifact";
  id: string;
  state?: ArtifactState;
  customProperties: CustomProperties;
};

/** Any entity {@link ModelRegistry.update} accepts. @public */
export type ModelRegistryEntity = RegisteredModelEntity | ModelVersionEntity | ModelArtifactEntity;

/**
 * Options of {@link ModelRegistry.registerModel}: the Python client's `register_model` keyword
 * arguments in camelCase.
 * @public
 */
export interface RegisterModelOptions {
  /** Name of the new version; unique within the registered model. */
  version: string;
  /** Model format (e.g. `onnx`, `sklearn`), stored on the model artifact. */
  modelFormatName: string;
  /** Version of the model format. */
  modelFormatVersion: string;
  /** Description of the new version. */
  versionDescription?: string;
  /** Name of the storage secret (data connection) holding the credentials for `uri`. */
  storageKey?: string;
  /** Path of the model inside the storage named by `storageKey`. */
  storagePath?: string;
  /** Service account whose secret gives access to the storage. */
  serviceAccountName?: string;
  /** Kind of the model's source (e.g. `kfp`). */
  modelSourceKind?: string;
  /** Subgroup within the source kind (e.g. `pipelinerun`). */
  modelSourceClass?: string;
  /** Source group (e.g. a namespace). */
  modelSourceGroup?: string;
  /** Id of the source within kind, class and group (e.g. a pipeline run id). */
  modelSourceId?: string;
  /** Human-readable name of the source. */
  modelSourceName?: string;
  /** Author of the version. @default the registry's `author` */
  author?: string;
  /** Owner of the registered model when it is created. @default the registry's `author` */
  owner?: string;
  /** Custom properties of the new version (strings, numbers, booleans; see `int()`/`double()`). */
  metadata?: Readonly<Record<string, CustomPropertyValue>>;
}

/** Order, direction and page size of the list iterators. @public */
export interface ModelRegistryListOptions {
  /** @default "ID" (the registry's default) */
  orderBy?: OrderByField;
  /** @default "ASC" */
  sortOrder?: SortOrder;
  /** Items per registry request. @default 100 */
  pageSize?: number;
}

/**
 * Options of {@link createModelRegistry}: a ready `client`, or the options of
 * `createRegistryClient` (at least `baseUrl`), plus the default `author`.
 * @public
 */
export interface ModelRegistryOptions extends Partial<RegistryClientOptions> {
  /** A ready registry client; then no other `createRegistryClient` option may be given. */
  readonly client?: RegistryClient | undefined;
  /** Default author of new versions and owner of new registered models. */
  readonly author: string;
}

/**
 * The Python `model-registry` client's `ModelRegistry` in TypeScript: registers models in the
 * layout the Python client writes (RegisteredModel → ModelVersion → ModelArtifact), so the
 * Kubeflow dashboard, KServe and Python see the same entities.
 * @public
 */
export interface ModelRegistry {
  /** The registry client every call goes through. */
  readonly client: RegistryClient;
  /** The default author and owner. */
  readonly author: string;
  /**
   * Registers a model stored at `uri`: finds or creates the registered model `name`, creates the
   * version `options.version` (ALREADY_EXISTS when it exists) and its model artifact (named
   * `name`, with the format, storage and source fields). Returns the registered model.
   */
  registerModel(
    name: string,
    uri: string,
    options: RegisterModelOptions,
  ): Promise<RegisteredModelEntity>;
  /** The registered model named `name`, or null. */
  getRegisteredModel(name: string): Promise<RegisteredModelEntity | null>;
  /** The version of a registered model, or null; NOT_FOUND when the model does not exist. */
  getModelVersion(name: string, version: string): Promise<ModelVersionEntity | null>;
  /**
   * The model artifact of a version (the one named after the model, as the Python client writes
   * it; else the one named after the version, as the dashboard writes it; else the first), or
   * null; NOT_FOUND when the model or the version does not exist.
   */
  getModelArtifact(name: string, version: string): Promise<ModelArtifactEntity | null>;
  /** Every registered model, fetched page by page while iterating. */
  getRegisteredModels(options?: ModelRegistryListOptions): AsyncIterable<RegisteredModelEntity>;
  /** Every version of a registered model, page by page; NOT_FOUND (on iteration) when it does not exist. */
  getModelVersions(
    name: string,
    options?: ModelRegistryListOptions,
  ): AsyncIterable<ModelVersionEntity>;
  /**
   * Writes an entity back (one PATCH with its editable fields, `state` and the complete custom
   * properties) and returns the stored entity.
   */
  update<T extends ModelRegistryEntity>(entity: T): Promise<T>;
  /** Archives a registered model (its versions stay as they are, as in the dashboard). */
  archiveRegisteredModel(name: string): Promise<RegisteredModelEntity>;
  /** Makes an archived registered model live again. */
  restoreRegisteredModel(name: string): Promise<RegisteredModelEntity>;
  /** Archives one version. */
  archiveModelVersion(name: string, version: string): Promise<ModelVersionEntity>;
  /** Makes an archived version live again. */
  restoreModelVersion(name: string, version: string): Promise<ModelVersionEntity>;
}
