import { describe, expect, it } from "vitest";
import { isMlflowError } from "../mlflow-error.js";
import { parseLoggedModelsFilter, parseLoggedModelsOrderBy } from "../search/index.js";
import { registryOrderFor } from "./logged-model-order.js";
import { registryPrefilters } from "./logged-model-prefilter.js";
import {
  decodeSearchToken,
  encodeSearchToken,
  planLoggedModelSearch,
} from "./logged-model-search-plan.js";

describe("registry order", () => {
  const order = (o: Parameters<typeof parseLoggedModelsOrderBy>[0]) =>
    registryOrderFor(parseLoggedModelsOrderBy(o));

  it("streams the default and single time orders from the registry", () => {
    expect(order(undefined)).toEqual({ orderBy: "CREATE_TIME", sortOrder: "DESC" });
    expect(order([{ fieldName: "creation_time", ascending: true }])).toEqual({
      orderBy: "CREATE_TIME",
      sortOrder: "ASC",
    });
    expect(order([{ fieldName: "last_updated_timestamp", ascending: false }])).toEqual({
      orderBy: "LAST_UPDATE_TIME",
      sortOrder: "DESC",
    });
  });

  it("ignores metric keys (no model has metrics) and sorts other attributes in memory", () => {
    expect(order([{ fieldName: "metrics.acc" }])).toEqual({
      orderBy: "CREATE_TIME",
      sortOrder: "DESC",
    });
    expect(order([{ fieldName: "name" }])).toBeUndefined();
    expect(order([{ fieldName: "creation_timestamp" }, { fieldName: "name" }])).toBeUndefined();
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
