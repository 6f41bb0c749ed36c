import { describe, expect, it } from "vitest";
import { isMlflowError } from "../mlflow-error.js";
import type { LoggedModel } from "../types.js";
import { loggedModelMatches, parseLoggedModelsFilter } from "./logged-model-filter.js";

const model: LoggedModel = {
  modelId: "12",
  experimentId: "1",
  name: "iris-Model",
  sourceRunId: "4",
  artifactLocation: "s3://b/m",
  modelType: null,
  status: "READY",
  statusMessage: null,
  creationTimestamp: 1000,
  lastUpdatedTimestamp: 2000,
  tags: { team: "vision", "my key": "x" },
  params: { lr: "0.01" },
};

function matches(filter: string): boolean {
  return loggedModelMatches(parseLoggedModelsFilter(filter), model);
}

function errorOf(filter: string): string {
  try {
    parseLoggedModelsFilter(filter);
  } catch (error) {
    if (isMlflowError(error) && error.errorCode === "INVALID_PARAMETER_VALUE") return error.message;
    throw error;
  }
  throw new Error(`expected ${filter} to be rejected`);
}

describe("parseLoggedModelsFilter", () => {
  it("parses prefixed and bare comparisons joined by AND", () => {
    expect(
      parseLoggedModelsFilter("name = 'a' and tags.t != 'b' AND params.p IN ('1', '2')"),
    ).toEqual([
      { entity: "attributes", key: "name", comparator: "=", value: "a" },
      { entity: "tags", key: "t", comparator: "!=", value: "b" },
      { entity: "params", key: "p", comparator: "IN", value: ["1", "2"] },
    ]);
    expect(parseLoggedModelsFilter("attributes.creation_time > 5")).toEqual([
      { entity: "attributes", key: "creation_timestamp", comparator: ">", value: 5 },
    ]);
    expect(parseLoggedModelsFilter("tags.`my key` = 'x'")[0]?.key).toBe("my key");
    expect(parseLoggedModelsFilter("name NOT IN ('a', 'foo')")[0]?.comparator).toBe("NOT IN");
    expect(parseLoggedModelsFilter("  ")).toEqual([]);
  });

  it("rejects what MLflow's SQL store rejects, with its messages", () => {
    expect(errorOf("name = 'foo' OR name = 'bar'")).toBe(
      "Invalid filter string: 'name = 'foo' OR name = 'bar''. Expected a list of comparisons separated by 'AND' (e.g. 'metrics.loss > 0.1 AND params.lr = 0.01').",
    );
    expect(errorOf("metric.x > 1")).toBe(
      "Invalid entity type: 'metric'. Expected one of ['attributes', 'metrics', 'params', 'tags'].",
    );
    expect(errorOf("name > 'foo'")).toBe(
      "Invalid comparison operator for attributes.name: '>'. Expected one of ('=', '!=', 'LIKE', 'ILIKE', 'IN', 'NOT IN').",
    );
    expect(errorOf("tags.t IS NULL")).toContain("Expected a comparison with 3 tokens.");
    expect(errorOf("Foo")).toContain("Invalid attribute key 'Foo'");
    expect(errorOf("creation_timestamp > '5'")).toContain("expected a number");
  });
});

describe("loggedModelMatches", () => {
  it.each([
    ["name = 'iris-Model'", true],
    ["name = 'iris-model'", false],
    ["name LIKE 'iris%'", true],
    ["name LIKE 'IRIS%'", false],
    ["name ILIKE 'IRIS%'", true],
    ["name IN ('a', 'iris-Model')", true],
    ["name NOT IN ('iris-Model')", false],
    ["tags.team = 'vision' AND params.lr = '0.01'", true],
    ['params.lr = "0.01"', false],
    ["tags.missing != 'x'", false],
    ["model_type = 'sklearn'", false],
    ["model_id = '12'", true],
    ["source_run_id = '4'", true],
    ["status = 'READY'", true],
    ["creation_timestamp >= 1000 AND last_updated_timestamp < 2001", true],
    ["metrics.acc > 0", false],
  ])("%s → %s", (filter, expected) => {
    expect(matches(filter)).toBe(expected);
  });
});
