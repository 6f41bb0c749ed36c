import type { Experiment as RegistryExperiment } from "@model-registry/registry-client";
import type { Experiment } from "../types.js";
import { customPropertyText } from "./custom-property-text.js";
import { millis } from "./millis.js";
import { tagsFromCustomProperties } from "./tag.js";

/**
 * Custom property holding the MLflow name of a renamed experiment. Registry names are immutable,
 * so a rename keeps the registry name and records the MLflow name here.
 * @internal
 */
export const EXPERIMENT_NAME_PROPERTY = "mlflow.experimentName";

const RESERVED = new Set([EXPERIMENT_NAME_PROPERTY]);

/** The registry `description` the Python plugin writes for an experiment. @internal */
export function experimentDescription(name: string): string {
  return `MLflow experiment: ${name}`;
}

/** Artifact location of an experiment that has no `externalId` (the Python plugin's default path). @internal */
export function defaultExperimentLocation(artifactRoot: string, experimentId: string): string {
  return `${artifactRoot}/experiments/${experimentId}`;
}

/** The MLflow name of a registry experiment (its rename property, else its registry name). @internal */
export function experimentName(experiment: RegistryExperiment): string {
  return (
    customPropertyText(experiment.customProperties?.[EXPERIMENT_NAME_PROPERTY]) ?? experiment.name
  );
}

/** Maps a registry `Experiment` to MLflow's experiment. @internal */
export function toMlflowExperiment(
  experiment: RegistryExperiment,
  artifactRoot: string,
): Experiment {
  const id = experiment.id ?? "";
  return {
    experimentId: id,
    name: experimentName(experiment),
    artifactLocation: experiment.externalId || defaultExperimentLocation(artifactRoot, id),
    lifecycleStage: experiment.state === "ARCHIVED" ? "deleted" : "active",
    tags: tagsFromCustomProperties(experiment.customProperties, RESERVED),
    creationTime: millis(experiment.createTimeSinceEpoch),
    lastUpdateTime: millis(experiment.lastUpdateTimeSinceEpoch),
  };
}
