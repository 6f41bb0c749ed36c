import { MlflowError } from "../mlflow-error.js";
import type { KeyValue, LogBatchInput, Metric } from "../types.js";

function codePoints(value: string): number {
  return [...value].length;
}

/** Checks an experiment name, artifact location and tags as MLflow does before creating. @internal */
export function validateExperimentCreate(
  name: unknown,
  artifactLocation: string | undefined,
  tags: Record<string, string>,
): void {
  if (typeof name !== "string") throw MlflowError.invalidParameterValue(`Invalid experiment name: ${String(name)}. Expects a string.`);
  if (name === "") throw MlflowError.invalidParameterValue(`Invalid experiment name: ''`);
  if (codePoints(name) > 500) throw MlflowError.invalidParameterValue(`'name' exceeds the maximum length of 500 characters`);
  if (artifactLocation !== undefined) {
    if (artifactLocation.startsWith("runs:")) {
      throw MlflowError.invalidParameterValue(`Artifact location cannot be a runs:/ URI. Given: '${artifactLocation}'`);
    }
    if (codePoints(artifactLocation) > 2048) throw MlflowError.invalidParameterValue("Invalid artifact path length. The length of the artifact path cannot be greater than 2048 characters.");
  }
  for (const [key, value] of Object.entries(tags)) validateExperimentTag({ key, value });
}

/** Checks an experiment tag (key ≤ 250, value ≤ 5000, never truncated). @internal */
export function validateExperimentTag(tag: KeyValue): void {
  if (typeof tag.key !== "string" || tag.key === "") throw MlflowError.invalidParameterValue("Missing value for required parameter 'key'.");
  if (codePoints(tag.key) > 250) throw MlflowError.invalidParameterValue(`'key' exceeds the maximum length of 250 characters`);
  if (typeof tag.value !== "string") throw MlflowError.invalidParameterValue("Missing value for required parameter 'value'.");
  if (codePoints(tag.value) > 5000) throw MlflowError.invalidParameterValue(`'value' exceeds the maximum length of 5000 characters`);
}

const RUN_STATUSES = new Set(["RUNNING", "SCHEDULED", "FINISHED", "FAILED", "KILLED"]);

/** Checks a run status string. @internal */
export function validateRunStatus(status: string): void {
  if (!RUN_STATUSES.has(status)) throw MlflowError.invalidParameterValue(`Invalid run status: '${status}'`);
}

/** Checks run tags given to createRun. @internal */
export function validateRunTags(tags: Record<string, string>): void {
  for (const [key, value] of Object.entries(tags)) {
    if (key === "") throw MlflowError.invalidParameterValue("Missing value for required parameter 'key'.");
    if (typeof value !== "string") throw MlflowError.invalidParameterValue(`Invalid value for tag '${key}': expected a string.`);
  }
}

/** Checks one metric (temporary: see validation module). @internal */
export function validateMetricInput(metric: Metric): Metric {
  if (typeof metric.value !== "number") throw MlflowError.invalidParameterValue(`Invalid value "${String(metric.value)}" for parameter 'value' supplied.`);
  return { key: metric.key, value: metric.value, timestamp: metric.timestamp, step: metric.step ?? 0 };
}

/** Checks one param. @internal */
export function validateParamInput(param: KeyValue): KeyValue {
  return { key: param.key, value: String(param.value) };
}

/** Checks one run tag. @internal */
export function validateRunTagInput(tag: KeyValue): KeyValue {
  return { key: tag.key, value: tag.value };
}

/** Checks a batch. @internal */
export function validateLogBatch(batch: LogBatchInput): { metrics: Metric[]; params: KeyValue[]; tags: KeyValue[] } {
  return {
    metrics: (batch.metrics ?? []).map(validateMetricInput),
    params: (batch.params ?? []).map(validateParamInput),
    tags: (batch.tags ?? []).map(validateRunTagInput),
  };
}
