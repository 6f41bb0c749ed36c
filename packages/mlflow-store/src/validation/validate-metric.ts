import type { Metric } from "../types.js";
import { checkLengthLimit } from "./length-limit.js";
import { MLFLOW_LIMITS } from "./limits.js";
import {
  appendToJsonPath,
  invalidParameter,
  invalidValueMessage,
  missingValueMessage,
  requireObject,
} from "./messages.js";
import { pythonFloatRepr, safeString } from "./python-format.js";
import { checkMetricName } from "./validate-key-name.js";

function describeValue(value: unknown): string {
  return typeof value === "number" ? pythonFloatRepr(value) : safeString(value);
}

/**
 * MLflow's `_validate_metric`: key name rules and length, numeric (not boolean) value — NaN and
 * ±Infinity are accepted — a finite non-negative timestamp and an integer step (MLflow's proto
 * types both as 64-bit integers; a fractional step or an infinite timestamp cannot be stored).
 * `path` prefixes the parameter names in messages (`metrics[3]` inside a batch).
 * @public
 */
export function validateMetric(metric: Metric, path = ""): void {
  requireObject(metric, "metric", path);
  const { key, value, timestamp, step } = metric as {
    key: unknown;
    value: unknown;
    timestamp: unknown;
    step: unknown;
  };
  checkMetricName(key, appendToJsonPath(path, "name"));
  if (value === null || value === undefined) {
    throw invalidParameter(missingValueMessage(appendToJsonPath(path, "value")));
  }
  if (typeof value !== "number") {
    throw invalidParameter(
      invalidValueMessage(
        appendToJsonPath(path, "value"),
        value,
        `(timestamp=${safeString(timestamp)}). Please specify value as a valid double (64-bit floating point)`,
      ),
    );
  }
  if (typeof timestamp !== "number" || !Number.isFinite(timestamp) || timestamp < 0) {
    throw invalidParameter(
      invalidValueMessage(
        appendToJsonPath(path, "timestamp"),
        timestamp,
        `metric '${key}' (value=${describeValue(value)}). Timestamp must be a nonnegative long (64-bit integer) `,
      ),
    );
  }
  if (typeof step !== "number" || !Number.isSafeInteger(step)) {
    throw invalidParameter(
      invalidValueMessage(
        appendToJsonPath(path, "step"),
        step,
        `metric '${key}' (value=${describeValue(value)}). Step must be a valid long (64-bit integer).`,
      ),
    );
  }
  checkLengthLimit("Metric name", MLFLOW_LIMITS.MAX_ENTITY_KEY_LENGTH, key);
}
