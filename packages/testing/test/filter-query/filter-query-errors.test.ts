import { describe, expect, it } from "vitest";
import {
  FilterQueryError,
  isFilterQueryError,
  MAX_FILTER_NESTING,
  parseFilterQuery,
} from "../../src/filter-query/index.js";

// The server wraps the parser's error in these sentences (internal/platform/db/dbutil/errors.go)
// and the service layer appends ": bad request".
const VALUE_HINT =
  '. Hint: String values must be quoted (e.g., name="value"). Numbers and booleans don\'t need quotes (e.g., id>5, active=true)';
const TOKEN_HINT = ". Check that operators and values are correctly formatted";
const OPERATORS = '("=" | "!=" | "<>" | ">=" | "<=" | ">" | "<" | "LIKE" | "ILIKE" | "IN")';

function serverMessage(detail: string, hint = ""): string {
  return `invalid filter query syntax: error parsing filter query: ${detail}${hint}: bad request`;
}

function parseError(query: string): FilterQueryError {
  try {
    parseFilterQuery(query);
  } catch (error) {
    if (error instanceof FilterQueryError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(query)} to be rejected`);
}

describe("parse errors carry the server's 400 message", () => {
  it.each<[string, string, string]>([
    // Values
    [
      "an unquoted string value",
      "name = bar",
      serverMessage('1:8: unexpected token "bar" (expected Value)', VALUE_HINT),
    ],
    [
      "a missing value",
      "name = ",
      serverMessage('1:8: unexpected token "<EOF>" (expected Value)', VALUE_HINT),
    ],
    [
      "a mixed-case boolean",
      "a = True",
      serverMessage('1:5: unexpected token "True" (expected Value)', VALUE_HINT),
    ],
    [
      "a doubled operator",
      'name === "test"',
      serverMessage('1:7: unexpected token "=" (expected Value)', VALUE_HINT),
    ],
    [
      "an error on a later line",
      "a = 1 AND\nb = bar",
      serverMessage('2:5: unexpected token "bar" (expected Value)', VALUE_HINT),
    ],
    // Operators
    [
      "a missing operator",
      'name "test"',
      serverMessage(`1:6: unexpected token "\\"test\\"" (expected ${OPERATORS} Value)`, TOKEN_HINT),
    ],
    [
      "a property alone",
      "name",
      serverMessage(`1:5: unexpected token "<EOF>" (expected ${OPERATORS} Value)`, TOKEN_HINT),
    ],
    [
      "a lower-case LIKE",
      'name like "x%"',
      serverMessage(`1:6: unexpected token "like" (expected ${OPERATORS} Value)`, TOKEN_HINT),
    ],
    [
      "NOT (unsupported)",
      "NOT a = 1",
      serverMessage(`1:5: unexpected token "a" (expected ${OPERATORS} Value)`, TOKEN_HINT),
    ],
    [
      "IS NULL (unsupported)",
      "a IS NULL",
      serverMessage(`1:3: unexpected token "IS" (expected ${OPERATORS} Value)`, TOKEN_HINT),
    ],
    [
      "a dot after a back-quoted name",
      "`a-b`.int_value = 1",
      serverMessage(`1:6: unexpected token "." (expected ${OPERATORS} Value)`, TOKEN_HINT),
    ],
    [
      "a dangling dot",
      "a. = 1",
      serverMessage(`1:2: unexpected token "." (expected ${OPERATORS} Value)`, TOKEN_HINT),
    ],
    // Keywords and structure
    [
      "a lower-case and",
      "a = 1 and b = 2",
      serverMessage('1:7: unexpected token "and"', TOKEN_HINT),
    ],
    [
      "a trailing AND",
      "a = 1 AND",
      serverMessage('1:10: unexpected token "<EOF>" (expected Term)', TOKEN_HINT),
    ],
    [
      "a trailing OR",
      "a = 1 OR",
      serverMessage('1:9: unexpected token "<EOF>" (expected AndExpression)', TOKEN_HINT),
    ],
    ["a leading operator", "= 1", serverMessage('1:1: unexpected token "="', TOKEN_HINT)],
    ["only a comment", "-- nothing", serverMessage('1:11: unexpected token "<EOF>"', TOKEN_HINT)],
    [
      "an unclosed group",
      '(name = "test"',
      serverMessage('1:15: unexpected token "<EOF>" (expected ")")', TOKEN_HINT),
    ],
    [
      "an extra closing parenthesis",
      "a = 1)",
      serverMessage('1:6: unexpected token ")"', TOKEN_HINT),
    ],
    [
      "an empty group",
      "()",
      serverMessage('1:2: unexpected token ")" (expected Expression ")")', TOKEN_HINT),
    ],
    [
      "a trailing AND inside a group",
      "(a = 1 AND)",
      serverMessage('1:8: unexpected token "AND" (expected ")")', TOKEN_HINT),
    ],
    [
      "SQL-style doubled quotes",
      "name = 'it''s'",
      serverMessage("1:12: unexpected token \"'s'\"", TOKEN_HINT),
    ],
    // Lists
    [
      "a trailing comma in a list",
      "x IN (1,)",
      serverMessage('1:8: unexpected token "," (expected ")")', TOKEN_HINT),
    ],
    [
      "a missing comma in a list",
      "x IN (1 2)",
      serverMessage('1:9: unexpected token "2" (expected ")")', TOKEN_HINT),
    ],
    [
      "a non-octal number in a list",
      "x IN (08)",
      serverMessage('1:7: unexpected token "08" (expected ")")', TOKEN_HINT),
    ],
    // Numbers the server's parser cannot convert (the position is that of the preceding space)
    [
      "a non-octal number with a leading zero",
      "x = 08",
      serverMessage('1:4: failed to conform: strconv.ParseInt: parsing "08": invalid syntax'),
    ],
    [
      "the same without spaces",
      "x=08",
      serverMessage('1:3: failed to conform: strconv.ParseInt: parsing "08": invalid syntax'),
    ],
    [
      "an integer beyond int64",
      "x = 9223372036854775808",
      serverMessage(
        '1:4: failed to conform: strconv.ParseInt: parsing "9223372036854775808": value out of range',
      ),
    ],
    [
      "a float beyond float64",
      "x = 1e999",
      serverMessage(
        '1:4: failed to conform: strconv.ParseFloat: parsing "1e999": value out of range',
      ),
    ],
    // Lexer
    ["a dash in a bare name", "name = a-b", serverMessage('1:9: lexer: invalid input text "-b"')],
    ["a lone minus", "a = -", serverMessage('1:5: lexer: invalid input text "-"')],
    [
      "an unterminated string (sample cut at 16 characters)",
      'name = "unterminated string here',
      serverMessage('1:8: lexer: invalid input text "\\"unterminated st..."'),
    ],
    [
      "an unterminated back-quote",
      "`abc = 1",
      serverMessage('1:1: lexer: invalid input text "`abc = 1"'),
    ],
    ["a non-ASCII name", "nämé = 1", serverMessage('1:2: lexer: invalid input text "ämé = 1"')],
    [
      "a no-break space",
      "a\u00a0= 1",
      serverMessage('1:2: lexer: invalid input text "\\u00a0= 1"'),
    ],
    ["a control character", "a = 1\u0001", serverMessage('1:6: lexer: invalid input text "\\x01"')],
    [
      "a vertical tab between tokens",
      "a =\v1",
      serverMessage('1:4: lexer: invalid input text "\\v1"'),
    ],
    // The hint is chosen by substring, even when the text comes from the query itself
    [
      "a quoted 'expected Value' in a trailing token",
      'a = 1 "expected Value"',
      serverMessage('1:7: unexpected token "\\"expected Value\\""', VALUE_HINT),
    ],
  ])("%s: %s", (_, query, message) => {
    const error = parseError(query);
    expect(error.message).toBe(message);
    expect(error.status).toBe(400);
    expect(error.code).toBe("Bad Request");
    expect(isFilterQueryError(error)).toBe(true);
  });

  it("exposes the bare parser message as detail", () => {
    expect(parseError("name = bar").detail).toBe('1:8: unexpected token "bar" (expected Value)');
  });

  it(`rejects nesting deeper than ${MAX_FILTER_NESTING} levels (a documented limit of the fake)`, () => {
    const depth = MAX_FILTER_NESTING + 1;
    const error = parseError(`${"(".repeat(depth)}a = 1${")".repeat(depth)}`);
    expect(error.message).toBe(
      serverMessage(
        `1:${depth}: parentheses nested deeper than ${MAX_FILTER_NESTING} levels are not supported by the fake registry`,
      ),
    );
  });
});
