/**
 * MLflow's model-registry entities and store operations (mlflow/entities/model_registry,
 * mlflow/store/model_registry/abstract_store.py), camelCase. Times are milliseconds since the
 * epoch; versions are strings (MLflow numbers them 1, 2, …; versions registered by other clients
 * keep their registry names).
 */
import type { KeyValue, PagedList } from "../types.js";

/** A model version's registration status. @public */
export type ModelVersionStatus = "PENDING_REGISTRATION" | "FAILED_REGISTRATION" | "READY";

/** A version of a registered model, as MLflow describes it. @public */
export interface ModelVersion {
  /** Name of the registered model. */
  name: string;
  version: string;
  creationTimestamp: number;
  lastUpdatedTimestamp: number | null;
  description: string | null;
  userId: string | null;
  /** Always `"None"`: model stages are deprecated in MLflow and not stored. */
  currentStage: string;
  /** The source the version was created from (as given). */
  source: string;
  runId: string | null;
  runLink: string | null;
  status: ModelVersionStatus;
  statusMessage: string | null;
  tags: Record<string, string>;
  /** Aliases of the registered model that point at this version. */
  aliases: string[];
  /** The logged model this version was created from, if any. */
  modelId: string | null;
}

/** A registered model, as MLflow describes it. @public */
export interface RegisteredModel {
  name: string;
  creationTimestamp: number;
  lastUpdatedTimestamp: number;
  description: string | null;
  /** The latest version (highest number) among the live versions; MLflow's stage `None`. */
  latestVersions: ModelVersion[];
  tags: Record<string, string>;
  /** Alias → version. */
  aliases: Record<string, string>;
}

/** Options of `searchRegisteredModels` and `searchModelVersions`. @public */
export interface SearchModelRegistryOptions {
  /** MLflow filter string, e.g. `name LIKE 'churn%' AND tags.team = 'growth'`. */
  filterString?: string;
  /** Page size. @default 100 for registered models (at most 1000), 200000 for versions */
  maxResults?: number;
  /** e.g. `["name ASC"]`, `["last_updated_timestamp DESC"]`. */
  orderBy?: string[];
  pageToken?: string;
}

/** Options of `createModelVersion`. @public */
export interface CreateModelVersionOptions {
  /** The run that produced the model. @default the logged model's source run for `models:/<id>` */
  runId?: string;
  tags?: KeyValue[] | Record<string, string>;
  runLink?: string;
  description?: string;
  /** Author of the version (the registry's `author`). */
  userId?: string;
  /**
   * The model format recorded on the version's model artifact (what KServe and the dashboard
   * read). Not an MLflow argument: MLflow has no such field.
   * @default from the source's MLflow flavor: a logged model's recorded flavors (`models:/<id>`),
   * an MLmodel recorded for the run at that path (`runs:/…`; the client also reads the MLmodel
   * file there); none for other URIs
   */
  modelFormat?: ModelFormat;
}

/**
 * The model format of a registered version's model artifact (`modelFormatName`,
 * `modelFormatVersion`), e.g. `{ name: "onnx", version: "1.16.0" }`.
 * @public
 */
export interface ModelFormat {
  readonly name: string;
  readonly version?: string;
}

/** Version arguments accept MLflow's integers as numbers too. @public */
export type ModelVersionNumber = string | number;

/**
 * MLflow's model-registry store operations on Kubeflow Model Registry. Registered models,
 * versions and model artifacts are the registry's own entities, readable by the Python
 * `model-registry` client and the Kubeflow dashboard.
 * @public
 */
export interface MlflowModelRegistryStore {
  createRegisteredModel(
    name: string,
    options?: { tags?: KeyValue[] | Record<string, string>; description?: string },
  ): Promise<RegisteredModel>;
  getRegisteredModel(name: string): Promise<RegisteredModel>;
  searchRegisteredModels(options?: SearchModelRegistryOptions): Promise<PagedList<RegisteredModel>>;
  updateRegisteredModel(name: string, description: string | null): Promise<RegisteredModel>;
  renameRegisteredModel(name: string, newName: string): Promise<RegisteredModel>;
  /** Archives the registered model: MLflow reads no longer see it or its versions. */
  deleteRegisteredModel(name: string): Promise<void>;
  setRegisteredModelTag(name: string, tag: KeyValue): Promise<void>;
  deleteRegisteredModelTag(name: string, key: string): Promise<void>;

  /**
   * Creates the next version (1, 2, …) from `source`: `models:/<modelId>` (a logged model: its
   * location, run and flavor), `models:/<name>/<version>`, `models:/<name>@<alias>`,
   * `runs:/<runId>/<path>` or any URI.
   */
  createModelVersion(
    name: string,
    source: string,
    options?: CreateModelVersionOptions,
  ): Promise<ModelVersion>;
  getModelVersion(name: string, version: ModelVersionNumber): Promise<ModelVersion>;
  searchModelVersions(options?: SearchModelRegistryOptions): Promise<PagedList<ModelVersion>>;
  updateModelVersion(
    name: string,
    version: ModelVersionNumber,
    description: string | null,
  ): Promise<ModelVersion>;
  /** Archives the version and drops the aliases pointing at it. */
  deleteModelVersion(name: string, version: ModelVersionNumber): Promise<void>;
  setModelVersionTag(name: string, version: ModelVersionNumber, tag: KeyValue): Promise<void>;
  deleteModelVersionTag(name: string, version: ModelVersionNumber, key: string): Promise<void>;
  setRegisteredModelAlias(name: string, alias: string, version: ModelVersionNumber): Promise<void>;
  deleteRegisteredModelAlias(name: string, alias: string): Promise<void>;
  getModelVersionByAlias(name: string, alias: string): Promise<ModelVersion>;
  /** Where the version's files are: its model artifact's `uri`, else its source. */
  getModelVersionDownloadUri(name: string, version: ModelVersionNumber): Promise<string>;
}
