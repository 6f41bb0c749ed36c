import type { Metric } from "../types.js";
import { checkLengthLimit } from "./length-limit.js";
import { MLFLOW_LIMITS } from "./limits.js";
import {
  appendToJsonPath,
  invalidParameter,
  invalidValueMessage,
  missingValueMessage,
} from "./messages.js";
import { pythonFloatRepr } from "./python-format.js";
import { checkMetricName } from "./validate-key-name.js";

function describeValue(value: unknown): string {
  return typeof value === "number" ? pythonFloatRepr(value) : String(value);
}

/**
 * MLflow's `_validate_metric`: key name rules and length, numeric (not boolean) value — NaN and
 * ±Infinity are accepted — a non-negative numeric timestamp and a numeric step.
 * `path` prefixes the parameter names in messages (`metrics[3]` inside a batch).
 * @public
 */
export function validateMetric(metric: Metric, path = ""): void {
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
        `(timestamp=${String(timestamp)}). Please specify value as a valid double (64-bit floating point)`,
      ),
    );
  }
  if (typeof timestamp !== "number" || Number.isNaN(timestamp) || timestamp < 0) {
    throw invalidParameter(
      invalidValueMessage(
        appendToJsonPath(path, "timestamp"),
        timestamp,
        `metric '${key}' (value=${describeValue(value)}). Timestamp must be a nonnegative long (64-bit integer) `,
      ),
    );
  }
  if (typeof step !== "number" || Number.isNaN(step)) {
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
