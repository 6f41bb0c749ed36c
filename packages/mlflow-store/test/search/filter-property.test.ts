import { createRegistryClient } from "@model-registry/registry-client";
import { createFakeRegistry } from "@model-registry/testing";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createMlflowStore } from "../../src/index.js";
import { isMlflowError } from "../../src/mlflow-error.js";
import {
  assertExperimentsFilterComparators,
  assertRunsFilterComparators,
  compareRuns,
  parseExperimentsFilter,
  parseLoggedModelsFilter,
  parseRunsFilter,
  parseRunsOrderBy,
  runMatches,
} from "../../src/search/index.js";
import { makeRun } from "./run-fixtures.js";

const FRAGMENTS = [
  "metrics.",
  "params.",
  "tags.",
  "attributes.",
  "datasets.",
  "run_id",
  "status",
  "name",
  "`",
  '"',
  "'",
  "(",
  ")",
  ",",
  ";",
  " ",
  " AND ",
  " OR ",
  " IN ",
  " NOT ",
  " IS ",
  " NULL",
  " LIKE ",
  " ILIKE ",
  "=",
  "!=",
  "<",
  ">=",
  "~",
  "-",
  "1",
  "0.5",
  "1e-3",
  "0x1F",
  "a",
  "b c",
  ".",
  "\\",
  "%",
  "_",
  "é",
  "😀",
];

const filterString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 12 }).map((parts) => parts.join("")),
);

function onlyMlflowErrors(fn: () => unknown): void {
  try {
    fn();
  } catch (error) {
    expect(isMlflowError(error), `non-MlflowError thrown: ${String(error)}`).toBe(true);
  }
}

describe("filter parsing never throws anything but MlflowError", () => {
  const run = makeRun({
    id: "1",
    metrics: { a: 1 },
    params: { p: "x" },
    tags: { t: "y" },
    datasets: [{ name: "d", digest: "g", context: "train" }],
  });

  it("runs, experiments and logged models", () => {
    fc.assert(
      fc.property(filterString, (filter) => {
        onlyMlflowErrors(() => {
          const clauses = parseRunsFilter(filter);
          assertRunsFilterComparators(clauses);
          runMatches(clauses, run);
        });
        onlyMlflowErrors(() => assertExperimentsFilterComparators(parseExperimentsFilter(filter)));
        onlyMlflowErrors(() => parseLoggedModelsFilter(filter));
        onlyMlflowErrors(() => compareRuns(parseRunsOrderBy([filter]))(run, run));
      }),
      { numRuns: 1500, seed: 4242 },
    );
  });
});

describe("parsing cost stays linear on hostile input", () => {
  it.each([
    ["unbalanced parentheses", `${"(".repeat(50_000)}`],
    ["nested parentheses", `metrics.a > 1 AND ${"(".repeat(20_000)}${")".repeat(20_000)}`],
    ["many quotes", "'a' ".repeat(20_000)],
  ])("%s", (_name, filter) => {
    const started = Date.now();
    onlyMlflowErrors(() => parseRunsFilter(filter));
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

describe("a filter the parser refuses sends nothing to the registry", () => {
  it("searchRuns, searchExperiments and searchLoggedModels", async () => {
    const fake = createFakeRegistry();
    let requests = 0;
    const client = createRegistryClient({
      baseUrl: "http://registry.test:8080",
      retry: false,
      fetch: (input, init) => {
        requests++;
        return fake.fetch(input, init);
      },
    });
    const store = createMlflowStore({ client, artifactLocation: "s3://bucket/filters" });
    const experimentId = await store.createExperiment("filters");
    const refuses = (parse: () => unknown): boolean => {
      try {
        parse();
        return false;
      } catch (error) {
        expect(isMlflowError(error)).toBe(true);
        return true;
      }
    };
    const errorOf = (promise: Promise<unknown>) =>
      promise.then(
        () => undefined,
        (error: unknown) => error,
      );
    await fc.assert(
      fc.asyncProperty(filterString, async (filter) => {
        if (refuses(() => assertRunsFilterComparators(parseRunsFilter(filter)))) {
          requests = 0;
          const error = await errorOf(
            store.searchRuns({ experimentIds: [experimentId], filterString: filter }),
          );
          expect(isMlflowError(error), String(error)).toBe(true);
          expect(requests).toBe(0);
        }
        if (refuses(() => assertExperimentsFilterComparators(parseExperimentsFilter(filter)))) {
          requests = 0;
          const error = await errorOf(store.searchExperiments({ filterString: filter }));
          expect(isMlflowError(error), String(error)).toBe(true);
          expect(requests).toBe(0);
        }
        if (refuses(() => parseLoggedModelsFilter(filter))) {
          requests = 0;
          const error = await errorOf(
            store.searchLoggedModels({ experimentIds: [experimentId], filterString: filter }),
          );
          expect(isMlflowError(error), String(error)).toBe(true);
          expect(requests).toBe(0);
        }
      }),
      { numRuns: 300, seed: 4343 },
    );
  });
});
