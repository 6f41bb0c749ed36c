import { MLFLOW_LIMITS } from "./limits.js";
import { exceedsMaximumLengthMessage, invalidParameter, invalidValueMessage } from "./messages.js";
import { codePointLength, safeString } from "./python-format.js";
import { checkStorableText } from "./storable-text.js";

/**
 * MLflow's `_validate_experiment_name`: a non-empty string of at most 500 characters.
 * @public
 */
export function validateExperimentName(name: unknown): asserts name is string {
  if (name === "" || name === null || name === undefined) {
    throw invalidParameter(`Invalid experiment name: '${name === "" ? "" : "None"}'`);
  }
  if (typeof name !== "string") {
    throw invalidParameter(`Invalid experiment name: ${safeString(name)}. Expects a string.`);
  }
  checkStorableText("name", name);
  if (codePointLength(name) > MLFLOW_LIMITS.MAX_EXPERIMENT_NAME_LENGTH) {
    throw invalidParameter(
      exceedsMaximumLengthMessage("name", MLFLOW_LIMITS.MAX_EXPERIMENT_NAME_LENGTH),
    );
  }
}

const RUN_ID = /^[\p{L}\p{N}][\p{L}\p{N}_-]{0,255}$/u;

/** MLflow's `_validate_run_id`: `^[a-zA-Z0-9][\w\-]{0,255}$`. @public */
export function validateRunId(runId: unknown, path = "run_id"): asserts runId is string {
  if (typeof runId !== "string" || !RUN_ID.test(runId)) {
    throw invalidParameter(invalidValueMessage(path, runId ?? null));
  }
}

/**
 * Experiment ids are integers, as in MLflow's SQL store: `Invalid experiment ID '<id>'.
 * Experiment ID must be a valid integer.`
 * @public
 */
export function validateExperimentId(experimentId: unknown): asserts experimentId is string {
  if (typeof experimentId !== "string" || !/^-?\d+$/.test(experimentId)) {
    throw invalidParameter(
      `Invalid experiment ID '${safeString(experimentId)}'. Experiment ID must be a valid integer.`,
    );
  }
}

/**
 * Run names have no validator in MLflow; only the `runName` vs `mlflow.runName` tag conflict is
 * checked. Returns the single run name to use (or `undefined` when neither is given).
 * @public
 */
export function validateRunName(
  runName: string | undefined,
  runNameTag: string | undefined,
): string | undefined {
  if (
    runName !== undefined &&
    runName !== "" &&
    runNameTag !== undefined &&
    runName !== runNameTag
  ) {
    throw invalidParameter(
      `Both 'run_name' argument and 'mlflow.runName' tag are specified, but with different values (run_name='${runName}', mlflow.runName='${runNameTag}').`,
    );
  }
  const name = runName !== undefined && runName !== "" ? runName : runNameTag;
  if (typeof name === "string") checkStorableText("run_name", name);
  return name;
}
