import {
  type MetadataValue,
  type ModelArtifact,
  type ModelArtifactCreate,
  type ModelVersionCreate,
  REGISTRY_API_PREFIX as P,
  type ModelVersion as RegistryModelVersion,
  type RegisteredModel as RegistryRegisteredModel,
  retryMode,
} from "@model-registry/registry-client";
import { customPropertyText, stringCustomProperties } from "../mapping/custom-property-text.js";
import { resendable, tagList } from "../mapping/tag.js";
import { MlflowError } from "../mlflow-error.js";
import { registryCall } from "../operations/registry-call.js";
import { ARTIFACT, MODEL_VERSION } from "../operations/response-shapes.js";
import type { StoreContext } from "../store-context.js";
import { checkTagName } from "../validation/validate-key-name.js";
import {
  validateModelAlias,
  validateModelVersion,
  validateModelVersionTag,
  validateRegisteredModelName,
} from "../validation/validate-model-registry.js";
import type {
  CreateModelVersionOptions,
  MlflowModelRegistryStore,
  ModelFormat,
  ModelVersion,
} from "./model-registry-types.js";
import { resolveModelSource } from "./model-source.js";
import { modelLock, patchRegisteredModel } from "./registered-model-operations.js";
import {
  listVersionsOf,
  requireLiveModel,
  requireLiveVersion,
  toMlflowVersions,
  versionArtifact,
} from "./registry-access.js";
import {
  checkTagKeyNotReserved,
  modelAliases,
  REGISTRY_KEYS,
  RESERVED_VERSION_KEYS,
  structSafeProperties,
  toMlflowModelVersion,
  withAliases,
} from "./registry-layout.js";

/** Version numbers tried by one createModelVersion before it gives up (each 409 tries the next). */
const CREATE_ATTEMPTS = 10;

type ModelVersionOperations = Pick<
  MlflowModelRegistryStore,
  | "createModelVersion"
  | "getModelVersion"
  | "updateModelVersion"
  | "deleteModelVersion"
  | "setModelVersionTag"
  | "deleteModelVersionTag"
  | "getModelVersionByAlias"
  | "getModelVersionDownloadUri"
>;

function nextVersionNumber(versions: readonly RegistryModelVersion[]): number {
  let max = 0;
  for (const { name } of versions) {
    if (/^\d+$/.test(name) && Number(name) > max) max = Number(name);
  }
  return max + 1;
}

/** A caller-given model format, checked: a non-empty name, an optional non-empty version. */
function validModelFormat(format: ModelFormat | undefined): ModelFormat | undefined {
  if (format === undefined) return undefined;
  const { name, version } = format ?? {};
  if (
    typeof name !== "string" ||
    name === "" ||
    (version !== undefined && (typeof version !== "string" || version === ""))
  ) {
    throw MlflowError.invalidParameterValue(
      "Invalid modelFormat: it must be { name: string, version?: string } with non-empty values.",
    );
  }
  return version === undefined ? { name } : { name, version };
}

function isConflict(error: unknown): boolean {
  return (error as MlflowError | undefined)?.errorCode === "RESOURCE_ALREADY_EXISTS";
}

/** Model-version operations: create, get, update, delete, tags, alias lookup, download URI. @internal */
export function createModelVersionOperations(ctx: StoreContext): ModelVersionOperations {
  async function patchVersion(
    version: RegistryModelVersion,
    body: { description?: string; customProperties?: Record<string, MetadataValue> },
    what: string,
    state?: "LIVE" | "ARCHIVED",
  ): Promise<RegistryModelVersion> {
    return registryCall(
      what,
      MODEL_VERSION,
      ctx.client.PATCH(`${P}/model_versions/{modelversionId}`, {
        params: { path: { modelversionId: version.id ?? "" } },
        body: { ...body, state: state ?? version.state ?? "LIVE" },
      }),
    );
  }

  async function lookup(
    name: string,
    versionArg: string | number,
    what: string,
  ): Promise<{ model: RegistryRegisteredModel; version: RegistryModelVersion }> {
    validateRegisteredModelName(name);
    const versionName = validateModelVersion(versionArg);
    const model = await requireLiveModel(ctx, name, what);
    return { model, version: await requireLiveVersion(ctx, model, versionName, what) };
  }

  async function read(
    model: RegistryRegisteredModel,
    version: RegistryModelVersion,
    what: string,
  ): Promise<ModelVersion> {
    const [mapped] = await toMlflowVersions(ctx, [{ version, model }], what);
    return mapped as ModelVersion;
  }

  /**
   * Posts the version's model artifact: named after the registered model (the Python client's
   * layout, which its `get_model_artifact` looks up), `uri` = where the files are, the format from
   * the MLflow flavor. The name is unique under the version, so a repeated POST after a lost
   * response answers 409 and the stored artifact is used.
   */
  async function postArtifact(
    model: RegistryRegisteredModel,
    version: RegistryModelVersion,
    body: ModelArtifactCreate,
    what: string,
  ): Promise<ModelArtifact> {
    try {
      return (await registryCall(
        what,
        ARTIFACT,
        ctx.client.POST(`${P}/model_versions/{modelversionId}/artifacts`, {
          params: { path: { modelversionId: version.id ?? "" } },
          body,
          headers: retryMode("idempotent"),
        }),
      )) as ModelArtifact;
    } catch (error) {
      if (!isConflict(error)) throw error;
      const landed = await versionArtifact(ctx, version, model, what);
      if (landed === null || landed.name !== body.name) throw error;
      return landed;
    }
  }

  /**
   * MLflow's create_model_version: the next integer version (one more than the highest integer
   * version name, archived versions included, as MLflow never reuses numbers), then its model
   * artifact. Two creators racing for a number meet the registry's unique (model, name) key: the
   * loser gets a 409 and takes the next number. When the artifact cannot be written the version
   * is archived (marked FAILED_REGISTRATION) and the error is thrown.
   */
  async function createModelVersion(
    name: string,
    source: string,
    options: CreateModelVersionOptions = {},
  ): Promise<ModelVersion> {
    validateRegisteredModelName(name);
    if (typeof source !== "string" || source === "") {
      throw MlflowError.invalidParameterValue("Missing value for required parameter 'source'.");
    }
    const tags: Record<string, string> = {};
    for (const tag of tagList(options.tags)) {
      const valid = validateModelVersionTag(tag);
      checkTagKeyNotReserved(valid.key, RESERVED_VERSION_KEYS);
      tags[valid.key] = valid.value;
    }
    const modelFormat = validModelFormat(options.modelFormat);
    const what = "createModelVersion";
    return ctx.exclusive(`model-versions:${name}`, async () => {
      const [{ model, versions }, resolved] = await Promise.all([
        (async () => {
          const found = await requireLiveModel(ctx, name, what);
          return { model: found, versions: await listVersionsOf(ctx, found.id ?? "", what) };
        })(),
        resolveModelSource(ctx, source, what, { needsFormat: modelFormat === undefined }),
      ]);
      const format = modelFormat ?? resolved.format;
      const runId = options.runId ?? resolved.runId;
      const properties = stringCustomProperties({
        ...tags,
        [REGISTRY_KEYS.source]: source,
        ...(runId !== undefined ? { [REGISTRY_KEYS.runId]: runId } : {}),
        ...(options.runLink !== undefined ? { [REGISTRY_KEYS.runLink]: options.runLink } : {}),
        ...(resolved.modelId !== undefined ? { [REGISTRY_KEYS.modelId]: resolved.modelId } : {}),
      });
      let number = nextVersionNumber(versions);
      let created: RegistryModelVersion | undefined;
      for (let attempt = 1; created === undefined; attempt++) {
        const body: ModelVersionCreate = {
          name: String(number),
          registeredModelId: model.id ?? "",
          state: "LIVE",
          ...(options.userId !== undefined ? { author: options.userId } : {}),
          ...(options.description !== undefined ? { description: options.description } : {}),
          customProperties: properties,
        };
        try {
          created = await registryCall(
            what,
            MODEL_VERSION,
            ctx.client.POST(`${P}/model_versions`, { body }),
          );
        } catch (error) {
          if (!isConflict(error)) throw error;
          if (attempt >= CREATE_ATTEMPTS) {
            throw new MlflowError(
              `Model Version creation error (name=${name}). Giving up after ${CREATE_ATTEMPTS} attempts.`,
              "RESOURCE_CONFLICT",
              { cause: error },
            );
          }
          number += 1;
        }
      }
      const artifactBody: ModelArtifactCreate = {
        artifactType: "model-artifact",
        name: model.name,
        uri: resolved.storageLocation,
        state: "LIVE",
        ...(format !== undefined ? { modelFormatName: format.name } : {}),
        ...(format?.version !== undefined ? { modelFormatVersion: format.version } : {}),
      };
      let artifact: ModelArtifact;
      try {
        artifact = await postArtifact(model, created, artifactBody, what);
      } catch (error) {
        await markFailed(created, error, what);
        throw error;
      }
      return toMlflowModelVersion(created, model, artifact);
    });
  }

  /** Archives a version whose registration failed (best effort) so MLflow reads skip it. */
  async function markFailed(
    version: RegistryModelVersion,
    error: unknown,
    what: string,
  ): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    const properties = {
      ...resendable(version.customProperties),
      ...stringCustomProperties({
        [REGISTRY_KEYS.status]: "FAILED_REGISTRATION",
        [REGISTRY_KEYS.statusMessage]: message.slice(0, 1000),
      }),
    };
    await patchVersion(version, { customProperties: properties }, what, "ARCHIVED").catch(
      () => undefined,
    );
  }

  async function updateVersionTags(
    name: string,
    versionArg: string | number,
    what: string,
    change: (properties: Record<string, MetadataValue>) => boolean,
  ): Promise<void> {
    validateRegisteredModelName(name);
    const versionName = validateModelVersion(versionArg);
    await ctx.exclusive(`model-version:${name}\u0000${versionName}`, async () => {
      const { version } = await lookup(name, versionName, what);
      const properties = resendable(version.customProperties);
      if (!change(properties)) return;
      await patchVersion(version, { customProperties: properties }, what);
    });
  }

  return {
    createModelVersion,
    async getModelVersion(name, versionArg) {
      const what = "getModelVersion";
      const { model, version } = await lookup(name, versionArg, what);
      return read(model, version, what);
    },
    async updateModelVersion(name, versionArg, description) {
      const what = "updateModelVersion";
      const { model, version } = await lookup(name, versionArg, what);
      const updated = await patchVersion(
        version,
        { description: description ?? "", ...structSafeProperties(version.customProperties) },
        what,
      );
      return read(model, updated, what);
    },
    async deleteModelVersion(name, versionArg) {
      validateRegisteredModelName(name);
      const what = "deleteModelVersion";
      await ctx.exclusive(modelLock(name), async () => {
        const { model, version } = await lookup(name, versionArg, what);
        await patchVersion(
          version,
          structSafeProperties(version.customProperties),
          what,
          "ARCHIVED",
        );
        const aliases = modelAliases(model);
        const remaining = Object.fromEntries(
          Object.entries(aliases).filter(([, target]) => target !== version.name),
        );
        if (Object.keys(remaining).length === Object.keys(aliases).length) return;
        await patchRegisteredModel(
          ctx,
          model,
          { customProperties: withAliases(resendable(model.customProperties), remaining) },
          what,
        );
      });
    },
    async setModelVersionTag(name, versionArg, tag) {
      const valid = validateModelVersionTag(tag);
      checkTagKeyNotReserved(valid.key, RESERVED_VERSION_KEYS);
      await updateVersionTags(name, versionArg, "setModelVersionTag", (properties) => {
        properties[valid.key] = { metadataType: "MetadataStringValue", string_value: valid.value };
        return true;
      });
    },
    async deleteModelVersionTag(name, versionArg, key) {
      checkTagName(key, "key");
      await updateVersionTags(name, versionArg, "deleteModelVersionTag", (properties) => {
        if (RESERVED_VERSION_KEYS.has(key) || !(key in properties)) return false;
        delete properties[key];
        return true;
      });
    },
    async getModelVersionByAlias(name, alias) {
      validateRegisteredModelName(name);
      validateModelAlias(alias);
      const what = "getModelVersionByAlias";
      const model = await requireLiveModel(ctx, name, what);
      const target = modelAliases(model)[alias];
      if (target === undefined) {
        throw MlflowError.invalidParameterValue(`Registered model alias ${alias} not found.`);
      }
      return read(model, await requireLiveVersion(ctx, model, target, what), what);
    },
    async getModelVersionDownloadUri(name, versionArg) {
      const what = "getModelVersionDownloadUri";
      const { model, version } = await lookup(name, versionArg, what);
      const artifact = await versionArtifact(ctx, version, model, what);
      return (
        artifact?.uri ?? customPropertyText(version.customProperties?.[REGISTRY_KEYS.source]) ?? ""
      );
    },
  };
}
