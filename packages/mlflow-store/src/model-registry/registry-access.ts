import {
  type ModelArtifact,
  REGISTRY_API_PREFIX as P,
  type ModelVersion as RegistryModelVersion,
  type RegisteredModel as RegistryRegisteredModel,
} from "@model-registry/registry-client";
import { mapConcurrent } from "../operations/map-concurrent.js";
import { isNotFound, registryCall } from "../operations/registry-call.js";
import { readAllPages } from "../operations/registry-pages.js";
import {
  ARTIFACT_LIST,
  MODEL_VERSION,
  MODEL_VERSION_LIST,
  REGISTERED_MODEL_LIST,
} from "../operations/response-shapes.js";
import { registryStringLiteral } from "../search/registry-filter.js";
import type { StoreContext } from "../store-context.js";
import type { ModelVersion } from "./model-registry-types.js";
import {
  hasStoredSource,
  mlflowModelName,
  modelVersionNotFound,
  REGISTRY_KEYS,
  registeredModelNotFound,
  toMlflowModelVersion,
} from "./registry-layout.js";

/** Versions read per registry request when a model's versions are listed. @internal */
export const VERSION_PAGE_SIZE = 1000;

function byId(a: { id?: string }, b: { id?: string }): number {
  return Number(a.id) - Number(b.id);
}

/**
 * The registry filter selecting registered models whose registry name or recorded MLflow name is
 * `name` (a necessary condition: MySQL compares case-insensitively), or undefined when the
 * filter grammar cannot carry the name.
 * @internal
 */
export function modelNameFilter(name: string, comparator = "="): string | undefined {
  const literal = registryStringLiteral(name);
  return literal === undefined
    ? undefined
    : `(name ${comparator} ${literal} OR ${REGISTRY_KEYS.modelName} ${comparator} ${literal})`;
}

/** Registered models matching `filterQuery` (every page). @internal */
export async function listRegisteredModels(
  ctx: StoreContext,
  what: string,
  filterQuery: string | undefined,
): Promise<RegistryRegisteredModel[]> {
  return readAllPages(ctx, what, REGISTERED_MODEL_LIST, (nextPageToken) =>
    ctx.client.GET(`${P}/registered_models`, {
      params: {
        query: {
          pageSize: String(VERSION_PAGE_SIZE),
          ...(filterQuery === undefined ? {} : { filterQuery }),
          ...(nextPageToken ? { nextPageToken } : {}),
        },
      },
    }),
  );
}

/**
 * Every registry model whose registry name (compared as the registry compares it) or MLflow name
 * is `name`, any state. One request.
 * @internal
 */
export async function findModelsByAnyName(
  ctx: StoreContext,
  name: string,
  what: string,
): Promise<RegistryRegisteredModel[]> {
  const models = await listRegisteredModels(ctx, what, modelNameFilter(name));
  return models.filter(
    (model) => mlflowModelName(model) === name || model.name.toLowerCase() === name.toLowerCase(),
  );
}

/**
 * The registry models whose MLflow name is `name`, oldest first; with `liveOnly`, archived
 * (deleted) ones are left out. One request.
 * @internal
 */
export async function findModelsByName(
  ctx: StoreContext,
  name: string,
  what: string,
  options: { liveOnly: boolean },
): Promise<RegistryRegisteredModel[]> {
  const parts = [modelNameFilter(name), options.liveOnly ? 'state = "LIVE"' : undefined].filter(
    (part): part is string => part !== undefined,
  );
  const models = await listRegisteredModels(
    ctx,
    what,
    parts.length > 0 ? parts.join(" AND ") : undefined,
  );
  return models
    .filter((model) => mlflowModelName(model) === name)
    .filter((model) => !options.liveOnly || model.state !== "ARCHIVED")
    .sort(byId);
}

/** The live registered model with MLflow name `name`; RESOURCE_DOES_NOT_EXIST otherwise. @internal */
export async function requireLiveModel(
  ctx: StoreContext,
  name: string,
  what: string,
): Promise<RegistryRegisteredModel> {
  const [model] = await findModelsByName(ctx, name, what, { liveOnly: true });
  if (model === undefined) throw registeredModelNotFound(name);
  return model;
}

/** Every version of a registry model (live and archived), every page. @internal */
export async function listVersionsOf(
  ctx: StoreContext,
  modelId: string,
  what: string,
  filterQuery?: string,
): Promise<RegistryModelVersion[]> {
  return readAllPages(ctx, what, MODEL_VERSION_LIST, (nextPageToken) =>
    ctx.client.GET(`${P}/registered_models/{registeredmodelId}/versions`, {
      params: {
        path: { registeredmodelId: modelId },
        query: {
          pageSize: String(VERSION_PAGE_SIZE),
          ...(filterQuery === undefined ? {} : { filterQuery }),
          ...(nextPageToken ? { nextPageToken } : {}),
        },
      },
    }),
  );
}

/** Versions of any model matching `filterQuery` (every page). @internal */
export async function listModelVersions(
  ctx: StoreContext,
  what: string,
  filterQuery: string,
): Promise<RegistryModelVersion[]> {
  return readAllPages(ctx, what, MODEL_VERSION_LIST, (nextPageToken) =>
    ctx.client.GET(`${P}/model_versions`, {
      params: {
        query: {
          pageSize: String(VERSION_PAGE_SIZE),
          filterQuery,
          ...(nextPageToken ? { nextPageToken } : {}),
        },
      },
    }),
  );
}

/**
 * The live version `version` of `model`; RESOURCE_DOES_NOT_EXIST when absent or archived. One
 * request (the find endpoint matches with SQL `LIKE`, so an answer that is not exactly this
 * version, or none for a name with `%`/`_`, falls back to listing the model's versions).
 * @internal
 */
export async function requireLiveVersion(
  ctx: StoreContext,
  model: RegistryRegisteredModel,
  version: string,
  what: string,
): Promise<RegistryModelVersion> {
  const modelId = model.id ?? "";
  let found: RegistryModelVersion | undefined;
  try {
    found = await registryCall(
      what,
      MODEL_VERSION,
      ctx.client.GET(`${P}/model_version`, {
        params: { query: { name: version, parentResourceId: modelId } },
      }),
    );
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  if (found?.name !== version && (found !== undefined || /[%_]/.test(version))) {
    found = (await listVersionsOf(ctx, modelId, what)).find((item) => item.name === version);
  }
  if (found === undefined || found.name !== version || found.state === "ARCHIVED") {
    throw modelVersionNotFound(mlflowModelName(model), version);
  }
  return found;
}

/**
 * The version's model artifact: the one named after the registered model (the layout of the
 * Python client and of this store), else the first. One request.
 * @internal
 */
export async function versionArtifact(
  ctx: StoreContext,
  version: RegistryModelVersion,
  model: RegistryRegisteredModel,
  what: string,
): Promise<ModelArtifact | null> {
  const list = await registryCall(
    what,
    ARTIFACT_LIST,
    ctx.client.GET(`${P}/model_versions/{modelversionId}/artifacts`, {
      params: {
        path: { modelversionId: version.id ?? "" },
        query: { artifactType: "model-artifact", pageSize: "100" },
      },
    }),
  );
  const artifacts = list.items.filter(
    (item): item is ModelArtifact => item.artifactType === "model-artifact",
  );
  return artifacts.find((artifact) => artifact.name === model.name) ?? artifacts[0] ?? null;
}

/**
 * MLflow versions for registry versions. Versions created through MLflow carry their source;
 * the others (registered by the Python client or the dashboard) read it from their model
 * artifact: one request each, at most `ctx.concurrency` at a time. No bulk query maps artifacts
 * to their versions.
 * @internal
 */
export async function toMlflowVersions(
  ctx: StoreContext,
  entries: readonly { version: RegistryModelVersion; model: RegistryRegisteredModel }[],
  what: string,
): Promise<ModelVersion[]> {
  return mapConcurrent(entries, ctx.concurrency, async ({ version, model }) =>
    toMlflowModelVersion(
      version,
      model,
      hasStoredSource(version) ? null : await versionArtifact(ctx, version, model, what),
    ),
  );
}
