import { describe, expect, it } from "vitest";
import {
  assertExperimentsFilterComparators,
  compareExperiments,
  experimentMatches,
  parseExperimentsFilter,
  parseExperimentsOrderBy,
} from "../../src/search/index.js";
import type { Experiment } from "../../src/types.js";
import { expectInvalid } from "../support/expect-mlflow-error.js";

function exp(
  id: string,
  name: string,
  tags: Record<string, string> = {},
  creationTime: number | null = 0,
): Experiment {
  return {
    experimentId: id,
    name,
    artifactLocation: "",
    lifecycleStage: "active",
    tags,
    creationTime,
    lastUpdateTime: creationTime,
  };
}

const named = [
  exp("0", "Default"),
  exp("1", "a", {}, 1),
  exp("2", "ab", {}, 2),
  exp("3", "Abc", {}, 3),
];
const tagged = [
  exp("1", "exp1", { key1: "value" }),
  exp("2", "exp2", { key1: "vaLue" }),
  exp("3", "exp3", { "k e y 1": "value" }),
];

function names(experiments: Experiment[], filter: string): string[] {
  const clauses = parseExperimentsFilter(filter);
  return experiments
    .filter((e) => experimentMatches(clauses, e))
    .sort(compareExperiments())
    .map((e) => e.name);
}

describe("searchExperiments filters (§4.7)", () => {
  it.each([
    ["name = 'a'", ["a"]],
    ["attribute.name = 'a'", ["a"]],
    ["attribute.`name` = 'a'", ["a"]],
    ["attribute.`name` != 'a'", ["Abc", "ab", "Default"]],
    ["name LIKE 'a%'", ["ab", "a"]],
    ["name ILIKE 'a%'", ["Abc", "ab", "a"]],
    ["name ILIKE 'a%' AND name ILIKE '%b'", ["ab"]],
    ["creation_time > 1", ["Abc", "ab"]],
    ["last_update_time <= 1", ["a", "Default"]],
  ])("%s", (filter, expected) => {
    expect(names(named, filter)).toEqual(expected);
  });

  it.each([
    ["tag.key1 = 'value'", ["exp1"]],
    ["tag.`k e y 1` = 'value'", ["exp3"]],
    ["tag.\"k e y 1\" = 'value'", ["exp3"]],
    ["tag.key1 != 'value'", ["exp2"]],
    ["tag.key1 != 'VALUE'", ["exp2", "exp1"]],
    ["tag.key1 LIKE 'val%'", ["exp1"]],
    ["tags.key1 LIKE '%Lue'", ["exp2"]],
    ["tag.key1 ILIKE '%alu%'", ["exp2", "exp1"]],
    ["tag.KEY = 'value'", []],
    ["tag.key1 IS NULL", ["exp3"]],
    ["tag.key1 IS NOT NULL", ["exp2", "exp1"]],
  ])("%s", (filter, expected) => {
    expect(names(tagged, filter).sort()).toEqual([...expected].sort());
  });

  it.each([
    [
      "attributes.name = 'a'",
      "Invalid entity type 'attributes'. Valid entity types are ('attribute', 'tag', 'tags')",
    ],
    ["params.p = 'a'", "Invalid entity type 'params'"],
    ["metrics.m > 1", "Invalid entity type 'metrics'"],
    ["experiment_id = '1'", "Invalid attribute key 'experiment_id' specified. Valid keys are"],
    ["lifecycle_stage = 'active'", "Invalid attribute key 'lifecycle_stage'"],
    [
      "name IN ('a')",
      "Only the 'run_id' attribute supports comparison with a list of quoted string values.",
    ],
    ["name IS NULL", "IS NULL / IS NOT NULL is only supported for tags, not for attribute 'name'"],
    ["creation_time > 'x'", "Expected numeric value type for numeric attribute: creation_time"],
    ["name = 1", "Expected a quoted string value for attributes. Got value 1"],
    ["name = 'a' OR name = 'b'", "Invalid clause(s) in filter string: OR"],
  ])("%s is rejected", (filter, message) => {
    expectInvalid(() => parseExperimentsFilter(filter), message);
  });

  it.each(["name > 'a'", "creation_time LIKE 1", "tag.k > 'a'"])(
    "%s fails at evaluation",
    (filter) => {
      expectInvalid(
        () => assertExperimentsFilterComparators(parseExperimentsFilter(filter)),
        "Invalid comparator",
      );
    },
  );
});

describe("tag IS NULL on experiments (MLflow's SQL store test)", () => {
  const list = [
    exp("0", "Default", {}, 0),
    exp("1", "exp1", { key1: "value", key2: "value" }, 1),
    exp("2", "exp2", { key1: "value" }, 2),
    exp("3", "exp3", {}, 3),
  ];
  it.each([
    ["tag.key1 IS NOT NULL", ["exp2", "exp1"]],
    ["tag.key2 IS NULL", ["exp3", "exp2", "Default"]],
    ["tag.key1 IS NOT NULL AND tag.key2 IS NULL", ["exp2"]],
    ["tag.key1 = 'value' AND tag.key2 IS NULL", ["exp2"]],
  ])("%s", (filter, expected) => {
    expect(names(list, filter)).toEqual(expected);
  });
});

describe("searchExperiments order_by", () => {
  const list = [
    exp("0", "Default", {}, 5),
    exp("1", "z", {}, 7),
    exp("2", "x", {}, 7),
    exp("10", "y", {}, null),
  ];
  const order = (orderBy?: string[]) =>
    [...list].sort(compareExperiments(parseExperimentsOrderBy(orderBy))).map((e) => e.name);

  it("defaults to creation_time DESC, experiment_id ASC (missing last)", () => {
    expect(order()).toEqual(["z", "x", "Default", "y"]);
  });
  it("orders by name, and by experiment id as an integer", () => {
    expect(order(["name"])).toEqual(["Default", "x", "y", "z"]);
    expect(order(["experiment_id DESC"])).toEqual(["y", "x", "z", "Default"]);
  });
  it("appends experiment_id DESC as tie-breaker", () => {
    expect(order(["creation_time DESC"])).toEqual(["x", "z", "Default", "y"]);
  });
  it("rejects tags and unknown keys", () => {
    expectInvalid(
      () => compareExperiments(parseExperimentsOrderBy(["tags.x"])),
      "Invalid order_by entity: tag",
    );
    expectInvalid(
      () => parseExperimentsOrderBy(["lifecycle_stage"]),
      "Invalid attribute key 'lifecycle_stage'",
    );
    expectInvalid(() => parseExperimentsOrderBy(["artifact_location"]), "Invalid attribute key");
  });
});
