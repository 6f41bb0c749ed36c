import type {
  MetadataValue,
  Experiment as RegistryExperiment,
} from "@model-registry/registry-client";
import {
  EXPERIMENT_NAME_PROPERTY,
  experimentName,
  toMlflowExperiment,
} from "../mapping/experiment.js";
import { resendable } from "../mapping/tag.js";
import { MlflowError } from "../mlflow-error.js";
import type { StoreContext } from "../store-context.js";
import type { Experiment, MlflowStore } from "../types.js";
import { createExperimentOperation } from "./create-experiment.js";
import {
  experimentNotFound,
  fetchExperiment,
  findExperimentsByName,
  rememberExperiment,
} from "./experiment-access.js";
import { registryCall } from "./registry-call.js";
import { API } from "./registry-paths.js";
import { EXPERIMENT } from "./response-shapes.js";
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

function requireActive(experiment: RegistryExperiment, experimentId: string): void {
  if (experiment.state === "ARCHIVED") {
    throw MlflowError.invalidParameterValue(
      `The experiment ${experimentId} must be in the 'active' state. Current state is deleted.`,
    );
  }
}

/** Experiment operations: create/get/search/delete/restore/rename and experiment tags. @internal */
export function createExperimentOperations(ctx: StoreContext): ExperimentOperations {
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
      EXPERIMENT,
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
    createExperiment: createExperimentOperation(ctx),
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
