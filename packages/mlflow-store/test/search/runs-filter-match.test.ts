import { describe, expect, it } from "vitest";
import {
  assertRunsFilterComparators,
  parseRunsFilter,
  runMatches,
} from "../../src/search/index.js";
import type { Run } from "../../src/types.js";
import { expectInvalid } from "../support/expect-mlflow-error.js";
import { makeRun } from "./run-fixtures.js";

function ids(runs: readonly Run[], filter: string): string[] {
  const clauses = parseRunsFilter(filter);
  return runs.filter((run) => runMatches(clauses, run)).map((run) => run.info.runId);
}

// Fixture A of mlflow-semantics §4.5
const fixtureA = [
  makeRun({
    id: "0",
    status: "FAILED",
    metrics: { key1: 121 },
    params: { my_param: "A" },
    datasets: [{ name: "name1", digest: "digest1", context: "train" }],
  }),
  makeRun({
    id: "1",
    status: "FINISHED",
    metrics: { key1: 123 },
    params: { my_param: "A" },
    tags: { tag1: "C" },
    datasets: [{ name: "name1", digest: "digest1" }],
  }),
  makeRun({
    id: "2",
    status: "FAILED",
    metrics: { key1: 125 },
    params: { my_param: "B" },
    tags: { tag1: "D" },
    datasets: [{ name: "name2", digest: "digest2" }],
  }),
];

describe("runMatches: MLflow's matching examples (§4.5)", () => {
  it.each([
    ["", ["0", "1", "2"]],
    ["attributes.status = 'FAILED'", ["0", "2"]],
    ["metrics.key1 = 123", ["1"]],
    ["metrics.key1 != 123", ["0", "2"]],
    ["metrics.key1 >= 123", ["1", "2"]],
    ["params.my_param = 'A'", ["0", "1"]],
    ["tags.tag1 = 'D'", ["2"]],
    ["tags.tag1 != 'D'", ["1"]],
    ["params.my_param = 'A' AND attributes.status = 'FAILED'", ["0"]],
    ["datasets.name = 'name1'", ["0", "1"]],
    ["datasets.name IN ('name1', 'name2')", ["0", "1", "2"]],
    ["datasets.digest IN ('digest1', 'digest2')", ["0", "1", "2"]],
    ["datasets.name = 'name1' AND datasets.digest = 'digest2'", []],
    ["datasets.context = 'train'", ["0"]],
    ["datasets.name = 'name1' AND datasets.context = 'train'", ["0"]],
    ["datasets.name LIKE 'Name%'", []],
    ["datasets.name ILIKE 'Name%'", ["0", "1", "2"]],
    ["datasets.context IN ('test', 'train')", ["0"]],
    ["datasets.name NOT IN ('name1')", ["2"]],
    ["tags.tag1 IS NULL", ["0"]],
    ["tags.tag1 IS NOT NULL", ["1", "2"]],
    ["params.my_param IS NOT NULL", ["0", "1", "2"]],
    ["params.other IS NULL", ["0", "1", "2"]],
    ["run_id IN ('0', '2')", ["0", "2"]],
    ["run_id NOT IN ('0', '2')", ["1"]],
    ["attributes.run_id = '1' AND status = 'FINISHED'", ["1"]],
  ])("%s", (filter, expected) => {
    expect(ids(fixtureA, filter)).toEqual(expected);
  });
});

describe("runMatches: SQL store examples", () => {
  const r1 = makeRun({
    id: "a1",
    params: { generic_2: "some value", p_a: "abc", generic_param: "p_val" },
    tags: { generic_tag: "p_val" },
    start: 5,
    end: 10,
  });
  const r2 = makeRun({
    id: "b2",
    params: { generic_2: "another value", p_b: "ABC", generic_param: "p_val" },
    tags: { generic_tag: "p_val" },
    metrics: { m_b: 4 },
    start: 7,
    name: "jamie-foo C+W bar",
  });
  const runs = [r1, r2];

  it.each([
    ["params.generic_2 LIKE '%other%'", ["b2"]],
    ["params.generic_2 LIKE 'other%'", []],
    ["params.generic_2 LIKE '%other'", []],
    ["params.generic_2 LIKE 'other'", []],
    ["params.generic_2 LIKE '%Other%'", []],
    ["params.generic_2 ILIKE '%Other%'", ["b2"]],
    ["params.generic_2 LIKE 's_me value'", ["a1"]],
    ["params.p_a = 'ABC'", []],
    ["params.p_a != 'ABC'", ["a1"]],
    ["params.generic_param != 'wrong_val'", ["a1", "b2"]],
    ["tags.generic_tag = 'P_VAL'", []],
    ["tags.generic_tag != 'P_VAL'", ["a1", "b2"]],
    ["metrics.m_b > 5.0", []],
    ["metrics.m_b = 4.0", ["b2"]],
    ["metrics.m_b != 1", ["b2"]],
    ["attribute.status != 'blah'", ["a1", "b2"]],
    ["attr.artifact_uri = 'S3://BUCKET/1/A1/ARTIFACTS'", []],
    ["attribute.artifact_uri ILIKE '%A1%'", ["a1"]],
    ["attributes.created > 6", ["b2"]],
    ["attributes.Created >= 5", ["a1", "b2"]],
    ["end_time > 1", ["a1"]],
    ["end_time != 1", ["a1"]],
    ["run_name LIKE 'jamie-foo C+%'", ["b2"]],
    ["attributes.`Run Name` = 'jamie-foo C+W bar'", ["b2"]],
  ])("%s", (filter, expected) => {
    expect(ids(runs, filter)).toEqual(expected);
  });

  it("compares NaN metrics as the stored 0 and ±Infinity as numbers", () => {
    const nan = makeRun({ id: "n", metrics: { m: Number.NaN } });
    const inf = makeRun({ id: "i", metrics: { m: Number.POSITIVE_INFINITY } });
    expect(ids([nan, inf], "metrics.m = 0")).toEqual(["n"]);
    expect(ids([nan, inf], "metrics.m > 1e300")).toEqual(["i"]);
  });
});

describe("comparators are checked at evaluation time (§4.4)", () => {
  it.each([
    "metrics.abc ~ 1.0",
    "metrics.acc LIKE 1",
    "params.abc > 'x'",
    "params.abc < 'x'",
    "params.abc >= 'x'",
    "params.abc <= 'x'",
    "tags.abc < 'x'",
    "attributes.status > 'x'",
    "attributes.start_time LIKE 1234",
    "attributes.start_time ILIKE 1234",
    "datasets.name > 'x'",
    "params.abc NOT LIKE 'x'",
  ])("%s parses but fails to evaluate", (filter) => {
    const clauses = parseRunsFilter(filter);
    expectInvalid(
      () => assertRunsFilterComparators(clauses),
      /^Invalid comparator '.+' not one of '/,
    );
    expectInvalid(() => runMatches(clauses, fixtureA[0]!), "Invalid comparator");
  });
});

describe("LIKE patterns", () => {
  const run = (value: string) => makeRun({ id: "x", params: { p: value } });
  it.each([
    ["abc", "a%", true],
    ["abc", "%c", true],
    ["abc", "a_c", true],
    ["abc", "a_", false],
    ["a.c", "a.c", true],
    ["abc", "a.c", false],
    ["a*c", "a*c", true],
    ["a\\c", "a\\c", true],
    ["a\nb", "a_b", true],
    ["", "%", true],
    ["", "_", false],
    ["😀x", "_x", true],
    ["ABC", "a%", false],
  ])("%j LIKE %j = %s", (value, pattern, expected) => {
    expect(runMatches(parseRunsFilter(`params.p LIKE '${pattern}'`), run(value))).toBe(expected);
  });

  it("ILIKE folds case", () => {
    expect(runMatches(parseRunsFilter("params.p ILIKE 'é%Ü'"), run("Éabü"))).toBe(true);
  });

  it("stays fast on patterns that make regular expressions backtrack", () => {
    const value = "a".repeat(8000);
    const started = Date.now();
    expect(runMatches(parseRunsFilter(`params.p LIKE '${"%a".repeat(30)}%b'`), run(value))).toBe(
      false,
    );
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
