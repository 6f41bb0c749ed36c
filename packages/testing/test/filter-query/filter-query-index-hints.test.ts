import { describe, expect, it } from "vitest";
import {
  compileFilterQuery,
  type FilterEntityKind,
  filterEntityKindForArtifactType,
  filterQueryIndexHints,
  parseFilterQuery,
} from "../../src/filter-query/index.js";

function hints(query: string, kind: FilterEntityKind, options = {}) {
  return filterQueryIndexHints(parseFilterQuery(query), kind, options).equalities;
}

describe("filterQueryIndexHints", () => {
  it.each<[string, FilterEntityKind, string, Array<{ property: string; value: string | number }>]>([
    ["a top-level name", "experiment", 'name = "e1"', [{ property: "name", value: "e1" }]],
    ["externalId", "experimentRun", 'externalId = "x"', [{ property: "externalId", value: "x" }]],
    ["id", "experiment", "id = 4", [{ property: "id", value: 4 }]],
    [
      "the parent of a run",
      "experimentRun",
      "experimentId = 5",
      [{ property: "experimentId", value: 5 }],
    ],
    [
      "the parent of a version",
      "modelVersion",
      "registeredModelId = 2",
      [{ property: "registeredModelId", value: 2 }],
    ],
    [
      "the run of an artifact",
      "metric",
      "experimentRunId = 9",
      [{ property: "experimentRunId", value: 9 }],
    ],
    [
      "every AND-ed equality",
      "experimentRun",
      'experimentId = 5 AND (status = "RUNNING" OR id = 3) AND externalId = "x"',
      [
        { property: "experimentId", value: 5 },
        { property: "externalId", value: "x" },
      ],
    ],
    ["<> (which the server treats as =)", "experiment", "id <> 4", [{ property: "id", value: 4 }]],
    ["not under OR", "experiment", 'name = "a" OR name = "b"', []],
    ["not for child names (matched with LIKE '%:name')", "experimentRun", 'name = "r"', []],
    ["not for string ids (SQL coercion)", "experiment", 'id = "4"', []],
    ["not for other operators", "experiment", "id >= 4", []],
    ["not for IN lists", "experiment", "id IN (4)", []],
    ["not for custom properties", "experiment", "foo = 1", []],
    [
      "not for parent ids forced to another column",
      "experimentRun",
      "experimentId.string_value = 5",
      [],
    ],
    ["nothing for an empty filter", "experiment", " ", []],
  ])("%s", (_, kind, query, expected) => {
    expect(hints(query, kind)).toEqual(expected);
  });

  it("follows the options of the predicate", () => {
    expect(hints("id <> 4", "experiment", { bugCompatible: false })).toEqual([]);
    expect(hints('name = "r"', "experimentRun", { bugCompatible: false })).toEqual([
      { property: "name", value: "r" },
    ]);
    expect(hints('name = "e1"', "experiment", { collation: "case-insensitive" })).toEqual([]);
  });

  it("every entity the predicate keeps satisfies the hints", () => {
    const runs = Array.from({ length: 40 }, (_, i) => ({
      id: String(i + 1),
      name: `r${i % 5}`,
      experimentId: String((i % 4) + 1),
      externalId: `x${i % 3}`,
      customProperties: {},
    }));
    const query = 'experimentId = 2 AND externalId = "x1" AND name LIKE "r%"';
    const ast = parseFilterQuery(query);
    const kept = runs.filter(compileFilterQuery(ast, "experimentRun"));
    expect(kept.length).toBeGreaterThan(0);
    for (const { property, value } of filterQueryIndexHints(ast, "experimentRun").equalities) {
      for (const run of kept) expect(String(run[property as keyof typeof run])).toBe(String(value));
    }
  });
});

describe("filterEntityKindForArtifactType", () => {
  it.each([
    [undefined, "artifact"],
    ["", "artifact"],
    ["model-artifact", "modelArtifact"],
    ["doc-artifact", "docArtifact"],
    ["dataset-artifact", "dataSet"],
    ["metric", "metric"],
    ["parameter", "parameter"],
    ["null", undefined],
    ["Metric", undefined],
  ])("%s → %s", (artifactType, kind) => {
    expect(filterEntityKindForArtifactType(artifactType)).toBe(kind);
  });
});
