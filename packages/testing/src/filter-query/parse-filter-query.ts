import type {
  FilterAst,
  FilterComparison,
  FilterLiteral,
  FilterNode,
  FilterOperator,
} from "./filter-ast.js";
import { FILTER_GRAMMAR } from "./filter-grammar.js";
import { FilterQueryError } from "./filter-query-error.js";
import type { IntCapture } from "./grammar-engine/go-parse-int.js";
import { toPositionedError } from "./grammar-engine/grammar-error.js";
import { parseTokens } from "./grammar-engine/parse-tokens.js";
import type { StructValue } from "./grammar-engine/struct-value.js";
import { formatPositionedError, LexError, lex, type PositionedError, type Token } from "./lexer.js";

/**
 * Deepest parenthesis nesting the fake accepts. The server has no limit; past this depth the fake
 * answers 400 with {@link nestingTooDeepMessage} instead of risking a stack overflow.
 */
export const MAX_FILTER_NESTING = 200;

const HINT_VALUE =
  'Hint: String values must be quoted (e.g., name="value"). Numbers and booleans don\'t need quotes (e.g., id>5, active=true)';
const HINT_TOKEN = "Check that operators and values are correctly formatted";

/** Builds the server's 400 message around a parser error text (e.g. `1:5: unexpected token …`). */
export function filterSyntaxErrorMessage(parserError: string): string {
  const error = `error parsing filter query: ${parserError}`;
  let message: string;
  if (error.includes("expected Value")) {
    message = `invalid filter query syntax: ${error}. ${HINT_VALUE}`;
  } else if (error.includes("unexpected token")) {
    message = `invalid filter query syntax: ${error}. ${HINT_TOKEN}`;
  } else {
    message = `invalid filter query syntax: ${error}`;
  }
  return `${message}: bad request`;
}

function syntaxError(positioned: PositionedError): FilterQueryError {
  const detail = formatPositionedError(positioned);
  return new FilterQueryError(filterSyntaxErrorMessage(detail), { detail });
}

// Go's unicode.IsSpace, which strings.TrimSpace uses to detect an empty filter.
function isGoSpace(char: string): boolean {
  const code = char.charCodeAt(0);
  return (
    (code >= 0x09 && code <= 0x0d) ||
    code === 0x20 ||
    code === 0x85 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  );
}

function isBlank(query: string): boolean {
  for (const char of query) {
    if (!isGoSpace(char)) return false;
  }
  return true;
}

function checkNesting(tokens: readonly Token[]): void {
  let depth = 0;
  for (const token of tokens) {
    if (token.type !== "Punct") continue;
    if (token.value === "(") {
      depth++;
      if (depth > MAX_FILTER_NESTING) {
        throw syntaxError({
          line: token.line,
          column: token.column,
          message: `parentheses nested deeper than ${MAX_FILTER_NESTING} levels are not supported by the fake registry`,
        });
      }
    } else if (token.value === ")" && depth > 0) {
      depth--;
    }
  }
}

/**
 * Parses a filterQuery with the registry server's exact grammar.
 *
 * @returns the AST, or `null` when the query is empty or only whitespace (no filtering).
 * @throws FilterQueryError with the server's 400 message when the server would reject the query.
 */
export function parseFilterQuery(query: string): FilterAst {
  if (isBlank(query)) return null;
  let tokens: Token[];
  try {
    tokens = lex(query);
  } catch (error) {
    if (error instanceof LexError) throw syntaxError(error.positioned);
    throw error;
  }
  checkNesting(tokens);
  const result = parseTokens(FILTER_GRAMMAR, tokens);
  if (!("$type" in result)) throw syntaxError(toPositionedError(result));
  return convertOr(field(field(result, "Expression"), "Or"));
}

function field(value: StructValue, name: string): StructValue {
  const child = value[name];
  if (typeof child !== "object" || child === null) {
    throw new Error(`parsed ${value.$type} lacks ${name}`);
  }
  return child as StructValue;
}

function fields(value: StructValue, name: string): StructValue[] {
  const list = value[name];
  return Array.isArray(list) ? (list as StructValue[]) : [];
}

function convertOr(or: StructValue): FilterNode {
  const operands = [field(or, "Left"), ...fields(or, "Right")].map(convertAnd);
  return operands.length === 1 ? (operands[0] as FilterNode) : { kind: "or", operands };
}

function convertAnd(and: StructValue): FilterNode {
  const operands = [field(and, "Left"), ...fields(and, "Right")].map(convertTerm);
  return operands.length === 1 ? (operands[0] as FilterNode) : { kind: "and", operands };
}

function convertTerm(term: StructValue): FilterNode {
  if (term["Group"] !== undefined) return convertOr(field(field(term, "Group"), "Or"));
  return convertComparison(field(term, "Comparison"));
}

const TRIM_BACKQUOTES = /^`+|`+$/g;
const TRIM_QUOTES = /^["']+|["']+$/g;

function convertComparison(comparison: StructValue): FilterComparison {
  const ref = field(comparison, "Left");
  const escapedName = typeof ref["EscapedName"] === "string" ? ref["EscapedName"] : "";
  let property: string;
  if (escapedName !== "") {
    property = escapedName
      .replace(TRIM_BACKQUOTES, "")
      .replaceAll("\\.", ".")
      .replaceAll("\\\\", "\\");
  } else {
    const path = Array.isArray(ref["Path"]) ? (ref["Path"] as string[]) : [];
    property = [String(ref["Name"] ?? ""), ...path].join(".");
  }
  if (typeof ref["Type"] === "string" && ref["Type"] !== "") {
    property = `${property}.${ref["Type"]}`;
  }
  const right = field(comparison, "Right");
  const value =
    right["ValueList"] !== undefined
      ? fields(field(right, "ValueList"), "Values").map(convertLiteral)
      : convertLiteral(right);
  return {
    kind: "comparison",
    property,
    escaped: escapedName !== "",
    operator: String(comparison["Operator"]) as FilterOperator,
    value,
    line: ref.$line,
    column: ref.$column,
  };
}

function unquote(text: string): string {
  return text
    .replace(TRIM_QUOTES, "")
    .replaceAll('\\"', '"')
    .replaceAll("\\'", "'")
    .replaceAll("\\\\", "\\");
}

function convertLiteral(value: StructValue): FilterLiteral {
  if (typeof value["String"] === "string")
    return { type: "string", value: unquote(value["String"]) };
  const integer = value["Integer"] as IntCapture | undefined;
  if (integer !== undefined) return { type: "int", value: Number(integer.value), raw: integer.raw };
  if (typeof value["Float"] === "number") return { type: "float", value: value["Float"] };
  return { type: "bool", value: String(value["Boolean"]).toLowerCase() === "true" };
}
