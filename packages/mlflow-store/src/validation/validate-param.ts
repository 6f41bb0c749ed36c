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
import { checkParamName } from "./validate-key-name.js";

/**
 * MLflow's `_validate_param`: key name rules, key ≤ 250 characters, value ≤ 6000 characters
 * (truncated with a warning by default, as MLflow does). Returns the param to store.
 * @public
 */
export function validateParam(
  param: KeyValue,
  options: TruncationOptions & { path?: string } = {},
): KeyValue {
  const path = options.path ?? "";
  requireObject(param, "param", path);
  const { key, value } = param as { key: unknown; value: unknown };
  checkParamName(key, appendToJsonPath(path, "key"));
  if (typeof value !== "string") {
    throw invalidParameter(
      invalidValueMessage(
        appendToJsonPath(path, "value"),
        value ?? null,
        "Param value must be a string.",
      ),
    );
  }
  checkStorableText(appendToJsonPath(path, "value"), value);
  return {
    key: checkLengthLimit("Param key", MLFLOW_LIMITS.MAX_ENTITY_KEY_LENGTH, key),
    value: checkLengthLimit("Param value", MLFLOW_LIMITS.MAX_PARAM_VAL_LENGTH, value, options),
  };
}
