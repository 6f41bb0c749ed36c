import { isMlflowError } from "../mlflow-error.js";
import type { StoreContext } from "../store-context.js";
import type { MlflowStore } from "../types.js";
import { createExperimentOperation } from "./create-experiment.js";
import { findExperimentsByName } from "./experiment-access.js";

/** MLflow's id of the default experiment. @public */
export const DEFAULT_EXPERIMENT_ID = "0";
/** MLflow's name of the default experiment. @public */
export const DEFAULT_EXPERIMENT_NAME = "Default";

const resolving = new WeakMap<StoreContext, Promise<string>>();

async function findDefault(ctx: StoreContext, what: string): Promise<string | undefined> {
  const [oldest] = await findExperimentsByName(ctx, DEFAULT_EXPERIMENT_NAME, what);
  return oldest?.id;
}

/**
 * The registry id of MLflow's default experiment: the registry experiment named `Default` (the
 * oldest, if several), created on first use as MLflow's SQL store creates it. A concurrent create
 * by another process is tolerated. Remembered per store once known.
 */
function defaultExperimentId(ctx: StoreContext, what: string): Promise<string> {
  let pending = resolving.get(ctx);
  if (pending === undefined) {
    pending = (async () => {
      const existing = await findDefault(ctx, what);
      if (existing !== undefined) return existing;
      try {
        return await createExperimentOperation(ctx)(DEFAULT_EXPERIMENT_NAME);
      } catch (error) {
        if (!isMlflowError(error) || error.errorCode !== "RESOURCE_ALREADY_EXISTS") throw error;
        const created = await findDefault(ctx, what);
        if (created === undefined) throw error;
        return created;
      }
    })();
    resolving.set(ctx, pending);
    // Only a found id is remembered: a failed lookup is tried again next time.
    pending.catch(() => resolving.delete(ctx));
  }
  return pending;
}

/** `experimentId`, with MLflow's default experiment `"0"` resolved to its registry id. @internal */
export function resolveExperimentId(
  ctx: StoreContext,
  experimentId: string,
  what: string,
): Promise<string> | string {
  return experimentId === DEFAULT_EXPERIMENT_ID ? defaultExperimentId(ctx, what) : experimentId;
}

async function resolveAll(ctx: StoreContext, ids: string[], what: string): Promise<string[]> {
  if (!ids.includes(DEFAULT_EXPERIMENT_ID)) return ids;
  const resolved = await defaultExperimentId(ctx, what);
  return ids.map((id) => (id === DEFAULT_EXPERIMENT_ID ? resolved : id));
}

type ExperimentIdMethods = Pick<
  MlflowStore,
  | "getExperiment"
  | "deleteExperiment"
  | "restoreExperiment"
  | "renameExperiment"
  | "setExperimentTag"
  | "deleteExperimentTag"
  | "createRun"
  | "searchRuns"
  | "searchDatasets"
  | "createLoggedModel"
  | "searchLoggedModels"
>;

/**
 * Wraps the store operations that take experiment ids so that MLflow's default experiment id
 * `"0"` means the registry experiment named `Default` (the registry cannot hold id 0). Results
 * carry the registry id.
 * @internal
 */
export function withDefaultExperiment(
  ctx: StoreContext,
  store: ExperimentIdMethods,
): ExperimentIdMethods {
  // Anything that is not an id passes through unchanged, for the operation's own validation.
  const one = async <T>(id: T, what: string): Promise<T> =>
    (typeof id === "string" ? await resolveExperimentId(ctx, id, what) : id) as T;
  const withId = async <T extends { experimentId: string }>(input: T, what: string) =>
    typeof input?.experimentId === "string"
      ? { ...input, experimentId: await one(input.experimentId, what) }
      : input;
  const withIds = async <T extends { experimentIds: string[] }>(options: T, what: string) =>
    Array.isArray(options?.experimentIds)
      ? { ...options, experimentIds: await resolveAll(ctx, options.experimentIds, what) }
      : options;
  return {
    getExperiment: async (id) => store.getExperiment(await one(id, "getExperiment")),
    deleteExperiment: async (id) => store.deleteExperiment(await one(id, "deleteExperiment")),
    restoreExperiment: async (id) => store.restoreExperiment(await one(id, "restoreExperiment")),
    renameExperiment: async (id, name) =>
      store.renameExperiment(await one(id, "renameExperiment"), name),
    setExperimentTag: async (id, tag) =>
      store.setExperimentTag(await one(id, "setExperimentTag"), tag),
    deleteExperimentTag: async (id, key) =>
      store.deleteExperimentTag(await one(id, "deleteExperimentTag"), key),
    createRun: async (input) => store.createRun(await withId(input, "createRun")),
    searchRuns: async (options) => store.searchRuns(await withIds(options, "searchRuns")),
    searchDatasets: async (ids) =>
      store.searchDatasets(Array.isArray(ids) ? await resolveAll(ctx, ids, "searchDatasets") : ids),
    createLoggedModel: async (input) =>
      store.createLoggedModel(await withId(input, "createLoggedModel")),
    searchLoggedModels: async (options) =>
      store.searchLoggedModels(await withIds(options, "searchLoggedModels")),
  };
}
