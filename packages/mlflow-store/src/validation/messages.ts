import { MlflowError } from "../mlflow-error.js";
import { pythonJsonDumps } from "./python-format.js";

/** MLflow's `invalid_value(path, value, message)` text. @internal */
export function invalidValueMessage(path: string, value: unknown, message?: string): string {
  const formatted = pythonJsonDumps(value);
  return message === undefined
    ? `Invalid value ${formatted} for parameter '${path}' supplied.`
    : `Invalid value ${formatted} for parameter '${path}' supplied: ${message}`;
}

/** MLflow's `missing_value(path)` text. @internal */
export function missingValueMessage(path: string): string {
  return `Missing value for required parameter '${path}'.`;
}

/** MLflow's `exceeds_maximum_length(path, limit)` text. @internal */
export function exceedsMaximumLengthMessage(path: string, limit: number): string {
  return `'${path}' exceeds the maximum length of ${limit} characters`;
}

/** MLflow's `append_to_json_path`. @internal */
export function appendToJsonPath(current: string, value: string): string {
  if (!current) return value;
  return value.startsWith("[") ? `${current}${value}` : `${current}.${value}`;
}

/**
 * Throws INVALID_PARAMETER_VALUE unless `value` is an object (not null, not an array): the input
 * of a validator that reads fields from it. `what` names it in the message ("metric").
 * @internal
 */
export function requireObject(
  value: unknown,
  what: string,
  path: string,
): asserts value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw invalidParameter(invalidValueMessage(path || what, value, `Expected a ${what} object.`));
  }
}

/**
 * The entries of an optional list field (`undefined` and `null` are empty; holes are
 * `undefined`); throws INVALID_PARAMETER_VALUE when it is not an array.
 * @internal
 */
export function listField(value: unknown, path: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    throw invalidParameter(invalidValueMessage(path, value, "Expected a list."));
  }
  return Array.from(value);
}

/** Shorthand for an INVALID_PARAMETER_VALUE error. @internal */
export function invalidParameter(message: string): MlflowError {
  return MlflowError.invalidParameterValue(message);
}
