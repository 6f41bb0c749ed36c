import type {
  ExperimentCreate,
  MetadataValue,
  Experiment as RegistryExperiment,
} from "@model-registry/registry-client";
import {
  EXPERIMENT_NAME_PROPERTY,
  experimentDescription,
  experimentName,
  toMlflowExperiment,
} from "../mapping/experiment.js";
import { customPropertiesFromTags, resendable, tagRecord } from "../mapping/tag.js";
import { MlflowError } from "../mlflow-error.js";
import type { StoreContext } from "../store-context.js";
import type { Experiment, KeyValue, MlflowStore } from "../types.js";
import {
  experimentNotFound,
  fetchExperiment,
  findExperimentsByName,
  rememberExperiment,
} from "./experiment-access.js";
import { registryCall } from "./registry-call.js";
import { API } from "./registry-paths.js";
import { cascadeRunLifecycle } from "./run-lifecycle.js";
import { searchExperiments } from "./search-experiments.js";
import { validateExperimentCreate, validateExperimentTag } from "./validate.js";

type ExperimentOperations = Pick<
  MlflowStore,
  | "createExperiment"
  | "getExperiment"
  | "getExperimentByName"
  | "searchExperiments"
  | "deleteExperiment"
  | "restoreExperiment"
  | "renameExperiment"
  | "setExperimentTag"
  | "deleteExperimentTag"
>;

/** Longest MLflow name stored as the registry name as is (the registry column holds 255). */
const MAX_REGISTRY_NAME = 200;

function alreadyExists(name: string): MlflowError {
  return new MlflowError(`Experiment(name=${name}) already exists.`, "RESOURCE_ALREADY_EXISTS");
}

function requireActive(experiment: RegistryExperiment, experimentId: string): void {
  if (experiment.state === "ARCHIVED") {
    throw MlflowError.invalidParameterValue(
      `The experiment ${experimentId} must be in the 'active' state. Current state is deleted.`,
    );
  }
}

/** Experiment operations: create/get/search/delete/restore/rename and experiment tags. @internal */
export function createExperimentOperations(ctx: StoreContext): ExperimentOperations {
  async function post(body: ExperimentCreate): Promise<RegistryExperiment> {
    return registryCall("createExperiment", ctx.client.POST(`${API}/experiments`, { body }));
  }

  async function createExperiment(
    name: string,
    options: { artifactLocation?: string; tags?: KeyValue[] | Record<string, string> } = {},
  ): Promise<string> {
    const tags = tagRecord(options.tags);
    validateExperimentCreate(name, options.artifactLocation, tags);
    const body: ExperimentCreate = {
      name,
      description: experimentDescription(name),
      externalId: options.artifactLocation ?? `${ctx.artifactRoot}/experiments/${ctx.randomId()}`,
      state: "LIVE",
      customProperties: customPropertiesFromTags(tags),
    };
    let created: RegistryExperiment;
    try {
      created =
        [...name].length > MAX_REGISTRY_NAME ? await createLongNamed(name, body) : await post(body);
    } catch (error) {
      if ((error as MlflowError).errorCode !== "RESOURCE_ALREADY_EXISTS") throw error;
      created = await createAfterConflict(name, body, error as MlflowError);
    }
    const experiment = toMlflowExperiment(created, ctx.artifactRoot);
    rememberExperiment(ctx, experiment);
    return experiment.experimentId;
  }

  /**
   * Registry names are limited to 255 characters while MLflow allows 500: a long name is stored
   * cut, with a random suffix, and the MLflow name goes into the rename property. The registry
   * cannot detect duplicates then, so the store looks first (one more request).
   */
  async function createLongNamed(
    name: string,
    body: ExperimentCreate,
  ): Promise<RegistryExperiment> {
    if ((await findExperimentsByName(ctx, name, "createExperiment")).length > 0)
      throw alreadyExists(name);
    return post(
      withRegistryName(
        body,
        name,
        `${[...name].slice(0, 180).join("")}~${ctx.randomId().slice(0, 8)}`,
      ),
    );
  }

  /** `body` stored under `registryName`, with its MLflow `name` in the rename property. */
  function withRegistryName(
    body: ExperimentCreate,
    name: string,
    registryName: string,
  ): ExperimentCreate {
    return {
      ...body,
      name: registryName,
      customProperties: {
        ...body.customProperties,
        [EXPERIMENT_NAME_PROPERTY]: { metadataType: "MetadataStringValue", string_value: name },
      },
    };
  }

  /**
   * A 409 means the registry name or the artifact location is taken. When the holder of the name
   * was renamed away (or differs only in case), MLflow allows the name: create under a
   * disambiguated registry name and record the MLflow name as a property.
   */
  async function createAfterConflict(
    name: string,
    body: ExperimentCreate,
    conflict: MlflowError,
  ): Promise<RegistryExperiment> {
    const holders = await findExperimentsByName(ctx, name, "createExperiment");
    if (holders.length > 0) throw alreadyExists(name);
    const sameRegistryName = await findRegistryName(name);
    if (!sameRegistryName) {
      throw new MlflowError(
        `Experiment(name=${name}) cannot be created: its artifact location '${body.externalId}' is already in use.`,
        "RESOURCE_ALREADY_EXISTS",
        { cause: conflict },
      );
    }
    const renamed = withRegistryName(body, name, `${name}~${ctx.randomId().slice(0, 8)}`);
    return post(renamed);
  }

  async function findRegistryName(name: string): Promise<boolean> {
    try {
      await registryCall(
        "createExperiment",
        ctx.client.GET(`${API}/experiment`, { params: { query: { name } } }),
      );
      return true;
    } catch (error) {
      if ((error as MlflowError).errorCode === "RESOURCE_DOES_NOT_EXIST") return false;
      throw error;
    }
  }

  async function getExperiment(experimentId: string): Promise<Experiment> {
    return toMlflowExperiment(await fetchExperiment(ctx, experimentId), ctx.artifactRoot);
  }

  async function getExperimentByName(name: string): Promise<Experiment | null> {
    const [first] = await findExperimentsByName(ctx, name, "getExperimentByName");
    if (first === undefined) return null;
    const experiment = toMlflowExperiment(first, ctx.artifactRoot);
    rememberExperiment(ctx, experiment);
    return experiment;
  }

  async function patch(
    experimentId: string,
    body: { state: "LIVE" | "ARCHIVED"; customProperties?: Record<string, MetadataValue> },
    what: string,
  ): Promise<RegistryExperiment> {
    const updated = await registryCall(
      what,
      ctx.client.PATCH(`${API}/experiments/{experimentId}`, {
        params: { path: { experimentId } },
        body,
      }),
      { notFound: `No Experiment with id=${experimentId} exists` },
    );
    rememberExperiment(ctx, toMlflowExperiment(updated, ctx.artifactRoot));
    return updated;
  }

  async function setLifecycle(experimentId: string, target: "deleted" | "active"): Promise<void> {
    const what = target === "deleted" ? "deleteExperiment" : "restoreExperiment";
    await ctx.exclusive(`experiment:${experimentId}`, async () => {
      const current = await fetchExperiment(ctx, experimentId);
      const isDeleted = current.state === "ARCHIVED";
      if (target === "deleted" && isDeleted) throw experimentNotFound(experimentId);
      if (target === "active" && !isDeleted) {
        throw MlflowError.invalidParameterValue(
          `Cannot restore an active experiment. Experiment ${experimentId} is already active.`,
        );
      }
      await patch(experimentId, { state: target === "deleted" ? "ARCHIVED" : "LIVE" }, what);
    });
    await cascadeRunLifecycle(ctx, experimentId, target);
  }

  async function renameExperiment(experimentId: string, newName: string): Promise<void> {
    validateExperimentCreate(newName, undefined, {});
    await ctx.exclusive(`experiment:${experimentId}`, async () => {
      const current = await fetchExperiment(ctx, experimentId);
      if (current.state === "ARCHIVED")
        throw new MlflowError("Cannot rename a non-active experiment.", "INVALID_STATE");
      if (experimentName(current) === newName) return;
      const holders = await findExperimentsByName(ctx, newName, "renameExperiment");
      if (holders.some((holder) => holder.id !== experimentId)) {
        throw new MlflowError(`Experiment(name=${newName}) already exists.`, "BAD_REQUEST");
      }
      const properties = resendable(current.customProperties);
      if (newName === current.name) delete properties[EXPERIMENT_NAME_PROPERTY];
      else
        properties[EXPERIMENT_NAME_PROPERTY] = {
          metadataType: "MetadataStringValue",
          string_value: newName,
        };
      await patch(
        experimentId,
        { state: "LIVE", customProperties: properties },
        "renameExperiment",
      );
    });
  }

  async function updateTags(
    experimentId: string,
    what: string,
    change: (properties: Record<string, MetadataValue>) => void,
  ): Promise<void> {
    await ctx.exclusive(`experiment:${experimentId}`, async () => {
      const current = await fetchExperiment(ctx, experimentId);
      requireActive(current, experimentId);
      const properties = resendable(current.customProperties);
      change(properties);
      await patch(
        experimentId,
        { state: current.state ?? "LIVE", customProperties: properties },
        what,
      );
    });
  }

  return {
    createExperiment,
    getExperiment,
    getExperimentByName,
    searchExperiments: (options) => searchExperiments(ctx, options ?? {}),
    deleteExperiment: (experimentId) => setLifecycle(experimentId, "deleted"),
    restoreExperiment: (experimentId) => setLifecycle(experimentId, "active"),
    renameExperiment,
    async setExperimentTag(experimentId, tag) {
      validateExperimentTag(tag);
      await updateTags(experimentId, "setExperimentTag", (properties) => {
        properties[tag.key] = { metadataType: "MetadataStringValue", string_value: tag.value };
      });
    },
    async deleteExperimentTag(experimentId, key) {
      await updateTags(experimentId, "deleteExperimentTag", (properties) => {
        if (!(key in properties) || key === EXPERIMENT_NAME_PROPERTY) {
          throw new MlflowError(
            `No tag with name: ${key} in experiment with id ${experimentId}`,
            "RESOURCE_DOES_NOT_EXIST",
          );
        }
        delete properties[key];
      });
    },
  };
}
