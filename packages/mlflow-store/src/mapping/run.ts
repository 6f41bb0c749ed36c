import type { ExperimentRun } from "@model-registry/registry-client";
import type { RunInfo, RunStatus } from "../types.js";
import { customPropertyText } from "./custom-property-text.js";
import { tagsFromCustomProperties } from "./tag.js";

/** The MLflow tag that holds a run's name. @internal */
export const RUN_NAME_TAG = "mlflow.runName";

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
  const base = experimentLocation.endsWith("/") ? experimentLocation : `${experimentLocation}/`;
  return `${base}${key}/artifacts`;
}

/** Artifact URI of a run that has no `externalId`. @internal */
export function defaultRunArtifactUri(
  artifactRoot: string,
  experimentId: string,
  runId: string,
): string {
  return `${artifactRoot}/experiments/${experimentId}/${runId}`;
}

function millis(value: string | undefined): number | null {
  if (value === undefined || value === "") return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/** The MLflow name of a registry run: its `mlflow.runName` tag, else its registry name. @internal */
export function runNameOf(run: ExperimentRun): string {
  return customPropertyText(run.customProperties?.[RUN_NAME_TAG]) ?? run.name ?? "";
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
    endTime: millis(run.endTimeSinceEpoch),
    lifecycleStage: run.state === "ARCHIVED" ? "deleted" : "active",
    artifactUri: run.externalId || defaultRunArtifactUri(artifactRoot, run.experimentId, runId),
  };
}

/** MLflow tags of a registry run (its custom properties). @internal */
export function runTags(run: ExperimentRun): Record<string, string> {
  const tags = tagsFromCustomProperties(run.customProperties);
  if (tags[RUN_NAME_TAG] === undefined && run.name) tags[RUN_NAME_TAG] = run.name;
  return tags;
}
