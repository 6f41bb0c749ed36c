import { MlflowError } from "../mlflow-error.js";
import type { KeyValue } from "../types.js";

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
