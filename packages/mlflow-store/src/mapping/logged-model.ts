import type { Artifact, ArtifactState } from "@model-registry/registry-client";
import type { LoggedModel, LoggedModelStatus } from "../types.js";
import { customPropertyText, customPropertyTexts } from "./custom-property-text.js";
import { dict } from "./dict.js";

/** Prefix of the custom properties that hold a logged model's MLflow fields. @internal */
export const MLFLOW_KEY_PREFIX = "mlflow__";
/** Prefix of the custom properties that hold a logged model's params. @internal */
export const PARAM_KEY_PREFIX = "param_";

/**
 * Custom-property keys of the storage layout (the Python plugin's, plus the two per-run link keys
 * this package adds so that one model can be an output of one run and an input of another).
 * @internal
 */
export const MODEL_KEYS = {
  name: "mlflow__name",
  version: "mlflow__version",
  userId: "mlflow__user_id",
  statusMessage: "mlflow__status_message",
  artifactLocation: "mlflow__artifact_location",
  description: "mlflow__description",
  experimentId: "mlflow__experiment_id",
  sourceRunId: "mlflow__source_run_id",
  modelType: "mlflow__model_type",
  ioType: "mlflow__model_io_type",
  step: "mlflow__step",
  artifactPath: "mlflow__artifactPath",
  modelUuid: "mlflow__model_uuid",
  utcTimeCreated: "mlflow__utc_time_created",
  mlflowVersion: "mlflow__mlflow_version",
  loggedModel: "mlflow__logged_model",
  flavorPrefix: "mlflow__flavor_",
  inputRunIds: "mlflow__input_run_ids",
  outputRunSteps: "mlflow__output_run_steps",
} as const;

/** The registry artifact state that stores each MLflow logged-model status. @internal */
export function artifactStateForStatus(status: LoggedModelStatus): ArtifactState {
  switch (status) {
    case "READY":
      return "LIVE";
    case "PENDING":
      return "PENDING";
    case "FAILED":
      return "ABANDONED";
    default:
      return "UNKNOWN";
  }
}

/** The MLflow status of a registry artifact state (anything unmapped is `UNSPECIFIED`). @internal */
export function statusForArtifactState(state: ArtifactState | undefined): LoggedModelStatus {
  switch (state) {
    case "LIVE":
      return "READY";
    case "PENDING":
      return "PENDING";
    case "ABANDONED":
      return "FAILED";
    default:
      return "UNSPECIFIED";
  }
}

/** Registry state this package writes when a logged model is deleted. @internal */
export const DELETED_MODEL_STATE: ArtifactState = "MARKED_FOR_DELETION";

/**
 * True when a model artifact stands for a deleted logged model: registry state
 * `MARKED_FOR_DELETION` or `DELETED`, or the Python plugin's marker (custom property
 * `state` = `MARKED_FOR_DELETION`).
 * @internal
 */
export function isDeletedModelArtifact(artifact: Artifact): boolean {
  if (artifact.state === "MARKED_FOR_DELETION" || artifact.state === "DELETED") return true;
  return customPropertyText(artifact.customProperties?.["state"]) === "MARKED_FOR_DELETION";
}

/**
 * True for model artifacts written by `recordLoggedModel` (they carry the MLmodel JSON): MLflow
 * keeps those as run history, not as logged models.
 * @internal
 */
export function isRecordedModelArtifact(artifact: Artifact): boolean {
  return artifact.customProperties?.[MODEL_KEYS.loggedModel] !== undefined;
}

/** True for a model artifact that is a logged model (not a recorded MLmodel entry). @internal */
export function isLoggedModelArtifact(artifact: Artifact): boolean {
  return artifact.artifactType === "model-artifact" && !isRecordedModelArtifact(artifact);
}

function millis(value: string | undefined): number {
  const n = Number(value);
  return Number.isFinite(n) ? n : 0;
}

function nonEmpty(value: string | undefined): string | null {
  return value === undefined || value === "" ? null : value;
}

/**
 * Maps a registry `model-artifact` to an MLflow logged model. The model id is the registry
 * artifact id (as the Python plugin does); MLflow fields come from the `mlflow__*` custom
 * properties, params from `param_KEY`, and every other custom property is a tag.
 * @public
 */
export function loggedModelFromArtifact(artifact: Artifact): LoggedModel {
  const props = customPropertyTexts(artifact.customProperties);
  const tags = dict<string>();
  const params = dict<string>();
  for (const [key, value] of Object.entries(props)) {
    if (key.startsWith(MLFLOW_KEY_PREFIX)) continue;
    if (key.startsWith(PARAM_KEY_PREFIX)) {
      params[key.slice(PARAM_KEY_PREFIX.length)] = value;
    } else if (!(key === "state" && value === "MARKED_FOR_DELETION")) {
      tags[key] = value;
    }
  }
  const uri = "uri" in artifact ? artifact.uri : undefined;
  return {
    modelId: artifact.id ?? "",
    experimentId: props[MODEL_KEYS.experimentId] ?? artifact.experimentId ?? "",
    name: props[MODEL_KEYS.name] ?? artifact.name ?? "",
    sourceRunId: nonEmpty(props[MODEL_KEYS.sourceRunId]),
    artifactLocation: props[MODEL_KEYS.artifactLocation] ?? uri ?? "",
    modelType: nonEmpty(props[MODEL_KEYS.modelType]),
    status: statusForArtifactState(artifact.state),
    statusMessage: nonEmpty(props[MODEL_KEYS.statusMessage]),
    creationTimestamp: millis(artifact.createTimeSinceEpoch),
    lastUpdatedTimestamp: millis(artifact.lastUpdateTimeSinceEpoch),
    tags,
    params,
  };
}
