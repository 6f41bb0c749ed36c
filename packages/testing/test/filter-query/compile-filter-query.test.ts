import { describe, expect, it } from "vitest";
import {
  type CompileFilterQueryOptions,
  compileFilterQuery,
  type FilterEntity,
  type FilterEntityKind,
  FilterQueryError,
  parseFilterQuery,
} from "../../src/filter-query/index.js";

type Metadata = Record<string, unknown>;
const str = (value: string): Metadata => ({
  metadataType: "MetadataStringValue",
  string_value: value,
});
const int = (value: number): Metadata => ({
  metadataType: "MetadataIntValue",
  int_value: String(value),
});
const dbl = (value: number): Metadata => ({
  metadataType: "MetadataDoubleValue",
  double_value: value,
});
const bool = (value: boolean): Metadata => ({
  metadataType: "MetadataBoolValue",
  bool_value: value,
});

let nextId = 1;
function entity(fields: Record<string, unknown>, customProperties: Record<string, Metadata> = {}) {
  const id = String(nextId++);
  return {
    id,
    createTimeSinceEpoch: String(1_700_000_000_000 + Number(id)),
    lastUpdateTimeSinceEpoch: String(1_700_000_000_000 + Number(id)),
    customProperties,
    ...fields,
  } as FilterEntity;
}

/** Names of the entities the filter keeps, in order. */
function run(
  query: string,
  kind: FilterEntityKind,
  entities: readonly FilterEntity[],
  options?: CompileFilterQueryOptions,
): string[] {
  const predicate = compileFilterQuery(query, kind, options);
  return entities.filter(predicate).map((e) => String(e["name"]));
}

const experiments = [
  entity({ name: "int10", state: "LIVE", owner: "ana" }, { epochs: int(10), rate: int(1) }),
  entity({ name: "double10", state: "LIVE", owner: "bob" }, { epochs: dbl(10), rate: dbl(0.5) }),
  entity({ name: "string10", state: "ARCHIVED", externalId: "ext-1" }, { epochs: str("10") }),
  entity({ name: "flagged", state: "LIVE", description: "has a flag" }, { flag: bool(true) }),
  entity(
    { name: "dotted", state: "LIVE", owner: "Ana" },
    {
      "mlflow.source.type": str("NOTEBOOK"),
      "a-b": int(5),
      "artifacts.accuracy": dbl(0.95),
    },
  ),
];

describe("type inference from the literal (custom properties)", () => {
  it.each([
    ["an int matches int_value or double_value", "epochs = 10", ["int10", "double10"]],
    ["a string matches string_value only", 'epochs = "10"', ["string10"]],
    ["a float matches double_value only", "epochs = 10.0", ["double10"]],
    ["a float never matches an int property", "rate > 0.4", ["double10"]],
    ["an int compares both numeric columns", "rate > 0", ["int10", "double10"]],
    ["a bool matches bool_value", "flag = true", ["flagged"]],
    ["upper-case booleans", "flag = TRUE", ["flagged"]],
    ["false is a value, not absence", "flag = false", []],
  ])("%s: %s", (_, query, expected) => {
    expect(run(query, "experiment", experiments)).toEqual(expected);
  });
});

describe("typed access suffixes", () => {
  it.each([
    ["int_value", "epochs.int_value = 10", ["int10"]],
    ["double_value", "epochs.double_value = 10", ["double10"]],
    ["string_value", 'epochs.string_value = "10"', ["string10"]],
    ["bool_value", "flag.bool_value = true", ["flagged"]],
    [
      "a numeric literal against string_value (SQL coercion)",
      "epochs.string_value = 10",
      ["string10"],
    ],
    ["a dotted custom name", 'mlflow.source.type.string_value = "NOTEBOOK"', ["dotted"]],
    ["inside back-quotes", "`a-b.int_value` = 5", ["dotted"]],
    ["without suffix, back-quoted", "`a-b` = 5", ["dotted"]],
    ["ignored on a column", 'name.int_value = "flagged"', ["flagged"]],
  ])("%s: %s", (_, query, expected) => {
    expect(run(query, "experiment", experiments)).toEqual(expected);
  });
});

describe("a missing property never matches", () => {
  it.each([
    ["=", "missing = 1", []],
    ["!=", "missing != 1", []],
    ["LIKE %", 'missing LIKE "%"', []],
    ["IN", "missing IN (1, 2)", []],
    ["!= on externalId skips entities without one", 'externalId != "nope"', ["string10"]],
    ["!= on a built-in property skips entities without it", 'description != "x"', ["flagged"]],
  ])("%s: %s", (_, query, expected) => {
    expect(run(query, "experiment", experiments)).toEqual(expected);
  });
});

describe("AND, OR and parentheses", () => {
  it.each([
    ["OR", 'owner = "ana" OR owner = "bob"', ["int10", "double10"]],
    ["AND before OR", 'owner = "ana" OR owner = "bob" AND state = "ARCHIVED"', ["int10"]],
    [
      "parentheses first",
      '(owner = "ana" OR owner = "bob") AND state = "LIVE"',
      ["int10", "double10"],
    ],
    [
      "nested",
      'state = "LIVE" AND (flag = true OR (owner = "bob" AND rate > 0.1))',
      ["double10", "flagged"],
    ],
  ])("%s", (_, query, expected) => {
    expect(run(query, "experiment", experiments)).toEqual(expected);
  });

  it("an empty filter keeps everything", () => {
    expect(run("  ", "experiment", experiments)).toHaveLength(experiments.length);
    expect(compileFilterQuery(null, "experiment")(experiments[0] as FilterEntity)).toBe(true);
  });

  it("compiles a parsed AST as well as text", () => {
    const ast = parseFilterQuery('owner = "bob"');
    expect(experiments.filter(compileFilterQuery(ast, "experiment")).map((e) => e["name"])).toEqual(
      ["double10"],
    );
  });
});

describe("well-known names", () => {
  it.each([
    ["experiment state", 'state = "ARCHIVED"', ["string10"]],
    ["experiment owner", 'owner = "bob"', ["double10"]],
    ["id", "id = 2", ["double10"]],
    ["id with a string literal (SQL coercion)", 'id = "2"', ["double10"]],
    ["id range", "id > 3", ["flagged", "dotted"]],
    ["createTimeSinceEpoch", "createTimeSinceEpoch >= 1700000000004", ["flagged", "dotted"]],
    ["externalId", 'externalId = "ext-1"', ["string10"]],
    [
      "description (a built-in property addressed as custom)",
      'description LIKE "%flag%"',
      ["flagged"],
    ],
    ["a related-entity name is a literal custom name", "artifacts.accuracy > 0.9", ["dotted"]],
  ])("%s: %s", (_, query, expected) => {
    expect(run(query, "experiment", experiments.slice(0, 5))).toEqual(expected);
  });

  const runs = [
    entity({
      name: "r1",
      experimentId: "5",
      status: "FINISHED",
      state: "LIVE",
      startTimeSinceEpoch: "1700010000",
    }),
    entity({
      name: "r2",
      experimentId: "5",
      status: "RUNNING",
      state: "LIVE",
      startTimeSinceEpoch: "900",
    }),
    entity({ name: "r3", experimentId: "6", status: "FAILED", state: "ARCHIVED" }),
  ];

  it.each([
    ["experimentId", "experimentId = 5", ["r1", "r2"]],
    ["experimentId as a string (SQL coercion)", 'experimentId = "6"', ["r3"]],
    ["experimentId IN", "experimentId IN (6, 7)", ["r3"]],
    ["experimentId is stored as int", 'experimentId.string_value = "5"', []],
    ["status", 'status = "FINISHED"', ["r1"]],
    ["state", 'state = "ARCHIVED"', ["r3"]],
    ["start time is a string: lexicographic", "startTimeSinceEpoch >= '1700010000'", ["r1", "r2"]],
    ["start time against a number: numeric", "startTimeSinceEpoch >= 1700010000", ["r1"]],
  ])("experiment runs, %s: %s", (_, query, expected) => {
    expect(run(query, "experimentRun", runs)).toEqual(expected);
  });

  const versions = [
    entity({ name: "v1", registeredModelId: "3", author: "ana", state: "LIVE" }),
    entity({ name: "v2", registeredModelId: "4", author: "bob", state: "ARCHIVED" }),
  ];
  it.each([
    ["registeredModelId", "registeredModelId = 3", ["v1"]],
    ["author", 'author = "bob"', ["v2"]],
    ["state", 'state = "LIVE"', ["v1"]],
  ])("model versions, %s", (_, query, expected) => {
    expect(run(query, "modelVersion", versions)).toEqual(expected);
  });

  const models = [
    entity({ name: "m1", owner: "ana", state: "LIVE" }),
    entity({ name: "m2", state: "ARCHIVED" }),
  ];
  it("registered models: owner and state", () => {
    expect(run('owner = "ana" OR state = "ARCHIVED"', "registeredModel", models)).toEqual([
      "m1",
      "m2",
    ]);
  });
});

describe("artifacts", () => {
  const artifacts = [
    entity({
      name: "model",
      artifactType: "model-artifact",
      uri: "s3://b/model",
      state: "LIVE",
      modelFormatName: "onnx",
      experimentId: "1",
      experimentRunId: "3",
    }),
    entity({ name: "doc", artifactType: "doc-artifact", uri: "https://x/doc", state: "UNKNOWN" }),
    entity({
      name: "data",
      artifactType: "dataset-artifact",
      uri: "s3://b/data",
      digest: "abc",
      sourceType: "s3",
    }),
    entity({
      name: "acc",
      artifactType: "metric",
      value: 0.95,
      step: 3,
      timestamp: "1700000000123",
      experimentRunId: "4",
    }),
    entity({
      name: "lr",
      artifactType: "parameter",
      value: "0.01",
      parameterType: "number",
      experimentRunId: "4",
    }),
  ];

  it.each<[string, FilterEntityKind, string, string[]]>([
    ["uri", "artifact", 'uri LIKE "s3://%"', ["model", "data"]],
    ["state names map to numbers", "artifact", 'state = "LIVE"', ["model"]],
    ["an unknown state name is -1", "artifact", 'state = "NOPE"', []],
    ["state by number", "artifact", "state = 0", ["doc"]],
    ["experimentRunId", "artifact", "experimentRunId IN (3, 4)", ["model", "acc", "lr"]],
    ["modelFormatName", "modelArtifact", 'modelFormatName = "onnx"', ["model"]],
    ["snake_case stored names", "artifact", 'model_format_name = "onnx"', ["model"]],
    ["dataset digest", "dataSet", 'digest = "abc" AND sourceType = "s3"', ["data"]],
    ["metric value", "metric", "value > 0.9", ["acc"]],
    ["metric step", "metric", "step = 3", ["acc"]],
    [
      "metric value without artifactType (custom name = stored name)",
      "artifact",
      "value > 0.9",
      ["acc"],
    ],
    ["metric timestamp as a string", "metric", 'timestamp.string_value > "1700"', ["acc"]],
    ["parameterType", "parameter", 'parameterType = "number"', ["lr"]],
    ["parameter value as a string", "parameter", 'value.string_value = "0.01"', ["lr"]],
    ["parameterType is not known without artifactType", "artifact", 'parameterType = "number"', []],
    ["parameter_type is the stored name", "artifact", 'parameter_type = "number"', ["lr"]],
  ])("%s (%s): %s", (_, kind, query, expected) => {
    expect(run(query, kind, artifacts)).toEqual(expected);
  });

  it.each<[string, FilterEntityKind, string, string[], string[]]>([
    ["state lists are not mapped", "artifact", 'state IN ("LIVE")', ["doc"], ["model"]],
    ["metric timestamp is declared int but stored as text", "metric", "timestamp > 1", [], ["acc"]],
    ["parameter value is declared double", "parameter", 'value = "0.01"', [], ["lr"]],
  ])("server bug, %s: %s", (_, kind, query, buggy, correct) => {
    expect(run(query, kind, artifacts)).toEqual(buggy);
    expect(run(query, kind, artifacts, { bugCompatible: false })).toEqual(correct);
  });
});

describe("names of child entities (stored as <parentId>:<name>)", () => {
  const runs = [
    entity({ name: "a", experimentId: "5" }),
    entity({ name: "x:a", experimentId: "5" }),
    entity({ name: "b_c", experimentId: "5" }),
    entity({ name: "bxc", experimentId: "5" }),
    entity({ name: "a", experimentId: "6" }),
  ];
  const names = (query: string, options?: CompileFilterQueryOptions) =>
    compileFilterQuery(query, "experimentRun", options);
  const keep = (query: string, options?: CompileFilterQueryOptions) =>
    runs.filter(names(query, options)).map((r) => `${r["experimentId"]}:${r["name"]}`);

  it.each([
    ["= matches the stored name's suffix", 'name = "a"', ["5:a", "5:x:a", "6:a"], ["5:a", "6:a"]],
    ["= treats _ as a wildcard", 'name = "b_c"', ["5:b_c", "5:bxc"], ["5:b_c"]],
    ["LIKE gets the prefix added", 'name LIKE "b%"', ["5:b_c", "5:bxc"], ["5:b_c", "5:bxc"]],
    [
      "LIKE with a colon sees the stored name",
      'name LIKE "5:%"',
      ["5:a", "5:x:a", "5:b_c", "5:bxc"],
      [],
    ],
    [
      "!= compares the stored name",
      'name != "a"',
      ["5:a", "5:x:a", "5:b_c", "5:bxc", "6:a"],
      ["5:x:a", "5:b_c", "5:bxc"],
    ],
    ["IN compares the stored name", 'name IN ("a")', [], ["5:a", "6:a"]],
    ["IN with a stored name", 'name IN ("6:a")', ["6:a"], []],
    ["ILIKE needs a leading %", 'name ILIKE "A"', [], ["5:a", "6:a"]],
    ["ILIKE with a leading %", 'name ILIKE "%:A"', ["5:a", "5:x:a", "6:a"], ["5:x:a"]],
    ["<> is = on the stored name", 'name <> "a"', [], ["5:x:a", "5:b_c", "5:bxc"]],
  ])("%s: %s", (_, query, buggy, correct) => {
    expect(keep(query)).toEqual(buggy);
    expect(keep(query, { bugCompatible: false })).toEqual(correct);
  });

  it("top-level names are not prefixed", () => {
    expect(run('name = "int10"', "experiment", experiments)).toEqual(["int10"]);
    expect(run('name != "int10"', "experiment", experiments)).not.toContain("int10");
  });

  it("uses the stored name a store supplies", () => {
    const artifact = entity({ name: "m", artifactType: "model-artifact" });
    const underVersion9 = { storedName: () => "9:m" };
    expect(compileFilterQuery('name LIKE "9:%"', "artifact", underVersion9)(artifact)).toBe(true);
    expect(compileFilterQuery('name LIKE "8:%"', "artifact", underVersion9)(artifact)).toBe(false);
  });

  it("metric history: name = never matches, LIKE with a trailing % does", () => {
    const history = [
      entity({ name: "loss", artifactType: "metric", value: 1, step: 0, experimentRunId: "7" }),
      entity({ name: "val_loss", artifactType: "metric", value: 2, step: 1, experimentRunId: "7" }),
    ];
    expect(run('name = "loss"', "metricHistory", history)).toEqual([]);
    expect(run('name LIKE "loss%"', "metricHistory", history)).toEqual(["loss"]);
    expect(run("step >= 1 AND experimentRunId = 7", "metricHistory", history)).toEqual([
      "val_loss",
    ]);
  });
});

describe("the <> bug", () => {
  it("acts as = by default and as != when bugCompatible is false", () => {
    expect(run('owner <> "ana"', "experiment", experiments)).toEqual(["int10"]);
    expect(run('owner <> "ana"', "experiment", experiments, { bugCompatible: false })).toEqual([
      "double10",
      "dotted",
    ]);
    expect(run("id <> 1", "experiment", experiments)).toEqual(["int10"]);
    expect(run("id <> 1", "experiment", experiments, { bugCompatible: false })).toHaveLength(4);
  });
});

describe("IN lists", () => {
  it.each([
    ["ids", "id IN (1, 3)", ["int10", "string10"]],
    ["an empty list matches nothing", "id IN ()", []],
    ["a scalar behaves as a one-element list", "id IN 2", ["double10"]],
    ["strings", 'owner IN ("bob", "Ana")', ["double10", "dotted"]],
    ["custom property lists compare string_value", "epochs IN (10, 11)", ["string10"]],
    ["a one-element list after =", "id = (2)", ["double10"]],
    ["an empty list after =", "id = ()", []],
  ])("%s: %s", (_, query, expected) => {
    expect(run(query, "experiment", experiments)).toEqual(expected);
  });

  it("infers custom list types from the first element when bugCompatible is false", () => {
    expect(run("epochs IN (10, 11)", "experiment", experiments, { bugCompatible: false })).toEqual([
      "int10",
      "double10",
    ]);
  });

  it("rejects a list of two values after another operator as the database does (500)", () => {
    let caught: unknown;
    try {
      compileFilterQuery("id = (1, 2)", "experiment");
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(FilterQueryError);
    expect((caught as FilterQueryError).status).toBe(500);
    expect((caught as FilterQueryError).message).toBe(
      "Error 1241 (21000): Operand should contain 1 column(s)",
    );
  });
});

describe("LIKE and ILIKE", () => {
  const values = [
    "50%",
    "50 percent",
    "a_b",
    "axb",
    "abc",
    "back\\slash",
    "backslash",
    "Mixed",
    "two\nlines",
  ].map((v) => entity({ name: v }, { v: str(v) }));
  it.each([
    ["% matches any run", 'v LIKE "50%"', ["50%", "50 percent"]],
    ["\\% is a literal %", 'v LIKE "50\\%"', ["50%"]],
    ["_ matches one character", 'v LIKE "a_b"', ["a_b", "axb"]],
    ["\\_ is a literal _", 'v LIKE "a\\_b"', ["a_b"]],
    ["regular-expression characters are literal", 'v LIKE "a.c"', []],
    [
      "a backslash before another character makes it literal",
      'v LIKE "back\\\\slash"',
      ["backslash"],
    ],
    ["an escaped backslash", 'v LIKE "back\\\\\\\\slash"', ["back\\slash"]],
    ["% spans newlines", 'v LIKE "two%"', ["two\nlines"]],
    ["LIKE is case-sensitive by default", 'v LIKE "mixed"', []],
    ["ILIKE ignores case", 'v ILIKE "mIXED"', ["Mixed"]],
    ["ILIKE with wildcards", 'v ILIKE "%IX%"', ["Mixed"]],
  ])("%s: %s", (_, query, expected) => {
    expect(run(query, "experiment", values)).toEqual(expected);
  });

  it("LIKE and = ignore case with the case-insensitive collation", () => {
    const ci = { collation: "case-insensitive" } as const;
    expect(run('v LIKE "mixed"', "experiment", values, ci)).toEqual(["Mixed"]);
    expect(run('v = "MIXED"', "experiment", values, ci)).toEqual(["Mixed"]);
    expect(run('owner = "ana"', "experiment", experiments, ci)).toEqual(["int10", "dotted"]);
  });
});

describe("SQL coercion between strings and numbers", () => {
  it("compares a string property with a number numerically (non-numeric text reads as 0)", () => {
    expect(run("owner = 0", "experiment", experiments)).toEqual(["int10", "double10", "dotted"]);
  });
});
