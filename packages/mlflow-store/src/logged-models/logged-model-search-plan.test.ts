import { describe, expect, it } from "vitest";
import { isMlflowError } from "../mlflow-error.js";
import type { LoggedModel } from "../types.js";
import { parseLoggedModelsFilter } from "./logged-model-filter.js";
import {
  compareLoggedModels,
  parseLoggedModelsOrderBy,
  registryOrderFor,
} from "./logged-model-order.js";
import { registryPrefilters } from "./logged-model-prefilter.js";
import {
  decodeSearchToken,
  encodeSearchToken,
  planLoggedModelSearch,
} from "./logged-model-search-plan.js";

function model(
  id: string,
  name: string,
  created: number,
  modelType: string | null = null,
): LoggedModel {
  return {
    modelId: id,
    experimentId: "1",
    name,
    sourceRunId: null,
    artifactLocation: "",
    modelType,
    status: "READY",
    statusMessage: null,
    creationTimestamp: created,
    lastUpdatedTimestamp: created,
    tags: {},
    params: {},
  };
}

describe("order_by", () => {
  it("defaults to creation time, newest first, and streams that order from the registry", () => {
    const keys = parseLoggedModelsOrderBy(undefined);
    expect(registryOrderFor(keys)).toEqual({ orderBy: "CREATE_TIME", sortOrder: "DESC" });
    const sorted = [model("1", "a", 1), model("2", "b", 3), model("3", "c", 2)].sort(
      compareLoggedModels(keys),
    );
    expect(sorted.map((m) => m.modelId)).toEqual(["2", "3", "1"]);
  });

  it("sorts by attributes in memory, missing values last, creation time as the tie-break", () => {
    const keys = parseLoggedModelsOrderBy([{ fieldName: "model_type", ascending: false }]);
    expect(registryOrderFor(keys)).toBeUndefined();
    const sorted = [
      model("1", "a", 1, null),
      model("2", "b", 2, "x"),
      model("3", "c", 3, "x"),
      model("4", "d", 4, "y"),
    ].sort(compareLoggedModels(keys));
    expect(sorted.map((m) => m.modelId)).toEqual(["4", "3", "2", "1"]);
  });

  it("accepts metrics keys (no model has metrics) and rejects other prefixes", () => {
    expect(parseLoggedModelsOrderBy([{ fieldName: "metrics.acc" }])).toEqual([]);
    expect(
      registryOrderFor(parseLoggedModelsOrderBy([{ fieldName: "creation_time", ascending: true }])),
    ).toEqual({
      orderBy: "CREATE_TIME",
      sortOrder: "ASC",
    });
    expect(() => parseLoggedModelsOrderBy([{ fieldName: "params.p" }])).toThrow(
      "Invalid order by field name: params, only `metrics.<name>` is allowed.",
    );
  });
});

describe("registry pre-filter", () => {
  it("pushes down only conditions that select a superset", () => {
    const clauses = parseLoggedModelsFilter(
      "name = 'm' AND tags.`team-a` LIKE 'v%' AND params.lr IN ('1', '2') AND tags.t != 'x' AND creation_timestamp > 5 AND tags.state = 'LIVE' AND status = 'READY'",
    );
    expect(registryPrefilters(clauses)).toEqual([
      'mlflow__name = "m"',
      '`team-a` LIKE "v%"',
      '`param_lr` IN ("1", "2")',
      "createTimeSinceEpoch > 5",
    ]);
  });

  it("leaves values the registry lexer cannot express client-side", () => {
    expect(registryPrefilters(parseLoggedModelsFilter(`tags.t = '"quoted"'`))).toEqual([]);
  });
});

describe("page tokens", () => {
  const options = { experimentIds: ["1"], filterString: "name = 'a'" };

  it("round-trips a position and is bound to the query", () => {
    const plan = planLoggedModelSearch(options);
    const token = encodeSearchToken(plan, { cursor: "abc", skip: 3, chunk: 101 });
    expect(decodeSearchToken(plan, token)).toEqual({ cursor: "abc", skip: 3, chunk: 101 });
    const other = planLoggedModelSearch({ ...options, experimentIds: ["2"] });
    expect(() => decodeSearchToken(other, token)).toThrow(
      'Experiment IDs in the page token do not match the requested experiment IDs. Expected: ["2"]. Found: ["1"]',
    );
    const otherFilter = planLoggedModelSearch({ ...options, filterString: "name = 'b'" });
    expect(() => decodeSearchToken(otherFilter, token)).toThrow(
      "Filter string in the page token does not match",
    );
  });

  it("rejects garbage with INVALID_PARAMETER_VALUE", () => {
    const plan = planLoggedModelSearch(options);
    for (const token of ["not base64!", Buffer.from("[1]").toString("base64")]) {
      try {
        decodeSearchToken(plan, token);
        throw new Error("accepted");
      } catch (error) {
        expect(isMlflowError(error) && error.errorCode).toBe("INVALID_PARAMETER_VALUE");
      }
    }
  });

  it("matches nothing when datasets restrict the search (model metrics are not stored)", () => {
    expect(
      planLoggedModelSearch({ ...options, datasets: [{ datasetName: "d" }] }).matchesNothing,
    ).toBe(true);
    expect(() => planLoggedModelSearch({ ...options, datasets: [{ datasetName: "" }] })).toThrow(
      "`dataset_name` in the `datasets` clause must be specified.",
    );
  });
});
