import { describe, expect, it } from "vitest";
import { compareRuns, parseRunsOrderBy } from "../../src/search/index.js";
import type { Run } from "../../src/types.js";
import { expectInvalid } from "../support/expect-mlflow-error.js";
import { makeRun } from "./run-fixtures.js";

describe("parseRunsOrderBy (§4.6)", () => {
  it.each([
    ["metrics.acc", { type: "metric", key: "acc", ascending: true }],
    ["metrics.acc DESC", { type: "metric", key: "acc", ascending: false }],
    ["metrics.acc desc", { type: "metric", key: "acc", ascending: false }],
    ["metrics.acc aSc", { type: "metric", key: "acc", ascending: true }],
    ["tags.`mlflow.runName`", { type: "tag", key: "mlflow.runName", ascending: true }],
    ['tags."a b" DESC', { type: "tag", key: "a b", ascending: false }],
    ["start_time DESC", { type: "attribute", key: "start_time", ascending: false }],
    ["attribute.created", { type: "attribute", key: "start_time", ascending: true }],
    ["attributes.status   DESC", { type: "attribute", key: "status", ascending: false }],
    [
      "metrics.`Mean Square Error` DESC",
      { type: "metric", key: "Mean Square Error", ascending: false },
    ],
    ["tags.a.b", { type: "tag", key: "a.b", ascending: true }],
    ["params.lr", { type: "parameter", key: "lr", ascending: true }],
    ["dataset.name", { type: "dataset", key: "name", ascending: true }],
  ])("%s", (clause, expected) => {
    expect(parseRunsOrderBy([clause])).toEqual([expected]);
  });

  it.each([
    ["m.acc", "Invalid entity type 'm'"],
    ["acc", "Invalid attribute key 'acc'"],
    ["attribute.start", "Invalid attribute key 'start'"],
    ["attribute.experiment_id", "Invalid attribute key 'experiment_id'"],
    ["timestamp", "Invalid attribute key 'timestamp'"],
    ["`metrics.A", "Invalid order_by clause '`metrics.A'. Could not be parsed."],
    ["metrics.A != 1", "Could not be parsed."],
    ["params.my_param ", "Could not be parsed."],
    [" params.my_param", "Could not be parsed."],
    ["metrics.acc ASC DESC", "Could not be parsed."],
    ["metrics.acc DESC NULLS LAST", "Could not be parsed."],
    ["", "Could not be parsed."],
    ["`metrics.A`", "Invalid entity type '`metrics'"],
    ["attribute.run_id ACS", "Invalid ordering key in order_by clause 'attribute.run_id ACS'."],
    ["attribute.run_id decs", "Invalid ordering key in order_by clause"],
  ])("%s is rejected", (clause, message) => {
    expectInvalid(() => parseRunsOrderBy([clause]), message);
  });
});

// test_correct_sorting fixture
const r0 = makeRun({
  id: "9",
  status: "FAILED",
  start: 0,
  metrics: { key1: 121 },
  params: { my_param: "A" },
});
const r1 = makeRun({
  id: "8",
  status: "FINISHED",
  start: 1,
  metrics: { key1: 123 },
  params: { my_param: "A" },
  tags: { tag1: "C" },
});
const r2 = makeRun({
  id: "7",
  status: "FAILED",
  start: 1,
  metrics: { key1: 125 },
  params: { my_param: "B" },
  tags: { tag1: "D" },
});
const names = new Map<Run, string>([
  [r0, "0"],
  [r1, "1"],
  [r2, "2"],
]);

function order(runs: Run[], orderBy?: string[]): string[] {
  return [...runs]
    .sort(compareRuns(parseRunsOrderBy(orderBy)))
    .map((r) => names.get(r) ?? r.info.runId);
}

describe("compareRuns (MLflow's sorting vectors)", () => {
  it.each([
    [undefined, ["2", "1", "0"]],
    [[], ["2", "1", "0"]],
    [["tags.noSuchTag"], ["2", "1", "0"]],
    [["attributes.status"], ["2", "0", "1"]],
    [["attributes.start_time"], ["0", "2", "1"]],
    [["metrics.key1 asc"], ["0", "1", "2"]],
    [['metrics."key1"  desc'], ["2", "1", "0"]],
    [["params.my_param"], ["1", "0", "2"]],
    [
      ["params.my_param aSc", "attributes.status  ASC"],
      ["0", "1", "2"],
    ],
    [
      ["params.my_param", "attributes.status DESC"],
      ["1", "0", "2"],
    ],
    [
      ["params.my_param DESC", "attributes.status   DESC"],
      ["2", "1", "0"],
    ],
    [["tags.tag1"], ["1", "2", "0"]],
    [["tags.tag1    DESC"], ["2", "1", "0"]],
  ] as [string[] | undefined, string[]][])("%j", (orderBy, expected) => {
    expect(order([r0, r1, r2], orderBy)).toEqual(expected);
    expect(order([r2, r0, r1], orderBy)).toEqual(expected);
  });

  it("puts NaN then missing values last in both directions", () => {
    const values: [string, number | undefined][] = [
      ["a", 1],
      ["b", Number.NaN],
      ["c", undefined],
      ["d", Number.NEGATIVE_INFINITY],
      ["e", Number.POSITIVE_INFINITY],
      ["f", -5],
    ];
    const runs = values.map(([id, v]) => makeRun({ id, metrics: v === undefined ? {} : { x: v } }));
    const ids = (o: string) =>
      [...runs].sort(compareRuns(parseRunsOrderBy([o]))).map((r) => r.info.runId);
    expect(ids("metrics.x ASC")).toEqual(["d", "f", "a", "e", "b", "c"]);
    expect(ids("metrics.x DESC")).toEqual(["e", "a", "f", "d", "b", "c"]);
  });

  it("sorts a missing end_time last both ways", () => {
    const runs = [makeRun({ id: "a", end: 5 }), makeRun({ id: "b" }), makeRun({ id: "c", end: 3 })];
    const ids = (o: string) =>
      [...runs].sort(compareRuns(parseRunsOrderBy([o]))).map((r) => r.info.runId);
    expect(ids("end_time")).toEqual(["c", "a", "b"]);
    expect(ids("end_time DESC")).toEqual(["a", "c", "b"]);
  });

  it("breaks ties with start_time DESC then run_id ASC", () => {
    const runs = [
      makeRun({ id: "b", start: 1 }),
      makeRun({ id: "a", start: 1 }),
      makeRun({ id: "c", start: 2 }),
    ];
    expect([...runs].sort(compareRuns()).map((r) => r.info.runId)).toEqual(["c", "a", "b"]);
    expect(
      [...runs].sort(compareRuns(parseRunsOrderBy(["start_time"]))).map((r) => r.info.runId),
    ).toEqual(["a", "b", "c"]);
  });

  it("sorts strings by code point", () => {
    const runs = ["b", "B", "a", "é"].map((v, i) => makeRun({ id: String(i), params: { p: v } }));
    expect(
      [...runs].sort(compareRuns(parseRunsOrderBy(["params.p"]))).map((r) => r.data.params["p"]),
    ).toEqual(["B", "a", "b", "é"]);
  });

  it("rejects dataset ordering and duplicate fields when sorting", () => {
    expectInvalid(
      () => compareRuns(parseRunsOrderBy(["dataset.name"])),
      "Invalid identifier type 'dataset'",
    );
    expectInvalid(
      () => compareRuns(parseRunsOrderBy(["metrics.a", "metrics.a DESC"])),
      "`order_by` contains duplicate fields",
    );
  });
});
