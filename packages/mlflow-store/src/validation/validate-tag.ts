import type { KeyValue } from "../types.js";
import { checkLengthLimit, type TruncationOptions } from "./length-limit.js";
import { MLFLOW_LIMITS } from "./limits.js";
import {
  appendToJsonPath,
  invalidParameter,
  invalidValueMessage,
  requireObject,
} from "./messages.js";
import { checkStorableText } from "./storable-text.js";
import { checkTagName } from "./validate-key-name.js";

function checkValueIsString(value: unknown, path: string): asserts value is string {
  if (typeof value !== "string") {
    throw invalidParameter(invalidValueMessage(path, value ?? null, "Tag value must be a string."));
  }
  checkStorableText(path, value);
}

/**
 * MLflow's `_validate_tag` for run tags: key name rules, key ≤ 250, value ≤ 8000 characters
 * (truncated with a warning by default). Returns the tag to store.
 * @public
 */
export function validateTag(
  tag: KeyValue,
  options: TruncationOptions & { path?: string } = {},
): KeyValue {
  const path = options.path ?? "";
  requireObject(tag, "tag", path);
  const { key, value } = tag as { key: unknown; value: unknown };
  const keyPath = appendToJsonPath(path, "key");
  const valuePath = appendToJsonPath(path, "value");
  checkTagName(key, keyPath);
  checkValueIsString(value, valuePath);
  return {
    key: checkLengthLimit(keyPath, MLFLOW_LIMITS.MAX_ENTITY_KEY_LENGTH, key),
    value: checkLengthLimit(valuePath, MLFLOW_LIMITS.MAX_TAG_VAL_LENGTH, value, options),
  };
}

/**
 * MLflow's `_validate_experiment_tag`: key name rules, key ≤ 250 and value ≤ 5000 characters;
 * never truncated.
 * @public
 */
export function validateExperimentTag(tag: KeyValue): KeyValue {
  requireObject(tag, "tag", "");
  const { key, value } = tag as { key: unknown; value: unknown };
  checkTagName(key, "key");
  checkValueIsString(value, "value");
  checkLengthLimit("key", MLFLOW_LIMITS.MAX_EXPERIMENT_TAG_KEY_LENGTH, key);
  checkLengthLimit("value", MLFLOW_LIMITS.MAX_EXPERIMENT_TAG_VAL_LENGTH, value);
  return { key, value };
}
