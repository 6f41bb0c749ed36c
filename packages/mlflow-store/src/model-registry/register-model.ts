import { joinArtifactPath } from "../artifacts/artifact-path.js";
import type { MlflowClient } from "../client/mlflow-client.js";
import { isMlflowError, MlflowError } from "../mlflow-error.js";
import { MLMODEL_FILE_NAME } from "../models/model-constants.js";
import type { LoggedModel, PagedList, Run } from "../types.js";
import type {
  ModelVersion,
  RegisteredModel,
  SearchModelRegistryOptions,
} from "./model-registry-types.js";
import { parseModelsUri, parseRunsUri } from "./model-source.js";

/** The logged-model tag listing the versions registered from it (MLflow's `mlflow.modelVersions`). @internal */
export const MODEL_VERSIONS_TAG = "mlflow.modelVersions";

/** The logged model named `name` that `run` produced (the one at the largest step), or undefined. */
async function loggedModelOfRun(
  client: MlflowClient,
  run: Run,
  name: string,
): Promise<LoggedModel | undefined> {
  const runId = run.info.runId;
  const steps = new Map(run.outputs.modelOutputs.map((output) => [output.modelId, output.step]));
  const found: LoggedModel[] = [];
  let pageToken: string | undefined;
  do {
    const page: PagedList<LoggedModel> = await client.searchLoggedModels(run.info.experimentId, {
      filterString: `source_run_id = '${runId}'`,
      maxResults: 1000,
      ...(pageToken !== undefined ? { pageToken } : {}),
    });
    found.push(...page.items.filter((model) => model.name === name));
    pageToken = page.nextPageToken;
  } while (pageToken);
  const step = (model: LoggedModel) => steps.get(model.modelId) ?? Number.NEGATIVE_INFINITY;
  return found.sort((a, b) => step(b) - step(a) || b.creationTimestamp - a.creationTimestamp)[0];
}

/**
 * MLflow 3's fluent `register_model(model_uri, name)`: creates the registered model when it does
 * not exist, then a version from `modelUri`. For `runs:/<runId>/<path>`: the logged model named
 * `path` that the run produced (the one at the largest step), as `models:/<modelId>`; else, when
 * the run's artifacts hold an MLmodel file at `path`, that directory (source `runs:/…`, format
 * from the MLmodel's flavor); else RESOURCE_DOES_NOT_EXIST with MLflow's message ("Unable to find
 * a logged_model with artifact_path …"). MLflow looks at the run's artifacts first; looking at
 * the registry first needs no access to the run's artifact storage for logged models, and only
 * differs when a run has both. `models:/<modelId>` registers that logged model. A version created
 * from a logged model is recorded in the logged model's `mlflow.modelVersions` tag.
 * @internal
 */
export async function registerModelWith(
  client: MlflowClient,
  modelUri: string,
  name: string,
  options: { tags?: Record<string, unknown> } = {},
): Promise<ModelVersion> {
  try {
    await client.createRegisteredModel(name);
  } catch (error) {
    if (!isMlflowError(error) || error.errorCode !== "RESOURCE_ALREADY_EXISTS") throw error;
  }
  let source = modelUri;
  let runId: string | undefined;
  let modelId: string | undefined;
  let known: LoggedModel | undefined;
  const runs = parseRunsUri(modelUri);
  const models = parseModelsUri(modelUri);
  if (runs !== undefined) {
    runId = runs.runId;
    // getRun also tells the client the run's artifact URI, so a listing costs no registry request
    const run = await client.getRun(runs.runId);
    const logged = await loggedModelOfRun(client, run, runs.path);
    if (logged !== undefined) {
      known = logged;
      modelId = logged.modelId;
      source = `models:/${modelId}`;
    } else {
      const mlmodel = joinArtifactPath(runs.path, MLMODEL_FILE_NAME);
      const listed = await client.listArtifacts(runs.runId, runs.path);
      if (!listed.some((file) => file.path === mlmodel && !file.isDir)) {
        throw new MlflowError(
          `Unable to find a logged_model with artifact_path ${runs.path} under run ${runs.runId}`,
          "RESOURCE_DOES_NOT_EXIST",
        );
      }
    }
  } else if (models?.kind === "logged-model") {
    modelId = models.modelId;
  }
  const version = await client.createModelVersion(name, source, {
    ...(runId !== undefined ? { runId } : {}),
    ...(options.tags !== undefined ? { tags: options.tags } : {}),
  });
  if (modelId !== undefined) {
    const model = known ?? (await client.getLoggedModel(modelId));
    let registered: unknown[] = [];
    try {
      const parsed: unknown = JSON.parse(model.tags[MODEL_VERSIONS_TAG] ?? "[]");
      if (Array.isArray(parsed)) registered = parsed;
    } catch {
      registered = [];
    }
    registered.push({ name: version.name, version: version.version });
    await client.setLoggedModelTags(modelId, { [MODEL_VERSIONS_TAG]: JSON.stringify(registered) });
  }
  return version;
}

/** Every page of a model-registry search, up to `maxResults` items. @internal */
export async function searchAll<T>(
  search: (options: SearchModelRegistryOptions) => Promise<PagedList<T>>,
  options: Omit<SearchModelRegistryOptions, "pageToken">,
  pageSize: number,
): Promise<T[]> {
  const limit = options.maxResults ?? Number.POSITIVE_INFINITY;
  const items: T[] = [];
  let pageToken: string | undefined;
  do {
    const page = await search({
      ...options,
      maxResults: Math.min(pageSize, limit - items.length),
      ...(pageToken !== undefined ? { pageToken } : {}),
    });
    items.push(...page.items);
    pageToken = page.nextPageToken;
  } while (pageToken && items.length < limit);
  return items;
}

/** The fluent API's model-registry functions (MLflow's `mlflow.register_model` and searches). @public */
export interface FluentModelRegistry {
  /**
   * Creates the registered model `name` when needed and a new version from `modelUri`
   * (`runs:/<runId>/<path>`, `models:/<modelId>`, or any URI).
   */
  registerModel(
    modelUri: string,
    name: string,
    options?: { tags?: Record<string, unknown> },
  ): Promise<ModelVersion>;
  /** Every matching registered model (all pages, at most `maxResults`). */
  searchRegisteredModels(
    options?: Omit<SearchModelRegistryOptions, "pageToken">,
  ): Promise<RegisteredModel[]>;
  /** Every matching model version (all pages, at most `maxResults`). */
  searchModelVersions(
    options?: Omit<SearchModelRegistryOptions, "pageToken">,
  ): Promise<ModelVersion[]>;
}

/** The fluent model-registry functions over the client `getClient` returns. @internal */
export function createFluentModelRegistry(getClient: () => MlflowClient): FluentModelRegistry {
  return {
    registerModel: (modelUri, name, options) =>
      registerModelWith(getClient(), modelUri, name, options),
    searchRegisteredModels: (options = {}) => {
      const client = getClient();
      return searchAll((o) => client.searchRegisteredModels(o), options, 100);
    },
    searchModelVersions: (options = {}) => {
      const client = getClient();
      return searchAll((o) => client.searchModelVersions(o), options, 200_000);
    },
  };
}
