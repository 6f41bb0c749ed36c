import { describe, expect, it } from "vitest";
import {
  isValidKeyName,
  pathNotUnique,
  validateMetric,
  validateParam,
  validateTag,
} from "../../src/validation/index.js";
import { expectInvalid } from "../support/expect-mlflow-error.js";

const GOOD = [
  "a",
  "Ab-5_",
  "a/b/c",
  "a.b.c",
  ".a",
  "b.",
  "a..a/._./o_O/.e.",
  "a b/c d",
  "日本語",
  "é",
  "a:b",
];
const BAD = [
  "",
  ".",
  "/",
  "..",
  "//",
  "a//b",
  "a/./b",
  "/a",
  "a/",
  "\\",
  "./",
  "/./",
  "a$b",
  "a\tb",
  "a+b",
  "a=b",
  "a@b",
  "a,b",
  "a#b",
];

describe("key names", () => {
  it.each(GOOD)("accepts %j", (name) => {
    expect(isValidKeyName(name)).toBe(true);
    expect(() => validateParam({ key: name, value: "v" })).not.toThrow();
  });

  it.each(BAD)("rejects %j", (name) => {
    expect(isValidKeyName(name)).toBe(false);
    expectInvalid(() => validateParam({ key: name, value: "v" }), "for parameter 'key' supplied");
    expectInvalid(() => validateTag({ key: name, value: "v" }), "for parameter 'key' supplied");
    expectInvalid(
      () => validateMetric({ key: name, value: 1, timestamp: 0, step: 0 }),
      "for parameter 'name' supplied",
    );
  });

  it.each([
    ["./a", true],
    ["a/b/../c", true],
    [".", true],
    ["../a/b", true],
    ["/a/b/c", true],
    ["a", false],
    ["a/b/c", false],
    ["a.b/c", false],
    [".a", false],
  ] as const)("pathNotUnique(%j) = %s", (name, expected) => {
    expect(pathNotUnique(name)).toBe(expected);
  });

  it("uses MLflow's exact messages", () => {
    expectInvalid(
      () => validateParam({ key: "a$b", value: "v" }),
      `Invalid value "a$b" for parameter 'key' supplied: Names may only contain alphanumerics, underscores (_), dashes (-), periods (.), spaces ( ), colon(:) and slashes (/).`,
    );
    expectInvalid(
      () => validateParam({ key: "a//b", value: "v" }),
      `Invalid value "a//b" for parameter 'key' supplied: Names may be treated as files in certain cases, and must not resolve to other names when treated as such. This name would resolve to 'a/b'`,
    );
    expectInvalid(
      () => validateMetric({ key: null as unknown as string, value: 1, timestamp: 0, step: 0 }),
      "Invalid value null for parameter 'name' supplied: Metric name cannot be None. A key name must be provided.",
    );
    expectInvalid(
      () => validateParam({ key: undefined as unknown as string, value: "v" }),
      `Invalid value "" for parameter 'key' supplied: A key name must be provided.`,
    );
    expectInvalid(
      () => validateTag({ key: null as unknown as string, value: "v" }),
      "Missing value for required parameter 'key'.",
    );
    // non-ASCII is JSON-escaped as Python's json.dumps does
    expectInvalid(() => validateParam({ key: "é$", value: "v" }), `Invalid value "\\u00e9$"`);
  });
});
