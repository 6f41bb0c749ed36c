import { describe, expect, it } from "vitest";
import {
  validateBatch,
  validateDatasetInput,
  validateExperimentId,
  validateExperimentName,
  validateLoggedModelName,
  validateLoggedModelStatus,
  validateMaxResults,
  validateRunId,
  validateRunName,
} from "../../src/validation/index.js";
import { expectInvalid } from "../support/expect-mlflow-error.js";

const metrics = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ key: `m${i}`, value: i, timestamp: 0, step: 0 }));
const kvs = (n: number, prefix: string) =>
  Array.from({ length: n }, (_, i) => ({ key: `${prefix}${i}`, value: "v" }));

describe("validateBatch", () => {
  it.each([
    [1000, 0, 0],
    [0, 100, 0],
    [0, 0, 100],
    [800, 100, 100],
  ])("accepts %i metrics, %i params, %i tags", (m, p, t) => {
    expect(() =>
      validateBatch({ metrics: metrics(m), params: kvs(p, "p"), tags: kvs(t, "t") }),
    ).not.toThrow();
  });

  it.each([
    [
      1001,
      0,
      0,
      "A batch logging request can contain at most 1000 metrics. Got 1001 metrics. Please split up metrics across multiple requests and try again.",
    ],
    [
      0,
      101,
      0,
      "A batch logging request can contain at most 100 params. Got 101 params. Please split up params across multiple requests and try again.",
    ],
    [0, 0, 101, "at most 100 tags. Got 101 tags."],
    [
      900,
      51,
      50,
      "A batch logging request can contain at most 1000 metrics, params, and tags. Got 1001 metrics, params, and tags.",
    ],
  ])("rejects %i metrics, %i params, %i tags", (m, p, t, message) => {
    expectInvalid(
      () => validateBatch({ metrics: metrics(m), params: kvs(p, "p"), tags: kvs(t, "t") }),
      message,
    );
  });

  it("rejects duplicate param keys even with equal values; tags may repeat", () => {
    expectInvalid(
      () =>
        validateBatch({
          params: [
            { key: "k", value: "1" },
            { key: "k", value: "1" },
          ],
        }),
      "Duplicate parameter keys have been submitted: ['k']. Please ensure the request contains only one param value per param key.",
    );
    expect(() =>
      validateBatch({
        tags: [
          { key: "t", value: "1" },
          { key: "t", value: "2" },
        ],
      }),
    ).not.toThrow();
  });

  it("reports paths inside the batch", () => {
    expectInvalid(
      () =>
        validateBatch({
          metrics: [...metrics(2), { key: "a//b", value: 1, timestamp: 0, step: 0 }],
        }),
      "parameter 'metrics[2].name'",
    );
    expectInvalid(
      () => validateBatch({ params: [{ key: "a$", value: "v" }] }),
      "parameter 'params[0].key'",
    );
    expectInvalid(
      () =>
        validateBatch(
          { tags: [{ key: "t", value: "x".repeat(9000) }] },
          { truncateLongValues: false },
        ),
      "'tags[0].value' exceeds",
    );
  });

  it("validates entries before limits", () => {
    expectInvalid(
      () => validateBatch({ params: [...kvs(101, "p"), { key: "a$", value: "v" }] }),
      "parameter 'params[101].key'",
    );
  });
});

describe("identifiers and names", () => {
  it("validates experiment names", () => {
    expectInvalid(() => validateExperimentName(""), "Invalid experiment name: ''");
    expectInvalid(() => validateExperimentName(undefined), "Invalid experiment name: 'None'");
    expectInvalid(
      () => validateExperimentName(12),
      "Invalid experiment name: 12. Expects a string.",
    );
    expectInvalid(
      () => validateExperimentName("x".repeat(501)),
      "'name' exceeds the maximum length of 500 characters",
    );
    expect(() => validateExperimentName("any $ name / ok")).not.toThrow();
  });

  it.each(["a".repeat(32), "A".repeat(32), "a_".repeat(32), "a".repeat(256), "12"])(
    "accepts run id %s",
    (id) => {
      expect(() => validateRunId(id)).not.toThrow();
    },
  );
  it.each(["a/bc".repeat(8), "", "a".repeat(400), "*****"])("rejects run id %s", (id) => {
    expectInvalid(() => validateRunId(id), `for parameter 'run_id' supplied.`);
  });

  it("requires integer experiment ids", () => {
    expect(() => validateExperimentId("12")).not.toThrow();
    expectInvalid(
      () => validateExperimentId("abc"),
      "Invalid experiment ID 'abc'. Experiment ID must be a valid integer.",
    );
  });

  it("reconciles run name and mlflow.runName", () => {
    expect(validateRunName("a", undefined)).toBe("a");
    expect(validateRunName(undefined, "b")).toBe("b");
    expect(validateRunName("a", "a")).toBe("a");
    expect(validateRunName(undefined, undefined)).toBeUndefined();
    expectInvalid(
      () => validateRunName("a", "b"),
      "Both 'run_name' argument and 'mlflow.runName' tag are specified, but with different values (run_name='a', mlflow.runName='b').",
    );
  });

  it("validates logged model names and statuses", () => {
    expect(() => validateLoggedModelName(undefined)).not.toThrow();
    expect(() => validateLoggedModelName("model-1")).not.toThrow();
    for (const bad of ["", "a.b", "a/b", "a:b", "a%b", 'a"b', "a'b"]) {
      expectInvalid(
        () => validateLoggedModelName(bad),
        "Model name must be a non-empty string and cannot contain the following characters: ('/', ':', '.', '%', '\"', \"'\")",
      );
    }
    expectInvalid(() => validateLoggedModelName("a.b"), "Invalid model name ('a.b') provided.");
    expect(() => validateLoggedModelStatus("READY")).not.toThrow();
    expectInvalid(() => validateLoggedModelStatus("DONE"), "Invalid logged model status");
  });
});

describe("validateMaxResults", () => {
  it.each([
    ["searchRuns", undefined, 1000],
    ["searchRuns", null, null],
    ["searchRuns", 50000, 50000],
    ["searchExperiments", undefined, 1000],
    ["searchExperiments", 1, 1],
    ["searchLoggedModels", undefined, 100],
    ["searchLoggedModels", 100000, 100000],
    ["getMetricHistory", undefined, null],
    ["getMetricHistory", 25000, 25000],
  ] as const)("%s(%s) → %s", (kind, value, expected) => {
    expect(validateMaxResults(kind, value)).toBe(expected);
  });

  it.each([
    [
      "searchRuns",
      0,
      "Invalid value 0 for parameter 'max_results' supplied. It must be a positive integer",
    ],
    ["searchRuns", -1, "It must be a positive integer"],
    ["searchRuns", 1.5, "It must be a positive integer"],
    [
      "searchRuns",
      50001,
      "Invalid value 50001 for parameter 'max_results' supplied. It must be at most 50000",
    ],
    [
      "searchExperiments",
      null,
      "Invalid value None for parameter 'max_results' supplied. It must be a positive integer",
    ],
    ["searchExperiments", 50001, "It must be at most 50000"],
    ["searchLoggedModels", 0, "It must be a positive integer"],
    ["getMetricHistory", 0, "It must be a positive integer"],
  ] as const)("%s(%s) is rejected", (kind, value, message) => {
    expectInvalid(() => validateMaxResults(kind, value), message);
  });
});

describe("validateDatasetInput", () => {
  const dataset = { name: "d", digest: "abc", sourceType: "code", source: "{}" };
  it("accepts a complete input", () => {
    expect(() =>
      validateDatasetInput({ dataset, tags: [{ key: "mlflow.data.context", value: "train" }] }),
    ).not.toThrow();
  });
  it.each([
    [{ ...dataset, name: undefined }, "Dataset name cannot be None"],
    [{ ...dataset, digest: undefined }, "Dataset digest cannot be None"],
    [{ ...dataset, sourceType: undefined }, "Dataset source_type cannot be None"],
    [{ ...dataset, source: undefined }, "Dataset source cannot be None"],
    [{ ...dataset, name: "n".repeat(501) }, "'name' exceeds the maximum length of 500 characters"],
    [
      { ...dataset, digest: "d".repeat(37) },
      "'digest' exceeds the maximum length of 36 characters",
    ],
    [
      { ...dataset, source: "s".repeat(65536) },
      "'source' exceeds the maximum length of 65535 characters",
    ],
  ])("rejects %#", (bad, message) => {
    expectInvalid(() => validateDatasetInput({ dataset: bad as never, tags: [] }), message);
  });
  it("checks input tags", () => {
    expectInvalid(
      () => validateDatasetInput({ dataset, tags: [{ key: "k".repeat(256), value: "v" }] }),
      "'key' exceeds the maximum length of 255 characters",
    );
    expectInvalid(
      () => validateDatasetInput({ dataset, tags: [{ key: "k", value: "v".repeat(501) }] }),
      "'value' exceeds the maximum length of 500 characters",
    );
    expectInvalid(
      () => validateDatasetInput({ dataset, tags: [{ key: "k", value: null as never }] }),
      "InputTag value cannot be None",
    );
  });
});
