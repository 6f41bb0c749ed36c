import { describe, expect, it } from "vitest";
import {
  MLFLOW_MAX_FLOAT,
  restoreMetricValue,
  sanitizeMetricValue,
  validateExperimentTag,
  validateMetric,
  validateParam,
  validateTag,
} from "../../src/validation/index.js";
import { expectInvalid } from "../support/expect-mlflow-error.js";

const metric = (over: Record<string, unknown>) =>
  ({ key: "k", value: 1, timestamp: 0, step: 0, ...over }) as never;

describe("metric values", () => {
  it.each([0, 0.0, -1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])(
    "accepts %s",
    (value) => {
      expect(() => validateMetric(metric({ value }))).not.toThrow();
    },
  );

  it("rejects missing and non-numeric values", () => {
    expectInvalid(
      () => validateMetric(metric({ value: null })),
      "Missing value for required parameter 'value'.",
    );
    expectInvalid(
      () => validateMetric(metric({ value: "x", timestamp: 7 })),
      `Invalid value "x" for parameter 'value' supplied: (timestamp=7). Please specify value as a valid double (64-bit floating point)`,
    );
    expectInvalid(() => validateMetric(metric({ value: true })), "for parameter 'value' supplied");
  });

  it("rejects negative timestamps and non-numeric steps", () => {
    expectInvalid(
      () => validateMetric(metric({ timestamp: -123 })),
      "Invalid value -123 for parameter 'timestamp' supplied: metric 'k' (value=1.0). Timestamp must be a nonnegative long (64-bit integer) ",
    );
    expectInvalid(
      () => validateMetric(metric({ step: "s" })),
      `Invalid value "s" for parameter 'step' supplied: metric 'k' (value=1.0). Step must be a valid long (64-bit integer).`,
    );
    expect(() => validateMetric(metric({ step: -5 }))).not.toThrow();
  });

  it("limits metric names to 250 characters", () => {
    expect(() => validateMetric(metric({ key: "a".repeat(250) }))).not.toThrow();
    expectInvalid(
      () => validateMetric(metric({ key: "a".repeat(251) })),
      "'Metric name' exceeds the maximum length of 250 characters",
    );
  });

  it("stores NaN and ±Infinity as the SQL store does and reads them back", () => {
    expect(sanitizeMetricValue(Number.NaN)).toEqual({ value: 0, isNan: true });
    expect(sanitizeMetricValue(Number.POSITIVE_INFINITY)).toEqual({
      value: MLFLOW_MAX_FLOAT,
      isNan: false,
    });
    expect(sanitizeMetricValue(Number.NEGATIVE_INFINITY)).toEqual({
      value: -MLFLOW_MAX_FLOAT,
      isNan: false,
    });
    expect(sanitizeMetricValue(2.5)).toEqual({ value: 2.5, isNan: false });
    expect(restoreMetricValue(sanitizeMetricValue(Number.NaN))).toBeNaN();
    expect(restoreMetricValue(sanitizeMetricValue(Number.POSITIVE_INFINITY))).toBe(
      1.7976931348623157e308,
    );
  });
});

describe("lengths", () => {
  it("truncates long param values by default and can reject them", () => {
    const warnings: string[] = [];
    const out = validateParam(
      { key: "p", value: "x".repeat(6001) },
      { onWarning: (m) => warnings.push(m) },
    );
    expect(out.value).toHaveLength(6000);
    expect(warnings).toHaveLength(1);
    expectInvalid(
      () => validateParam({ key: "p", value: "x".repeat(6001) }, { truncateLongValues: false }),
      "'Param value' exceeds the maximum length of 6000 characters",
    );
    expectInvalid(
      () => validateParam({ key: "p".repeat(251), value: "v" }),
      "'Param key' exceeds the maximum length of 250 characters",
    );
  });

  it("counts code points, not UTF-16 units", () => {
    const emoji = "😀".repeat(6000);
    expect(validateParam({ key: "p", value: emoji }, { truncateLongValues: false }).value).toBe(
      emoji,
    );
    expect(validateParam({ key: "p", value: `${emoji}😀` }).value).toBe(emoji);
  });

  it("truncates run tag values at 8000 and checks keys at 250", () => {
    expect(validateTag({ key: "t", value: "x".repeat(8001) }).value).toHaveLength(8000);
    expectInvalid(
      () => validateTag({ key: "t", value: "x".repeat(8001) }, { truncateLongValues: false }),
      "'value' exceeds the maximum length of 8000 characters",
    );
    expectInvalid(
      () => validateTag({ key: "t".repeat(251), value: "v" }),
      "'key' exceeds the maximum length of 250 characters",
    );
  });

  it("never truncates experiment tags (250 / 5000)", () => {
    expect(validateExperimentTag({ key: "k", value: "x".repeat(5000) }).value).toHaveLength(5000);
    expectInvalid(
      () => validateExperimentTag({ key: "k", value: "x".repeat(5001) }),
      "'value' exceeds the maximum length of 5000 characters",
    );
    expectInvalid(
      () => validateExperimentTag({ key: "k".repeat(251), value: "v" }),
      "'key' exceeds the maximum length of 250 characters",
    );
    expectInvalid(
      () => validateExperimentTag({ key: "a//b", value: "v" }),
      "Names may be treated as files",
    );
  });
});

describe("values the registry cannot store are refused before anything is sent", () => {
  it("rejects a fractional or unsafe step and a non-finite timestamp", () => {
    for (const step of [1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
      expectInvalid(
        () => validateMetric(metric({ step })),
        "Step must be a valid long (64-bit integer).",
      );
    }
    for (const timestamp of [Number.POSITIVE_INFINITY, Number.NaN]) {
      expectInvalid(
        () => validateMetric(metric({ timestamp })),
        "Timestamp must be a nonnegative long (64-bit integer)",
      );
    }
    expect(() => validateMetric(metric({ step: -7, timestamp: 1.5 }))).not.toThrow();
  });

  it("rejects NUL, and the text \\u0000, in param, tag and experiment tag values", () => {
    for (const value of ["a\u0000b", "a\\u0000b"]) {
      expectInvalid(
        () => validateParam({ key: "k", value }),
        "Model Registry cannot store the NUL character",
      );
      expectInvalid(() => validateTag({ key: "k", value }), "for parameter 'value' supplied");
      expectInvalid(() => validateExperimentTag({ key: "k", value }), "NUL character");
    }
    expect(() => validateParam({ key: "k", value: "a\\u0001" })).not.toThrow();
  });

  it("rejects inputs that are not objects with an MlflowError, not a TypeError", () => {
    for (const input of [null, undefined, 5, "m", [1]]) {
      expectInvalid(() => validateMetric(input as never), "Expected a metric object.");
      expectInvalid(() => validateParam(input as never), "Expected a param object.");
      expectInvalid(() => validateTag(input as never), "Expected a tag object.");
    }
  });
});
