import { MlflowError } from "../mlflow-error.js";
import type { DatasetInput } from "../types.js";

const DATASET_LIMITS = [
  ["name", 500],
  ["digest", 36],
  ["source", 65535],
  ["schema", 1048575],
  ["profile", 16777215],
] as const;
const REQUIRED = [
  ["name", "name"],
  ["digest", "digest"],
  ["sourceType", "source_type"],
  ["source", "source"],
] as const;
const TAG_KEY_LIMIT = 255;
const TAG_VALUE_LIMIT = 500;

/** Length in code points, as Python's `len` counts. */
function length(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

function tooLong(field: string, limit: number): MlflowError {
  return MlflowError.invalidParameterValue(
    `'${field}' exceeds the maximum length of ${limit} characters`,
  );
}

/**
 * MLflow's dataset-input validation: name, digest, source type and source are required; name,
 * digest, source, schema and profile have MLflow's maximum lengths; input tag keys and values are
 * required strings of at most 255 and 500 characters.
 * @internal
 */
export function validateDatasetInputs(inputs: readonly DatasetInput[]): void {
  for (const input of inputs) {
    const dataset = input?.dataset as unknown as Record<string, unknown> | undefined;
    if (dataset === undefined || dataset === null) {
      throw MlflowError.invalidParameterValue("Dataset cannot be None");
    }
    for (const [field, pythonName] of REQUIRED) {
      if (typeof dataset[field] !== "string") {
        throw MlflowError.invalidParameterValue(`Dataset ${pythonName} cannot be None`);
      }
    }
    for (const [field, limit] of DATASET_LIMITS) {
      const value = dataset[field];
      if (value !== undefined && typeof value !== "string") {
        throw MlflowError.invalidParameterValue(`Dataset ${field} must be a string`);
      }
      if (typeof value === "string" && length(value) > limit) throw tooLong(field, limit);
    }
    for (const tag of input.tags ?? []) {
      if (typeof tag?.key !== "string") {
        throw MlflowError.invalidParameterValue("InputTag key cannot be None");
      }
      if (typeof tag.value !== "string") {
        throw MlflowError.invalidParameterValue("InputTag value cannot be None");
      }
      if (length(tag.key) > TAG_KEY_LIMIT) throw tooLong("key", TAG_KEY_LIMIT);
      if (length(tag.value) > TAG_VALUE_LIMIT) throw tooLong("value", TAG_VALUE_LIMIT);
    }
  }
}
