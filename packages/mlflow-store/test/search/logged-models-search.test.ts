import { describe, expect, it } from "vitest";
import {
  compareLoggedModels,
  type LoggedModelMetric,
  loggedModelMatches,
  parseLoggedModelsFilter,
  parseLoggedModelsOrderBy,
  validateLoggedModelDatasets,
} from "../../src/search/index.js";
import type { LoggedModel } from "../../src/types.js";
import { expectInvalid } from "../support/expect-mlflow-error.js";

function model(id: string, over: Partial<LoggedModel> = {}): LoggedModel {
  return {
    modelId: id,
    experimentId: "1",
    name: `model-${id}`,
    sourceRunId: null,
    artifactLocation: "",
    modelType: null,
    status: "READY",
    creationTimestamp: 0,
    lastUpdatedTimestamp: 0,
    tags: {},
    params: {},
    ...over,
  };
}

const point = (
  key: string,
  value: number,
  timestamp = 0,
  step = 0,
  dataset?: [string, string],
): LoggedModelMetric => ({
  key,
  value,
  timestamp,
  step,
  ...(dataset ? { datasetName: dataset[0], datasetDigest: dataset[1] } : {}),
});

describe("parseLoggedModelsFilter (SQL store grammar, §4.8)", () => {
  it.each([
    ["name = 'foo'", [{ type: "attributes", key: "name", comparator: "=", value: "foo" }]],
    [
      "attributes.name = 'foo'",
      [{ type: "attributes", key: "name", comparator: "=", value: "foo" }],
    ],
    ["name IN ('a')", [{ type: "attributes", key: "name", comparator: "IN", value: ["a"] }]],
    ["name IN ('a',)", [{ type: "attributes", key: "name", comparator: "IN", value: ["a"] }]],
    [
      "name NOT IN ('a', 'foo')",
      [{ type: "attributes", key: "name", comparator: "NOT IN", value: ["a", "foo"] }],
    ],
    ["metrics.acc > 0.5", [{ type: "metrics", key: "acc", comparator: ">", value: 0.5 }]],
    ["metrics.`a b` >= 1", [{ type: "metrics", key: "a b", comparator: ">=", value: 1 }]],
    ['params.p = "v"', [{ type: "params", key: "p", comparator: "=", value: '"v"' }]],
    ["tags.t LIKE 'x%'", [{ type: "tags", key: "t", comparator: "LIKE", value: "x%" }]],
    [
      "creation_time > 5",
      [{ type: "attributes", key: "creation_timestamp", comparator: ">", value: 5 }],
    ],
    [
      "status = 'READY' AND model_type = 'agent'",
      [
        { type: "attributes", key: "status", comparator: "=", value: "READY" },
        { type: "attributes", key: "model_type", comparator: "=", value: "agent" },
      ],
    ],
    ["", []],
  ])("%s", (filter, expected) => {
    expect(parseLoggedModelsFilter(filter)).toEqual(expected);
  });

  it.each([
    [
      "Foo",
      "Invalid filter string: 'Foo'. Expected a list of comparisons separated by 'AND' (e.g. 'metrics.loss > 0.1 AND params.lr = 0.01').",
    ],
    ["name = 'foo' OR name = 'bar'", "Expected a list of comparisons separated by 'AND'"],
    [
      "foo.bar = 'a'",
      "Invalid entity type: 'foo'. Expected one of ['attributes', 'metrics', 'params', 'tags'].",
    ],
    ["metric.x > 1", "Invalid entity type: 'metric'."],
    ["param.x = 'a'", "Invalid entity type: 'param'."],
    [
      "name > 'foo'",
      "Invalid comparison operator for attributes.name: '>'. Expected one of ('=', '!=', 'LIKE', 'ILIKE', 'IN', 'NOT IN').",
    ],
    ["metrics.foo LIKE 0", "Invalid comparison operator for metrics.foo: 'LIKE'."],
    ["tags.t IS NULL", "Invalid comparison: tags.t IS NULL. Expected a comparison with 3 tokens."],
    ["creation_timestamp > '5'", "Invalid numeric value for attributes.creation_timestamp"],
    ["name = 'a'; name = 'b'", "Expected a single SQL expression."],
    ["unknown_attr = 'a'", "Invalid attribute key 'unknown_attr'"],
  ])("%s is rejected", (filter, message) => {
    expectInvalid(() => parseLoggedModelsFilter(filter), message);
  });
});

describe("loggedModelMatches", () => {
  const m1 = model("m-1", {
    name: "alpha",
    params: { lr: "0.1" },
    tags: { t: "x1" },
    modelType: "agent",
    creationTimestamp: 10,
  });
  const m2 = model("m-2", {
    name: "beta",
    status: "PENDING",
    params: { lr: "0.2" },
    creationTimestamp: 20,
  });
  const metrics = new Map<string, LoggedModelMetric[]>([
    ["m-1", [point("acc", 0.9, 1, 0, ["train", "d1"]), point("acc", 0.5, 2, 1, ["eval", "d2"])]],
    ["m-2", [point("acc", 0.7, 1, 0, ["eval", "d2"])]],
  ]);
  const ids = (filter: string, datasets?: { datasetName: string; datasetDigest?: string }[]) => {
    const clauses = parseLoggedModelsFilter(filter);
    return [m1, m2]
      .filter((m) =>
        loggedModelMatches(clauses, m, {
          metrics: metrics.get(m.modelId) ?? [],
          ...(datasets ? { datasets } : {}),
        }),
      )
      .map((m) => m.modelId);
  };

  it.each([
    ["name = 'alpha'", ["m-1"]],
    ["name IN ('alpha', 'beta')", ["m-1", "m-2"]],
    ["name NOT IN ('alpha')", ["m-2"]],
    ["name LIKE 'AL%'", []],
    ["name ILIKE 'AL%'", ["m-1"]],
    ["status = 'PENDING'", ["m-2"]],
    ["model_type = 'agent'", ["m-1"]],
    ["model_type != 'agent'", []],
    ["params.lr = '0.2'", ["m-2"]],
    ["tags.t != 'zz'", ["m-1"]],
    ["metrics.acc > 0.8", ["m-1"]],
    ["metrics.acc < 0.6", ["m-1"]],
    ["creation_timestamp >= 20", ["m-2"]],
    ["metrics.missing > 0", []],
  ])("%s", (filter, expected) => {
    expect(ids(filter)).toEqual(expected);
  });

  it("restricts metric filters to the given datasets", () => {
    expect(ids("metrics.acc > 0.8", [{ datasetName: "eval" }])).toEqual([]);
    expect(ids("metrics.acc > 0.6", [{ datasetName: "eval", datasetDigest: "d2" }])).toEqual([
      "m-2",
    ]);
    expect(ids("", [{ datasetName: "train" }])).toEqual(["m-1"]);
    expect(ids("", [{ datasetName: "eval" }])).toEqual(["m-1", "m-2"]);
  });

  it("requires dataset names", () => {
    expectInvalid(
      () => validateLoggedModelDatasets([{ datasetName: "" }]),
      "`dataset_name` in the `datasets` clause must be specified.",
    );
    expect(() => validateLoggedModelDatasets([{ datasetName: "x" }])).not.toThrow();
  });
});

describe("logged model order_by", () => {
  const a = model("m-a", { name: "a", creationTimestamp: 1 });
  const b = model("m-b", { name: "b", creationTimestamp: 3 });
  const c = model("m-c", { name: "c", creationTimestamp: 3 });
  const metrics: Record<string, LoggedModelMetric[]> = {
    "m-a": [point("loss", 5, 1), point("loss", 1, 9)],
    "m-b": [point("loss", 3, 2)],
    "m-c": [],
  };
  const order = (orderBy?: Parameters<typeof parseLoggedModelsOrderBy>[0]) =>
    [a, b, c]
      .sort(compareLoggedModels(parseLoggedModelsOrderBy(orderBy), (m) => metrics[m.modelId] ?? []))
      .map((m) => m.name);

  it("defaults to creation_timestamp DESC with model_id as final tie-break", () => {
    expect(order()).toEqual(["b", "c", "a"]);
  });
  it("orders by attributes", () => {
    expect(order([{ fieldName: "name", ascending: false }])).toEqual(["c", "b", "a"]);
    expect(order([{ fieldName: "creation_time" }])).toEqual(["a", "b", "c"]);
  });
  it("orders by the latest metric value with missing metrics last both ways", () => {
    expect(order([{ fieldName: "metrics.loss" }])).toEqual(["a", "b", "c"]);
    expect(order([{ fieldName: "metrics.loss", ascending: false }])).toEqual(["b", "a", "c"]);
  });
  it("rejects other fields", () => {
    expectInvalid(
      () => parseLoggedModelsOrderBy([{ fieldName: "params.lr" }]),
      "Invalid order by field name: params.lr. Only metrics are supported.",
    );
    expectInvalid(
      () => parseLoggedModelsOrderBy([{ fieldName: "nope" }]),
      "Invalid order by field name: nope",
    );
  });
});
