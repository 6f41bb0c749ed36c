import { describe, expect, it } from "vitest";
import {
  parseExperimentsFilter,
  parseRunsFilter,
  registryArtifactFilterFromClause,
  registryFilterFromClauses,
  registryLifecycleFilter,
  registryPropertyName,
  registryStringLiteral,
} from "../../src/search/index.js";

describe("registryStringLiteral / registryPropertyName", () => {
  it.each([
    ["abc", '"abc"'],
    ['a"b', '"a\\"b"'],
    ["it's", '"it\'s"'],
    ['"quoted"', undefined],
    ["'x", undefined],
    ["x'", undefined],
    ["a\\b", undefined],
    ["a\u0000b", undefined],
  ])("literal %j → %j", (value, expected) => {
    expect(registryStringLiteral(value)).toBe(expected);
  });

  it.each([
    ["mlflow.runName", "`mlflow.runName`"],
    ["a-b c", "`a-b c`"],
    ["x.int_value", undefined],
    ["string_value", undefined],
    ["a`b", undefined],
    ["a\\b", undefined],
    ["description", undefined],
    ["Owner", undefined],
    ["experiment_id", undefined],
    ["", undefined],
  ])("property %j → %j", (key, expected) => {
    expect(registryPropertyName(key)).toBe(expected);
  });
});

describe("registryFilterFromClauses: experiments", () => {
  it.each([
    ["name = 'a'", 'name = "a"', 1],
    ["name LIKE 'a%'", 'name LIKE "a%"', 1],
    ["name ILIKE 'a%'", 'name ILIKE "a%"', 1],
    ["name ILIKE 'é%'", undefined, 1],
    ["name != 'a'", undefined, 1],
    ["creation_time > 5", "createTimeSinceEpoch > 5", 0],
    ["last_update_time != 5", "lastUpdateTimeSinceEpoch != 5", 0],
    ["creation_time > 1.5", undefined, 1],
    ["tags.team = 'x'", '`team` = "x"', 1],
    ["tags.team IS NULL", undefined, 1],
    ["tags.team != 'x'", undefined, 1],
    ["tags.`x.int_value` = '1'", undefined, 1],
    [
      "name = 'a' AND creation_time >= 1 AND tags.k LIKE 'v%'",
      'name = "a" AND createTimeSinceEpoch >= 1 AND `k` LIKE "v%"',
      2,
    ],
    // a non-string custom property (written by another client) reads as a tag in text form,
    // but the registry compares string literals with string values only
    ["tags.k LIKE '%v'", undefined, 1],
    ["tags.k LIKE '_v'", undefined, 1],
    ["tags.n = '5'", undefined, 1],
    ["tags.n = '-1.5'", undefined, 1],
    ["tags.n = '1e+21'", undefined, 1],
    ["tags.b = 'true'", undefined, 1],
    ["tags.b = 'True'", '`b` = "True"', 1],
    ["tags.s = '{\"a\": 1}'", undefined, 1],
    ["tags.k ILIKE 'T%'", undefined, 1],
    ["tags.k LIKE 'v_1%'", '`k` LIKE "v_1%"', 1],
  ])("%s", (filter, query, residualCount) => {
    const { filterQuery, residual } = registryFilterFromClauses(
      parseExperimentsFilter(filter),
      "experiments",
    );
    expect(filterQuery).toBe(query);
    expect(residual).toHaveLength(residualCount);
  });
});

describe("registryFilterFromClauses: runs", () => {
  it.each([
    ["run_id = '12'", "id = 12", 0],
    ["attributes.run_id != '12'", "id != 12", 0],
    ["run_id IN ('1', '2')", "id IN (1, 2)", 0],
    ["run_id IN ('1', 'abc')", undefined, 1],
    ["run_id = '012'", undefined, 1],
    ["run_id = '99999999999'", undefined, 1],
    ["run_id NOT IN ('1')", undefined, 1],
    ["status = 'FINISHED'", 'status = "FINISHED"', 1],
    ["status != 'FINISHED'", undefined, 1],
    // a status MLflow does not know reads as RUNNING, so RUNNING-matching clauses stay in memory
    ["status = 'RUNNING'", undefined, 1],
    ["status LIKE 'RUN%'", undefined, 1],
    ["status ILIKE 'fin%'", 'status ILIKE "fin%"', 1],
    ["tags.`mlflow.user` = 'u'", '`mlflow.user` = "u"', 1],
    ["run_name = 'r'", undefined, 1],
    ["start_time > 5", undefined, 1],
    ["user_id = 'u'", undefined, 1],
    ["metrics.a > 1", undefined, 1],
    ["params.p = 'x'", undefined, 1],
    ["datasets.name = 'd'", undefined, 1],
  ])("%s", (filter, query, residualCount) => {
    const { filterQuery, residual } = registryFilterFromClauses(parseRunsFilter(filter), "runs");
    expect(filterQuery).toBe(query);
    expect(residual).toHaveLength(residualCount);
  });
});

describe("registryArtifactFilterFromClause", () => {
  it.each([
    ["metrics.acc > 0.9", { artifactType: "metric", filterQuery: 'name = "acc"' }],
    ["metrics.acc != 1", { artifactType: "metric", filterQuery: 'name = "acc"' }],
    [
      "params.lr = '0.1'",
      { artifactType: "parameter", filterQuery: 'name = "lr" AND value.string_value = "0.1"' },
    ],
    [
      "params.lr LIKE '0.%'",
      { artifactType: "parameter", filterQuery: 'name = "lr" AND value.string_value LIKE "0.%"' },
    ],
    ["params.lr != '0.1'", { artifactType: "parameter", filterQuery: 'name = "lr"' }],
    ["params.lr IS NOT NULL", { artifactType: "parameter", filterQuery: 'name = "lr"' }],
    ["params.lr IS NULL", undefined],
    ["tags.t = 'x'", undefined],
  ])("%s", (filter, expected) => {
    const [clause] = parseRunsFilter(filter);
    expect(registryArtifactFilterFromClause(clause!)).toEqual(expected);
  });
});

describe("registryLifecycleFilter", () => {
  it("maps view types to registry states", () => {
    expect(registryLifecycleFilter(undefined)).toBe('state = "LIVE"');
    expect(registryLifecycleFilter("ACTIVE_ONLY")).toBe('state = "LIVE"');
    expect(registryLifecycleFilter("DELETED_ONLY")).toBe('state = "ARCHIVED"');
    expect(registryLifecycleFilter("ALL")).toBeUndefined();
  });
});
