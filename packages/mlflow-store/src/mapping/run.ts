import type { ExperimentRun, MetadataValue } from "@model-registry/registry-client";
import { appendToUriPath } from "../artifacts/artifact-uri.js";
import type { RunInfo, RunStatus } from "../types.js";
import { customPropertyText } from "./custom-property-text.js";
import { millis } from "./millis.js";
import { tagsFromCustomProperties } from "./tag.js";

/** The MLflow tag that holds a run's name. @internal */
export const RUN_NAME_TAG = "mlflow.runName";

/**
 * Custom property holding a run's name after its `mlflow.runName` tag was deleted (MLflow keeps
 * the name; the tag stays deleted). Hidden from the tags. @internal
 */
export const RUN_NAME_PROPERTY = "mlflow.runNameWithoutTag";

/**
 * Custom property holding MLflow's end time when it is earlier than the start time: the registry
 * refuses such a run, so its `endTimeSinceEpoch` is the start time and MLflow's value is kept
 * here. Hidden from the tags. @internal
 */
export const END_TIME_PROPERTY = "mlflow.endTimeBeforeStart";

/** Run custom properties that hold the store's data, not tags. @internal */
export const RESERVED_RUN_PROPERTIES: ReadonlySet<string> = new Set([
  RUN_NAME_PROPERTY,
  END_TIME_PROPERTY,
]);

const STATUSES = new Set<RunStatus>(["RUNNING", "SCHEDULED", "FINISHED", "FAILED", "KILLED"]);

/** The registry `description` the Python plugin writes for a run. @internal */
export function runDescription(experimentId: string): string {
  return `MLflow run in experiment ${experimentId}`;
}

/**
 * Artifact URI of a new run: `<experiment location>/<key>/artifacts`, MLflow's layout with a random
 * 32-hex key where MLflow has the run id (the registry assigns the id only on create, and the URI
 * is written by the create request itself). @internal
 */
export function runArtifactUri(experimentLocation: string, key: string): string {
  return appendToUriPath(experimentLocation, `${key}/artifacts`);
}

/** Artifact URI of a run that has no `externalId`. @internal */
export function defaultRunArtifactUri(
  artifactRoot: string,
  experimentId: string,
  runId: string,
): string {
  return appendToUriPath(artifactRoot, `experiments/${experimentId}/${runId}`);
}

/**
 * The MLflow name of a registry run: its `mlflow.runName` tag, else the name kept when that tag was
 * deleted, else its registry name. @internal
 */
export function runNameOf(run: ExperimentRun): string {
  const properties = run.customProperties;
  return (
    customPropertyText(properties?.[RUN_NAME_TAG]) ??
    customPropertyText(properties?.[RUN_NAME_PROPERTY]) ??
    run.name ??
    ""
  );
}

/**
 * MLflow's end time of a run: the kept value when the registry holds the start time in its place
 * (see {@link END_TIME_PROPERTY}), else `endTimeSinceEpoch`.
 */
function endTimeOf(run: ExperimentRun): number | null {
  const end = millis(run.endTimeSinceEpoch);
  const kept = millis(customPropertyText(run.customProperties?.[END_TIME_PROPERTY]));
  // Another writer that set a later end time leaves the property stale: the registry value wins.
  if (kept !== null && end !== null && run.endTimeSinceEpoch === run.startTimeSinceEpoch)
    return Math.min(kept, end);
  return end;
}

/**
 * The `endTimeSinceEpoch` to send for MLflow's `endTime` and the change to the kept end time: the
 * registry refuses an end before the start, so the start time is sent and `endTime` kept in
 * {@link END_TIME_PROPERTY}. Returns `kept: null` when a kept value must be removed.
 * @internal
 */
export function registryEndTime(
  run: ExperimentRun,
  endTime: number,
): { endTimeSinceEpoch: string; kept: string | null } {
  const start = run.startTimeSinceEpoch;
  if (start !== undefined && /^-?[0-9]+$/.test(start) && endTime < Number(start)) {
    return { endTimeSinceEpoch: start, kept: String(endTime) };
  }
  return { endTimeSinceEpoch: String(endTime), kept: null };
}

/**
 * Sets a run tag in a custom-property map. Setting `mlflow.runName` names the run again, so a name
 * kept after the tag's deletion is dropped. @internal
 */
export function setRunTag(properties: Record<string, MetadataValue>, key: string, value: string) {
  properties[key] = { metadataType: "MetadataStringValue", string_value: value };
  if (key === RUN_NAME_TAG) delete properties[RUN_NAME_PROPERTY];
}

/**
 * Deletes a run tag from a custom-property map; false when the run has no such tag. Deleting
 * `mlflow.runName` keeps the run's current name (MLflow keeps its name column). @internal
 */
export function deleteRunTag(
  properties: Record<string, MetadataValue>,
  key: string,
  run: ExperimentRun,
): boolean {
  if (RESERVED_RUN_PROPERTIES.has(key)) return false;
  if (key === RUN_NAME_TAG && !(key in properties)) {
    // The tag shown for a run without one is its registry name; deleting it keeps that name.
    if (RUN_NAME_PROPERTY in properties || !run.name) return false;
    properties[RUN_NAME_PROPERTY] = { metadataType: "MetadataStringValue", string_value: run.name };
    return true;
  }
  if (!(key in properties)) return false;
  const name = key === RUN_NAME_TAG ? customPropertyText(properties[key]) : undefined;
  if (name !== undefined)
    properties[RUN_NAME_PROPERTY] = { metadataType: "MetadataStringValue", string_value: name };
  delete properties[key];
  return true;
}

/** Maps a registry `ExperimentRun` to MLflow's `RunInfo`. @internal */
export function toRunInfo(run: ExperimentRun, artifactRoot: string): RunInfo {
  const runId = run.id ?? "";
  const status = STATUSES.has(run.status as RunStatus) ? (run.status as RunStatus) : "RUNNING";
  return {
    runId,
    runName: runNameOf(run),
    experimentId: run.experimentId,
    userId: run.owner ?? "",
    status,
    startTime: millis(run.startTimeSinceEpoch) ?? millis(run.createTimeSinceEpoch) ?? 0,
    endTime: endTimeOf(run),
    lifecycleStage: run.state === "ARCHIVED" ? "deleted" : "active",
    artifactUri: run.externalId || defaultRunArtifactUri(artifactRoot, run.experimentId, runId),
  };
}

/** MLflow tags of a registry run (its custom properties). @internal */
export function runTags(run: ExperimentRun): Record<string, string> {
  const tags = tagsFromCustomProperties(run.customProperties, RESERVED_RUN_PROPERTIES);
  const nameKept = run.customProperties?.[RUN_NAME_PROPERTY] !== undefined;
  if (tags[RUN_NAME_TAG] === undefined && !nameKept && run.name) tags[RUN_NAME_TAG] = run.name;
  return tags;
}
