import { encodeCustomProperties } from "../codec/custom-properties.js";
import { REGISTRY_API_PREFIX as P } from "../constants.js";
import { createRegistryClient, type RegistryClient } from "../create-registry-client.js";
import { isRegistryHttpError, RegistryError } from "../errors.js";
import { paginate } from "../paginate.js";
import { retryMode } from "../transport/retry-mode.js";
import type {
  MetadataValue,
  ModelArtifact,
  ModelArtifactCreate,
  ModelVersion,
  ModelVersionCreate,
  RegisteredModel,
} from "../types.js";
import { unwrap } from "../unwrap.js";
import {
  decodeProperties,
  MODEL_ARTIFACT_SOURCE_FIELDS,
  modelArtifactUpdate,
  modelVersionUpdate,
  registeredModelUpdate,
  toModelArtifactEntity,
  toModelVersionEntity,
  toRegisteredModelEntity,
} from "./entities.js";
import { findModelVersion, findRegisteredModel, findVersionArtifact } from "./find-entities.js";
import type {
  ModelRegistry,
  ModelRegistryEntity,
  ModelRegistryListOptions,
  ModelRegistryOptions,
  ModelVersionEntity,
  RegisteredModelEntity,
  RegisterModelOptions,
} from "./model-registry-types.js";
import { invalidArgument, requireRegisterOptions, requireText } from "./require-text.js";

function modelNotFound(name: string): RegistryError {
  return new RegistryError(`Model ${name} does not exist`, { code: "NOT_FOUND" });
}

function versionNotFound(name: string, version: string): RegistryError {
  return new RegistryError(`Version ${version} of model ${name} does not exist`, {
    code: "NOT_FOUND",
  });
}

function isConflict(error: unknown): boolean {
  return isRegistryHttpError(error) && error.status === 409;
}

function clientFor(options: ModelRegistryOptions): RegistryClient {
  const { client, author: _author, ...clientOptions } = options;
  const given = Object.entries(clientOptions).filter(([, value]) => value !== undefined);
  if (client !== undefined) {
    if (given.length > 0) {
      throw new RegistryError(
        `createModelRegistry: pass either a ready client or client options, not both (got ${given.map(([k]) => k).join(", ")})`,
        { code: "INVALID_OPTIONS" },
      );
    }
    return client;
  }
  if (typeof clientOptions.baseUrl !== "string") {
    throw new RegistryError("createModelRegistry: give `baseUrl` or a ready `client`", {
      code: "INVALID_OPTIONS",
    });
  }
  return createRegistryClient({ ...clientOptions, baseUrl: clientOptions.baseUrl });
}

/**
 * Creates the registry-native client, the TypeScript counterpart of the Python `model-registry`
 * package's `ModelRegistry`: `registerModel`, `getRegisteredModel`, `getModelVersion`,
 * `getModelArtifact`, the `getRegisteredModels` / `getModelVersions` iterators, `update` and the
 * archive operations. It writes what the Python client writes, request for request.
 * @example
 * const registry = createModelRegistry({ baseUrl: "https://registry.example", author: "ada" });
 * await registry.registerModel("churn", "s3://models/churn/1", {
 *   version: "1.0.0", modelFormatName: "onnx", modelFormatVersion: "1",
 * });
 * @public
 */
export function createModelRegistry(options: ModelRegistryOptions): ModelRegistry {
  requireText(options?.author, "author");
  const author = options.author;
  const client = clientFor(options);

  async function requireModel(name: string): Promise<RegisteredModel> {
    requireText(name, "name");
    const model = await findRegisteredModel(client, name);
    if (model === null) throw modelNotFound(name);
    return model;
  }

  async function requireVersion(name: string, version: string): Promise<ModelVersion> {
    requireText(version, "version");
    const model = await requireModel(name);
    const found = await findModelVersion(client, model.id ?? "", version);
    if (found === null) throw versionNotFound(name, version);
    return found;
  }

  /** Finds the registered model or creates it (a concurrent creator's model is used). */
  async function upsertRegisteredModel(name: string, owner: string): Promise<RegisteredModel> {
    const existing = await findRegisteredModel(client, name);
    if (existing !== null) return existing;
    try {
      return await unwrap(
        client.POST(`${P}/registered_models`, { body: { name, owner, state: "LIVE" } }),
      );
    } catch (error) {
      if (!isConflict(error)) throw error;
      const created = await findRegisteredModel(client, name);
      if (created === null) throw error;
      return created;
    }
  }

  async function createVersion(
    model: RegisteredModel,
    name: string,
    options: RegisterModelOptions,
  ): Promise<ModelVersion> {
    const metadata = Object.fromEntries(
      Object.entries(options.metadata ?? {}).filter(([, value]) => value !== undefined),
    );
    const body: ModelVersionCreate = {
      name: options.version,
      registeredModelId: model.id ?? "",
      author: options.author ?? author,
      state: "LIVE",
      ...(options.versionDescription !== undefined
        ? { description: options.versionDescription }
        : {}),
      ...(Object.keys(metadata).length > 0
        ? { customProperties: encodeCustomProperties(metadata) }
        : {}),
    };
    try {
      return await unwrap(client.POST(`${P}/model_versions`, { body }));
    } catch (error) {
      if (!isConflict(error)) throw error;
      throw new RegistryError(`Version ${options.version} of model ${name} already exists`, {
        code: "ALREADY_EXISTS",
        cause: error,
      });
    }
  }

  /**
   * Posts the version's model artifact. The artifact name is unique under its version, so the
   * POST may be repeated after a lost response: a 409 means the first attempt landed.
   */
  async function createArtifact(
    version: ModelVersion,
    name: string,
    uri: string,
    options: RegisterModelOptions,
  ): Promise<ModelArtifact> {
    const body: ModelArtifactCreate = {
      artifactType: "model-artifact",
      name,
      uri,
      state: "UNKNOWN",
      modelFormatName: options.modelFormatName,
      modelFormatVersion: options.modelFormatVersion,
    };
    for (const field of MODEL_ARTIFACT_SOURCE_FIELDS) {
      const value = options[field];
      if (value !== undefined) body[field] = value;
    }
    const versionId = version.id ?? "";
    try {
      const created = await unwrap(
        client.POST(`${P}/model_versions/{modelversionId}/artifacts`, {
          params: { path: { modelversionId: versionId } },
          body,
          headers: retryMode("idempotent"),
        }),
      );
      return created as ModelArtifact;
    } catch (error) {
      if (!isConflict(error)) throw error;
      const landed = await findVersionArtifact(client, versionId, [name]);
      if (landed === null || landed.name !== name) throw error;
      return landed;
    }
  }

  async function registerModel(
    name: string,
    uri: string,
    options: RegisterModelOptions,
  ): Promise<RegisteredModelEntity> {
    requireText(name, "name");
    requireText(uri, "uri");
    requireRegisterOptions(options);
    const model = await upsertRegisteredModel(name, options.owner ?? author);
    const version = await createVersion(model, name, options);
    await createArtifact(version, name, uri, options);
    return toRegisteredModelEntity(model);
  }

  async function* listModels(
    options: ModelRegistryListOptions,
  ): AsyncGenerator<RegisteredModelEntity> {
    for await (const model of paginate(
      client,
      `${P}/registered_models`,
      { params: { query: listQuery(options) } },
      { pageSize: options.pageSize },
    )) {
      yield toRegisteredModelEntity(model);
    }
  }

  async function* listVersions(
    name: string,
    options: ModelRegistryListOptions,
  ): AsyncGenerator<ModelVersionEntity> {
    const model = await requireModel(name);
    for await (const version of paginate(
      client,
      `${P}/registered_models/{registeredmodelId}/versions`,
      { params: { path: { registeredmodelId: model.id ?? "" }, query: listQuery(options) } },
      { pageSize: options.pageSize },
    )) {
      yield toModelVersionEntity(version);
    }
  }

  async function update<T extends ModelRegistryEntity>(entity: T): Promise<T> {
    if (typeof entity !== "object" || entity === null) {
      throw invalidArgument("update needs an entity");
    }
    requireText(entity.id, "the entity's id");
    switch (entity.kind) {
      case "registered-model":
        return toRegisteredModelEntity(
          await unwrap(
            client.PATCH(`${P}/registered_models/{registeredmodelId}`, {
              params: { path: { registeredmodelId: entity.id } },
              body: registeredModelUpdate(entity),
            }),
          ),
        ) as T;
      case "model-version":
        return toModelVersionEntity(
          await unwrap(
            client.PATCH(`${P}/model_versions/{modelversionId}`, {
              params: { path: { modelversionId: entity.id } },
              body: modelVersionUpdate(entity),
            }),
          ),
        ) as T;
      case "model-artifact":
        return toModelArtifactEntity(
          await unwrap(
            client.PATCH(`${P}/model_artifacts/{modelartifactId}`, {
              params: { path: { modelartifactId: entity.id } },
              body: modelArtifactUpdate(entity),
            }),
          ),
        ) as T;
      default:
        throw invalidArgument(
          `update needs an entity returned by this client (kind "registered-model", "model-version" or "model-artifact"), got kind ${JSON.stringify((entity as { kind?: unknown }).kind)}`,
        );
    }
  }

  async function setModelState(
    name: string,
    state: "LIVE" | "ARCHIVED",
  ): Promise<RegisteredModelEntity> {
    const model = await requireModel(name);
    return toRegisteredModelEntity(
      await unwrap(
        client.PATCH(`${P}/registered_models/{registeredmodelId}`, {
          params: { path: { registeredmodelId: model.id ?? "" } },
          body: { state, ...structSafeProperties(model.customProperties) },
        }),
      ),
    );
  }

  async function setVersionState(
    name: string,
    versionName: string,
    state: "LIVE" | "ARCHIVED",
  ): Promise<ModelVersionEntity> {
    const version = await requireVersion(name, versionName);
    return toModelVersionEntity(
      await unwrap(
        client.PATCH(`${P}/model_versions/{modelversionId}`, {
          params: { path: { modelversionId: version.id ?? "" } },
          body: { state, ...structSafeProperties(version.customProperties) },
        }),
      ),
    );
  }

  return {
    client,
    author,
    registerModel,
    async getRegisteredModel(name) {
      requireText(name, "name");
      const model = await findRegisteredModel(client, name);
      return model === null ? null : toRegisteredModelEntity(model);
    },
    async getModelVersion(name, version) {
      requireText(version, "version");
      const model = await requireModel(name);
      const found = await findModelVersion(client, model.id ?? "", version);
      return found === null ? null : toModelVersionEntity(found);
    },
    async getModelArtifact(name, versionName) {
      const version = await requireVersion(name, versionName);
      const artifact = await findVersionArtifact(client, version.id ?? "", [name, versionName]);
      return artifact === null ? null : toModelArtifactEntity(artifact);
    },
    getRegisteredModels: (opts = {}) => listModels(opts),
    getModelVersions: (name, opts = {}) => listVersions(name, opts),
    update,
    archiveRegisteredModel: (name) => setModelState(name, "ARCHIVED"),
    restoreRegisteredModel: (name) => setModelState(name, "LIVE"),
    archiveModelVersion: (name, version) => setVersionState(name, version, "ARCHIVED"),
    restoreModelVersion: (name, version) => setVersionState(name, version, "LIVE"),
  };
}

/**
 * The custom properties a state PATCH must carry: none, unless a struct value is stored (the
 * registry would re-read its JSON text as base64 and answer 400), then the whole map re-encoded.
 */
function structSafeProperties(map: Record<string, MetadataValue> | undefined): {
  customProperties?: Record<string, MetadataValue>;
} {
  const values = Object.values(map ?? {});
  if (!values.some((value) => value.metadataType === "MetadataStructValue")) return {};
  return { customProperties: encodeCustomProperties(decodeProperties(map)) };
}

function listQuery(options: ModelRegistryListOptions): Record<string, string> {
  return {
    ...(options.orderBy !== undefined ? { orderBy: options.orderBy } : {}),
    sortOrder: options.sortOrder ?? "ASC",
  };
}
