import type { DatasetInput } from "../types.js";
import { checkLengthLimit } from "./length-limit.js";
import { MLFLOW_LIMITS } from "./limits.js";
import { invalidParameter } from "./messages.js";

function required(value: unknown, message: string): asserts value is string {
  if (value === null || value === undefined) throw invalidParameter(message);
  if (typeof value !== "string")
    throw invalidParameter(`${message.replace(" cannot be None", "")} must be a string`);
}

/**
 * MLflow's `_validate_dataset_inputs` for one input: name, digest, sourceType and source are
 * required; lengths 500 / 36 / 65535 (source) / 1048575 (schema) / 16777215 (profile); input tag
 * keys ≤ 255 and values ≤ 500 characters.
 * @public
 */
export function validateDatasetInput(input: DatasetInput): void {
  const dataset = (input as { dataset?: unknown }).dataset as Record<string, unknown> | undefined;
  if (dataset === null || dataset === undefined) throw invalidParameter("Dataset cannot be None");
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
  for (const tag of input.tags ?? []) {
    const { key, value } = tag as { key: unknown; value: unknown };
    required(key, "InputTag key cannot be None");
    required(value, "InputTag value cannot be None");
    checkLengthLimit("key", MLFLOW_LIMITS.MAX_INPUT_TAG_KEY_SIZE, key);
    checkLengthLimit("value", MLFLOW_LIMITS.MAX_INPUT_TAG_VALUE_SIZE, value);
  }
}
