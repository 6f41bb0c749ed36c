import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  compileFilterQuery,
  FILTER_ENTITY_KINDS,
  type FilterAst,
  type FilterLiteral,
  type FilterNode,
  FilterQueryError,
  parseFilterQuery,
} from "../../src/filter-query/index.js";

const NUM_RUNS = 300;
// Each property takes about a second on an idle machine; leave room for a loaded CI runner.
const FUZZ_TIMEOUT_MS = 30_000;

const SAMPLE_ENTITIES = [
  {
    id: "7",
    name: "n",
    experimentId: "1",
    artifactType: "metric",
    value: 0.5,
    step: 2,
    createTimeSinceEpoch: "1700000000000",
    lastUpdateTimeSinceEpoch: "1700000000000",
    customProperties: {
      a: { metadataType: "MetadataIntValue", int_value: "3" },
      b: { metadataType: "MetadataStringValue", string_value: "x" },
    },
  },
  { id: "8", customProperties: {} },
  {},
];

/** Parses, compiles for every kind and evaluates; only FilterQueryErrors may escape. */
function exercise(query: string): void {
  let ast: FilterAst;
  try {
    ast = parseFilterQuery(query);
  } catch (error) {
    expect(error).toBeInstanceOf(FilterQueryError);
    const { message, status } = error as FilterQueryError;
    expect(status).toBe(400);
    expect(message.startsWith("invalid filter query syntax: error parsing filter query: ")).toBe(
      true,
    );
    expect(message.endsWith(": bad request")).toBe(true);
    return;
  }
  for (const kind of FILTER_ENTITY_KINDS) {
    for (const bugCompatible of [true, false]) {
      let predicate: (entity: Record<string, unknown>) => boolean;
      try {
        predicate = compileFilterQuery(ast, kind, { bugCompatible });
      } catch (error) {
        expect(error).toBeInstanceOf(FilterQueryError);
        expect((error as FilterQueryError).status).toBe(500);
        continue;
      }
      for (const entity of SAMPLE_ENTITIES) expect(typeof predicate(entity)).toBe("boolean");
    }
  }
}

/** Every comparison operator of the grammar. */
const OPERATORS = ["=", "!=", "<>", ">", ">=", "<", "<=", "LIKE", "ILIKE", "IN"] as const;

const TOKENS = [
  "a",
  "name",
  "x.y",
  "`q-r`",
  "`s\\.t`",
  "v.string_value",
  "v.int_value",
  ...OPERATORS,
  "like",
  "AND",
  "OR",
  "and",
  "NOT",
  "(",
  ")",
  ",",
  ".",
  '"str"',
  "'s'",
  '"%a_\\%"',
  "1",
  "-2",
  "010",
  "08",
  "1.5",
  ".5",
  "1e9",
  "1e999",
  "99999999999999999999",
  "true",
  "FALSE",
  "True",
  "-- comment\n",
  "\n",
  "-",
  "#",
  "`",
  '"',
  "é",
];

describe("the parser never crashes", { timeout: FUZZ_TIMEOUT_MS }, () => {
  it("on random text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (query) => exercise(query)),
      { numRuns: NUM_RUNS },
    );
  });

  it("on random Unicode text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 60 }), (query) => exercise(query)),
      { numRuns: NUM_RUNS },
    );
  });

  it("on token soups", () => {
    const soup = fc.tuple(
      fc.array(fc.constantFrom(...TOKENS), { maxLength: 25 }),
      fc.constantFrom(" ", "", "\t"),
    );
    fc.assert(
      fc.property(soup, ([tokens, separator]) => exercise(tokens.join(separator))),
      { numRuns: NUM_RUNS * 3 },
    );
  });

  it("on near-valid filters with one token changed", () => {
    const base = [
      "a",
      "=",
      "1",
      "AND",
      "(",
      "b",
      "LIKE",
      '"x%"',
      "OR",
      "c",
      "IN",
      "(",
      "1",
      ",",
      "2",
      ")",
      ")",
    ];
    const mutated = fc.tuple(fc.nat({ max: base.length - 1 }), fc.constantFrom(...TOKENS, ""));
    fc.assert(
      fc.property(mutated, ([index, token]) => {
        const tokens = [...base];
        tokens[index] = token;
        exercise(tokens.join(" "));
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

// Printing a generated AST and parsing it back must give the same AST.
const identifier = fc.stringMatching(/^[a-z_][a-z0-9_]{0,6}$/);
const literal: fc.Arbitrary<FilterLiteral> = fc.oneof(
  fc.stringMatching(/^[a-z0-9 %_]{0,8}$/).map((value) => ({ type: "string" as const, value })),
  fc.integer({ min: -1_000_000, max: 1_000_000 }).map((value) => ({
    type: "int" as const,
    value,
    raw: String(value),
  })),
  fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }).map((value) => ({
    type: "float" as const,
    value: Number(value.toFixed(3)) + 0,
  })),
  fc.boolean().map((value) => ({ type: "bool" as const, value })),
);

function printLiteral(value: FilterLiteral): string {
  switch (value.type) {
    case "string":
      return JSON.stringify(value.value);
    case "float":
      return Number.isInteger(value.value) ? `${value.value}.0` : String(value.value);
    default:
      return String(value.value);
  }
}

const comparisonNode = fc
  .record({
    name: fc.array(identifier, { minLength: 1, maxLength: 3 }),
    operator: fc.constantFrom(...OPERATORS),
    value: fc.oneof(literal, fc.array(literal, { maxLength: 3 })),
  })
  .map(({ name, operator, value }) => ({
    kind: "comparison" as const,
    property: name.join("."),
    escaped: false,
    operator,
    value,
  }));

type Generated =
  | Omit<Extract<FilterNode, { kind: "comparison" }>, "line" | "column">
  | { kind: "and" | "or"; operands: Generated[] };

const tree: fc.Arbitrary<Generated> = fc.letrec<{ node: Generated }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    comparisonNode,
    fc.record({
      kind: fc.constantFrom("and" as const, "or" as const),
      operands: fc.array(tie("node"), { minLength: 2, maxLength: 3 }),
    }),
  ),
})).node;

function print(node: Generated): string {
  if (node.kind === "comparison") {
    const value = Array.isArray(node.value)
      ? `(${(node.value as FilterLiteral[]).map(printLiteral).join(", ")})`
      : printLiteral(node.value as FilterLiteral);
    return `${node.property} ${node.operator} ${value}`;
  }
  // Every nested group is parenthesised, so flattening never merges levels.
  return node.operands
    .map((operand) => (operand.kind === "comparison" ? print(operand) : `(${print(operand)})`))
    .join(` ${node.kind.toUpperCase()} `);
}

function strip(node: FilterAst): unknown {
  if (node === null) return null;
  if (node.kind === "comparison") {
    const { line: _line, column: _column, ...rest } = node;
    return rest;
  }
  return { kind: node.kind, operands: node.operands.map(strip) };
}

describe("printing and parsing agree", { timeout: FUZZ_TIMEOUT_MS }, () => {
  it("parses a printed filter back to the same tree", () => {
    fc.assert(
      fc.property(tree, (generated) => {
        expect(strip(parseFilterQuery(print(generated)))).toEqual(generated);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
