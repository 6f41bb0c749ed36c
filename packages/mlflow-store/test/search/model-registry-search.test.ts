import { describe, expect, it } from "vitest";
import {
  compareModelVersions,
  compareRegisteredModels,
  type ModelVersion,
  modelVersionMatches,
  parseModelVersionsFilter,
  parseModelVersionsOrderBy,
  parseRegisteredModelsFilter,
  parseRegisteredModelsOrderBy,
  type RegisteredModel,
  registeredModelMatches,
} from "../../src/index.js";
import { expectInvalid } from "../support/expect-mlflow-error.js";

function model(name: string, extra: Partial<RegisteredModel> = {}): RegisteredModel {
  return {
    name,
    creationTimestamp: 1,
    lastUpdatedTimestamp: 1,
    description: null,
    latestVersions: [],
    tags: {},
    aliases: {},
    ...extra,
  };
}

function version(name: string, v: string, extra: Partial<ModelVersion> = {}): ModelVersion {
  return {
    name,
    version: v,
    creationTimestamp: 1,
    lastUpdatedTimestamp: 1,
    description: null,
    userId: null,
    currentStage: "None",
    source: "",
    runId: null,
    runLink: null,
    status: "READY",
    statusMessage: null,
    tags: {},
    aliases: [],
    modelId: null,
    ...extra,
  };
}

describe("registered-model filters (SearchModelUtils)", () => {
  it("parses name and tag clauses joined by AND", () => {
    expect(
      parseRegisteredModelsFilter(
        "name = 'a' AND attribute.name LIKE 'b%' AND tags.`k e y` = \"v\"",
      ),
    ).toEqual([
      { type: "attribute", key: "name", comparator: "=", value: "a" },
      { type: "attribute", key: "name", comparator: "LIKE", value: "b%" },
      { type: "tag", key: "k e y", comparator: "=", value: "v" },
    ]);
    expect(parseRegisteredModelsFilter("tag.team ilike 'G%'")).toEqual([
      { type: "tag", key: "team", comparator: "ILIKE", value: "G%" },
    ]);
    expect(parseRegisteredModelsFilter(undefined)).toEqual([]);
  });

  it("rejects what MLflow rejects, with MLflow's messages", () => {
    expectInvalid(
      () => parseRegisteredModelsFilter("version_number = 1"),
      "Invalid attribute key 'version_number' specified. Valid keys are '{'name'}'",
    );
    expectInvalid(
      () => parseRegisteredModelsFilter("name = 5"),
      "Expected a quoted string value or a list of quoted string values for attributes. Got value 5",
    );
    expectInvalid(
      () => parseRegisteredModelsFilter("params.x = 'a'"),
      "Invalid entity type 'params'. Valid entity types are ('attribute', 'tag', 'tags')",
    );
    expectInvalid(
      () => parseRegisteredModelsFilter("name = 'a' OR name = 'b'"),
      "Invalid clause(s) in filter string: OR",
    );
    expectInvalid(
      () => parseRegisteredModelsFilter("tags.x IS NULL"),
      "Invalid clause(s) in filter string: tags.x, IS, NULL",
    );
    expectInvalid(
      () => parseRegisteredModelsFilter("name IN ('a')"),
      "Only the 'run_id' attribute supports comparison with a list of quoted string values.",
    );
    expectInvalid(
      () => registeredModelMatches(parseRegisteredModelsFilter("name > 'a'"), model("b")),
      "Invalid comparator for attribute: >",
    );
    expectInvalid(
      () => registeredModelMatches(parseRegisteredModelsFilter("tags.t < 'a'"), model("b")),
      "Invalid comparator for tag: <",
    );
  });

  it("matches as MLflow: LIKE is case-sensitive, ILIKE not, a missing tag never matches", () => {
    const m = model("Churn-A", { tags: { team: "growth" } });
    const matches = (filter: string) =>
      registeredModelMatches(parseRegisteredModelsFilter(filter), m);
    expect(matches("name LIKE 'Churn%'")).toBe(true);
    expect(matches("name LIKE 'churn%'")).toBe(false);
    expect(matches("name ILIKE 'churn%'")).toBe(true);
    expect(matches("name != 'x' AND tags.team = 'growth'")).toBe(true);
    expect(matches("tags.owner != 'x'")).toBe(false);
  });
});

describe("model-version filters (SearchModelVersionUtils)", () => {
  it("parses name, version_number, run_id lists, source_path and tags", () => {
    expect(
      parseModelVersionsFilter(
        "name = 'm' AND version_number >= 2 AND run_id IN ('1', '22', 'AB') AND source_path LIKE 's3://%' AND tags.k = 'v'",
      ),
    ).toEqual([
      { type: "attribute", key: "name", comparator: "=", value: "m" },
      { type: "attribute", key: "version_number", comparator: ">=", value: "2" },
      { type: "attribute", key: "run_id", comparator: "IN", value: ["1", "22"] },
      { type: "attribute", key: "source_path", comparator: "LIKE", value: "s3://%" },
      { type: "tag", key: "k", comparator: "=", value: "v" },
    ]);
  });

  it("rejects numbers for string attributes and comparators MLflow refuses", () => {
    expectInvalid(
      () => parseModelVersionsFilter("run_id = 5"),
      "Only the '{'creation_timestamp', 'last_updated_timestamp', 'version_number'}' attributes support comparison with numeric values.",
    );
    expectInvalid(
      () =>
        modelVersionMatches(parseModelVersionsFilter("version_number LIKE '1'"), version("m", "1")),
      "Invalid comparator for attribute version_number: LIKE",
    );
    expectInvalid(
      () => modelVersionMatches(parseModelVersionsFilter("source_path > 'a'"), version("m", "1")),
      "Invalid comparator for attribute: >",
    );
    expectInvalid(
      () => parseModelVersionsFilter("tags.k IN ('a')"),
      "Expected a quoted string value for tag (e.g. 'my-value'). Got value ('a')",
    );
  });

  it("compares version numbers numerically; registry names that are not integers never match", () => {
    const clauses = parseModelVersionsFilter("version_number > 9");
    expect(modelVersionMatches(clauses, version("m", "10"))).toBe(true);
    expect(modelVersionMatches(clauses, version("m", "9"))).toBe(false);
    expect(modelVersionMatches(clauses, version("m", "v10"))).toBe(false);
    expect(
      modelVersionMatches(parseModelVersionsFilter("version_number = '3'"), version("m", "3")),
    ).toBe(true);
    const byRun = parseModelVersionsFilter("run_id IN ('5', '6')");
    expect(modelVersionMatches(byRun, version("m", "1", { runId: "6" }))).toBe(true);
    expect(modelVersionMatches(byRun, version("m", "1"))).toBe(false);
  });
});

describe("model-registry order_by", () => {
  it("registered models: name and (last updated) timestamp, then name ASC", () => {
    expect(parseRegisteredModelsOrderBy(["timestamp DESC", "name"])).toEqual([
      { key: "last_updated_timestamp", ascending: false },
      { key: "name", ascending: true },
    ]);
    expectInvalid(
      () => parseRegisteredModelsOrderBy(["creation_timestamp"]),
      "Invalid order by key 'creation_timestamp' specified.Valid keys are '{'name', 'timestamp'}'",
    );
    expectInvalid(
      () => parseRegisteredModelsOrderBy(["timestamp", "last_updated_timestamp DESC"]),
      "`order_by` contains duplicate fields: ['timestamp', 'last_updated_timestamp DESC']",
    );
    const models = [
      model("b", { lastUpdatedTimestamp: 5 }),
      model("a", { lastUpdatedTimestamp: 5 }),
      model("c", { lastUpdatedTimestamp: 9 }),
    ];
    expect([...models].sort(compareRegisteredModels()).map((m) => m.name)).toEqual(["a", "b", "c"]);
    expect(
      [...models]
        .sort(compareRegisteredModels(parseRegisteredModelsOrderBy(["timestamp DESC"])))
        .map((m) => m.name),
    ).toEqual(["c", "a", "b"]);
  });

  it("model versions: default last_updated_timestamp DESC, name ASC, version_number DESC", () => {
    const versions = [
      version("a", "1", { lastUpdatedTimestamp: 1 }),
      version("a", "10", { lastUpdatedTimestamp: 1 }),
      version("a", "2", { lastUpdatedTimestamp: 1 }),
      version("b", "1", { lastUpdatedTimestamp: 3 }),
      version("a", "v1", { lastUpdatedTimestamp: 1 }),
    ];
    const sorted = [...versions].sort(compareModelVersions(parseModelVersionsOrderBy(undefined)));
    expect(sorted.map((v) => `${v.name}/${v.version}`)).toEqual([
      "b/1",
      "a/10",
      "a/2",
      "a/1",
      "a/v1",
    ]);
    expect(parseModelVersionsOrderBy(["attribute.version_number ASC"])).toEqual([
      { key: "version_number", ascending: true },
    ]);
    expectInvalid(
      () => parseModelVersionsOrderBy(["tags.x"]),
      "Invalid order by key 'x' specified. Valid keys are {'creation_timestamp', 'last_updated_timestamp', 'name', 'version_number'}",
    );
  });
});
