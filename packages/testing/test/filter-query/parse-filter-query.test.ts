import { describe, expect, it } from "vitest";
import {
  type FilterAst,
  type FilterComparison,
  type FilterLiteral,
  MAX_FILTER_NESTING,
  parseFilterQuery,
} from "../../src/filter-query/index.js";

/** Parses a query that must hold a single comparison and returns it. */
function comparison(query: string): FilterComparison {
  const ast = parseFilterQuery(query);
  if (ast === null || ast.kind !== "comparison") {
    throw new Error(`expected one comparison for ${query}, got ${JSON.stringify(ast)}`);
  }
  return ast;
}

/** A compact rendering of an AST, to assert on structure: (a AND b) / (a OR b) / name op value. */
function shape(ast: FilterAst): string {
  if (ast === null) return "∅";
  if (ast.kind === "comparison") return `${ast.property}${ast.operator}${render(ast.value)}`;
  return `(${ast.operands.map(shape).join(` ${ast.kind.toUpperCase()} `)})`;
}

function render(value: FilterLiteral | readonly FilterLiteral[]): string {
  if (Array.isArray(value)) return `[${(value as FilterLiteral[]).map(render).join(",")}]`;
  const literal = value as FilterLiteral;
  return literal.type === "string"
    ? JSON.stringify(literal.value)
    : `${literal.type}:${literal.value}`;
}

describe("parseFilterQuery: empty input", () => {
  it.each([
    ["empty string", ""],
    ["spaces", "   "],
    ["tabs and newlines", "\t\n\r\n"],
    ["vertical tab and form feed (Go TrimSpace)", "\v\f"],
    ["no-break and ideographic spaces", "\u00a0\u3000"],
  ])("treats %s as no filter", (_, query) => {
    expect(parseFilterQuery(query)).toBeNull();
  });
});

describe("parseFilterQuery: comparisons", () => {
  it.each([
    ["=", `a = 1`],
    ["!=", `a != 1`],
    ["<>", `a <> 1`],
    [">", `a > 1`],
    [">=", `a >= 1`],
    ["<", `a < 1`],
    ["<=", `a <= 1`],
    ["LIKE", `a LIKE "x"`],
    ["ILIKE", `a ILIKE "x"`],
    ["IN", `a IN (1)`],
  ])("accepts the %s operator", (operator, query) => {
    expect(comparison(query).operator).toBe(operator);
  });

  it("needs no whitespace around operators", () => {
    expect(shape(parseFilterQuery(`a>=1`))).toBe("a>=int:1");
    expect(shape(parseFilterQuery(`a<>"x"`))).toBe(`a<>"x"`);
    expect(shape(parseFilterQuery(`a<-5`))).toBe("a<int:-5");
  });

  it("skips -- line comments and any ASCII whitespace", () => {
    expect(shape(parseFilterQuery("a -- the property\n =\t1 -- trailing"))).toBe("a=int:1");
  });

  it("records the position of the property", () => {
    const ast = parseFilterQuery(`x = 1 AND\n  y = 2`);
    expect(ast?.kind).toBe("and");
    if (ast?.kind !== "and") return;
    const second = ast.operands[1] as FilterComparison;
    expect([second.line, second.column]).toEqual([2, 3]);
  });
});

describe("parseFilterQuery: literals", () => {
  it.each<[string, FilterLiteral]>([
    [`a = "x"`, { type: "string", value: "x" }],
    [`a = 'x'`, { type: "string", value: "x" }],
    [`a = ""`, { type: "string", value: "" }],
    [`a = 'say \\"hi\\" now'`, { type: "string", value: 'say "hi" now' }],
    // The greedy trim also eats an escaped quote at the end, leaving its backslash.
    [`a = 'say \\"hi\\"'`, { type: "string", value: 'say "hi\\' }],
    [`a = "it\\'s"`, { type: "string", value: "it's" }],
    [`a = "back\\\\slash"`, { type: "string", value: "back\\slash" }],
    [`a = "tab\\t"`, { type: "string", value: "tab\\t" }],
    // Quotes are trimmed greedily from both ends, whatever their kind.
    [`a = "'x'"`, { type: "string", value: "x" }],
    [`a = "x\\""`, { type: "string", value: "x\\" }],
    [`a = "50%"`, { type: "string", value: "50%" }],
    [`a = 42`, { type: "int", value: 42, raw: "42" }],
    [`a = -42`, { type: "int", value: -42, raw: "-42" }],
    [`a = +7`, { type: "int", value: 7, raw: "+7" }],
    [`a = 0`, { type: "int", value: 0, raw: "0" }],
    // Go parses integers with base prefixes: a leading 0 means octal.
    [`a = 010`, { type: "int", value: 8, raw: "010" }],
    [`a = -017`, { type: "int", value: -15, raw: "-017" }],
    [`a = 9223372036854775807`, { type: "int", value: 2 ** 63, raw: "9223372036854775807" }],
    [`a = 1.5`, { type: "float", value: 1.5 }],
    [`a = .5`, { type: "float", value: 0.5 }],
    [`a = -0.25`, { type: "float", value: -0.25 }],
    [`a = 1e3`, { type: "float", value: 1000 }],
    [`a = 2.5E-1`, { type: "float", value: 0.25 }],
    [`a = 1.0`, { type: "float", value: 1 }],
    [`a = true`, { type: "bool", value: true }],
    [`a = false`, { type: "bool", value: false }],
    [`a = TRUE`, { type: "bool", value: true }],
    [`a = FALSE`, { type: "bool", value: false }],
  ])("%s", (query, expected) => {
    expect(comparison(query).value).toEqual(expected);
  });

  it("keeps a newline inside a quoted string", () => {
    expect(comparison(`a = "line1\nline2"`).value).toEqual({
      type: "string",
      value: "line1\nline2",
    });
  });
});

describe("parseFilterQuery: property names", () => {
  it.each([
    ["a plain identifier", "framework = 1", "framework", false],
    ["underscores and digits", "_x9_y = 1", "_x9_y", false],
    ["a dotted name, joined", "mlflow.source.type = 1", "mlflow.source.type", false],
    [
      "a typed suffix, kept in the name",
      "framework.string_value = 1",
      "framework.string_value",
      false,
    ],
    ["a back-quoted name with a dash", "`custom-metric` = 1", "custom-metric", true],
    ["a back-quoted dotted name", "`mlflow.source.type` = 1", "mlflow.source.type", true],
    ["escaped dots in back-quotes", "`a\\.b` = 1", "a.b", true],
    ["escaped backslashes in back-quotes", "`a\\\\b` = 1", "a\\b", true],
    ["a back-quoted name with spaces", "`my metric` = 1", "my metric", true],
    ["keywords as names", "AND = 1", "AND", false],
    ["booleans as names", "true = 1", "true", false],
    ["related-entity syntax, as one name", "artifacts.accuracy > 0.9", "artifacts.accuracy", false],
  ])("accepts %s", (_, query, property, escaped) => {
    const parsed = comparison(query);
    expect(parsed.property).toBe(property);
    expect(parsed.escaped).toBe(escaped);
  });
});

describe("parseFilterQuery: AND, OR and parentheses", () => {
  it.each([
    ["AND binds tighter than OR", "a = 1 OR b = 2 AND c = 3", "(a=int:1 OR (b=int:2 AND c=int:3))"],
    [
      "AND binds tighter than OR (left)",
      "a = 1 AND b = 2 OR c = 3",
      "((a=int:1 AND b=int:2) OR c=int:3)",
    ],
    ["chains are flattened", "a = 1 AND b = 2 AND c = 3", "(a=int:1 AND b=int:2 AND c=int:3)"],
    ["OR chains are flattened", "a = 1 OR b = 2 OR c = 3", "(a=int:1 OR b=int:2 OR c=int:3)"],
    [
      "parentheses override precedence",
      "(a = 1 OR b = 2) AND c = 3",
      "((a=int:1 OR b=int:2) AND c=int:3)",
    ],
    ["redundant parentheses disappear", "((a = 1))", "a=int:1"],
    [
      "nested groups",
      "a = 1 AND (b = 2 OR (c = 3 AND d = 4))",
      "(a=int:1 AND (b=int:2 OR (c=int:3 AND d=int:4)))",
    ],
    ["no whitespace around parentheses", "(a=1)OR(b=2)", "(a=int:1 OR b=int:2)"],
  ])("%s", (_, query, expected) => {
    expect(shape(parseFilterQuery(query))).toBe(expected);
  });

  it(`accepts ${MAX_FILTER_NESTING} levels of parentheses`, () => {
    const query = `${"(".repeat(MAX_FILTER_NESTING)}a = 1${")".repeat(MAX_FILTER_NESTING)}`;
    expect(shape(parseFilterQuery(query))).toBe("a=int:1");
  });

  it("parses long AND chains without deep recursion", () => {
    const query = Array.from({ length: 5000 }, (_, i) => `p${i} = ${i}`).join(" AND ");
    const ast = parseFilterQuery(query);
    expect(ast?.kind === "and" && ast.operands.length).toBe(5000);
  });
});

describe("parseFilterQuery: IN lists", () => {
  it.each([
    ["ints", "id IN (1, 2, 3)", "idIN[int:1,int:2,int:3]"],
    ["strings", `name IN ("a", 'b')`, `nameIN["a","b"]`],
    ["mixed types", `x IN (1, "a", 2.5, true)`, `xIN[int:1,"a",float:2.5,bool:true]`],
    ["one element", "id IN (42)", "idIN[int:42]"],
    ["an empty list", "id IN ()", "idIN[]"],
    ["a scalar right-hand side", "id IN 5", "idINint:5"],
    ["a list after another operator", "id = (1, 2)", "id=[int:1,int:2]"],
  ])("%s", (_, query, expected) => {
    expect(shape(parseFilterQuery(query))).toBe(expected);
  });
});
