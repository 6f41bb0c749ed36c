import type { DatasetInput } from "../types.js";
import { checkLengthLimit } from "./length-limit.js";
import { MLFLOW_LIMITS } from "./limits.js";
import { invalidParameter, listField, requireObject } from "./messages.js";
import { checkStorableText } from "./storable-text.js";

function required(value: unknown, message: string): asserts value is string {
  if (value === null || value === undefined) throw invalidParameter(message);
  if (typeof value !== "string")
    throw invalidParameter(`${message.replace(" cannot be None", "")} must be a string`);
}

/** Every text field of a dataset input must be storable (no NUL). */
function checkStorableFields(dataset: Record<string, unknown>, tags: readonly unknown[]): void {
  for (const field of ["name", "digest", "sourceType", "source", "schema", "profile"]) {
    const value = dataset[field];
    if (typeof value === "string") checkStorableText(field, value);
  }
  for (const tag of tags) {
    const { key, value } = tag as { key: string; value: string };
    checkStorableText("key", key);
    checkStorableText("value", value);
  }
}

/**
 * MLflow's `_validate_dataset_inputs` for one input: name, digest, sourceType and source are
 * required; lengths 500 / 36 / 65535 (source) / 1048575 (schema) / 16777215 (profile); input tag
 * keys ≤ 255 and values ≤ 500 characters.
 * @public
 */
export function validateDatasetInput(input: DatasetInput): void {
  requireObject(input, "dataset input", "");
  const dataset = (input as { dataset?: unknown }).dataset as Record<string, unknown> | undefined;
  if (dataset === null || dataset === undefined) throw invalidParameter("Dataset cannot be None");
  requireObject(dataset, "dataset", "dataset");
  required(dataset["name"], "Dataset name cannot be None");
  required(dataset["digest"], "Dataset digest cannot be None");
  required(dataset["sourceType"], "Dataset source_type cannot be None");
  required(dataset["source"], "Dataset source cannot be None");
  checkLengthLimit("name", MLFLOW_LIMITS.MAX_DATASET_NAME_SIZE, dataset["name"]);
  checkLengthLimit("digest", MLFLOW_LIMITS.MAX_DATASET_DIGEST_SIZE, dataset["digest"]);
  checkLengthLimit("source", MLFLOW_LIMITS.MAX_DATASET_SOURCE_SIZE, dataset["source"]);
  const { schema, profile } = dataset;
  if (typeof schema === "string")
    checkLengthLimit("schema", MLFLOW_LIMITS.MAX_DATASET_SCHEMA_SIZE, schema);
  if (typeof profile === "string")
    checkLengthLimit("profile", MLFLOW_LIMITS.MAX_DATASET_PROFILE_SIZE, profile);
  const tags = listField(input.tags, "tags");
  for (const tag of tags) {
    requireObject(tag, "input tag", "tags");
    const { key, value } = tag as { key: unknown; value: unknown };
    required(key, "InputTag key cannot be None");
    required(value, "InputTag value cannot be None");
    checkLengthLimit("key", MLFLOW_LIMITS.MAX_INPUT_TAG_KEY_SIZE, key);
    checkLengthLimit("value", MLFLOW_LIMITS.MAX_INPUT_TAG_VALUE_SIZE, value);
  }
  checkStorableFields(dataset, tags);
}
