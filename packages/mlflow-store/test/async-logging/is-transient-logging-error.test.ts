import { describe, expect, it } from "vitest";
import { isTransientLoggingError } from "../../src/async-logging/is-transient-logging-error.js";
import { MlflowError } from "../../src/mlflow-error.js";

const httpError = (status: number) =>
  Object.assign(new Error(`HTTP ${status}`), { name: "RegistryHttpError", status });

describe("isTransientLoggingError", () => {
  it.each([
    ["TEMPORARILY_UNAVAILABLE", new MlflowError("x", "TEMPORARILY_UNAVAILABLE"), true],
    ["DEADLINE_EXCEEDED", new MlflowError("x", "DEADLINE_EXCEEDED"), true],
    ["REQUEST_LIMIT_EXCEEDED", new MlflowError("x", "REQUEST_LIMIT_EXCEEDED"), true],
    [
      "INTERNAL_ERROR from a 500",
      new MlflowError("x", "INTERNAL_ERROR", { cause: httpError(500) }),
      true,
    ],
    [
      "INTERNAL_ERROR from a 429",
      new MlflowError("x", "INTERNAL_ERROR", { cause: httpError(429) }),
      true,
    ],
    ["INTERNAL_ERROR without a cause", new MlflowError("x", "INTERNAL_ERROR"), false],
    [
      "INTERNAL_ERROR from a 400",
      new MlflowError("x", "INTERNAL_ERROR", { cause: httpError(400) }),
      false,
    ],
    [
      "INVALID_PARAMETER_VALUE from a 503",
      new MlflowError("x", "INVALID_PARAMETER_VALUE", { cause: httpError(503) }),
      false,
    ],
    ["RESOURCE_DOES_NOT_EXIST", new MlflowError("x", "RESOURCE_DOES_NOT_EXIST"), false],
    [
      "a registry network error",
      Object.assign(new Error("down"), { name: "RegistryNetworkError" }),
      true,
    ],
    [
      "a registry timeout",
      Object.assign(new Error("slow"), { name: "RegistryTimeoutError" }),
      true,
    ],
    [
      "fetch failed: connection refused",
      new TypeError("fetch failed", { cause: { code: "ECONNREFUSED" } }),
      true,
    ],
    ["a plain error", new Error("bug"), false],
    ["a string", "oops", false],
    ["undefined", undefined, false],
  ])("%s → %s", (_name, error, expected) => {
    expect(isTransientLoggingError(error)).toBe(expected);
  });
});
