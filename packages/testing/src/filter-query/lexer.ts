import { goQuote } from "./go-quote.js";

/** Token classes of the registry's filter lexer, tried in this order (first match wins). */
export type TokenType =
  | "whitespace"
  | "Comment"
  | "Ident"
  | "Float"
  | "Int"
  | "String"
  | "EscapedIdent"
  | "Operators"
  | "Punct"
  | "EOF";

/** A lexed token with its 1-based line and column (columns count code points). @internal */
export interface Token {
  readonly type: TokenType;
  readonly value: string;
  readonly line: number;
  readonly column: number;
}

/** A positioned error in the parser's own words (before the server adds its prefixes). @internal */
export interface PositionedError {
  readonly line: number;
  readonly column: number;
  /** The message without position, e.g. `unexpected token "x" (expected Value)`. */
  readonly message: string;
}

/** Formats a positioned error as `line:column: message`. @internal */
export function formatPositionedError(error: PositionedError): string {
  if (error.line === 0 && error.column === 0) return error.message;
  return `${error.line}:${error.column}: ${error.message}`;
}

/** Thrown by {@link lex} for input no rule matches. @internal */
export class LexError extends Error {
  readonly positioned: PositionedError;
  constructor(positioned: PositionedError) {
    super(formatPositionedError(positioned));
    this.name = "LexError";
    this.positioned = positioned;
  }
}

// Go's RE2 classes: \s is [\t\n\f\r ], \d is [0-9], and `.` excludes only \n.
const RULES: ReadonlyArray<readonly [TokenType, RegExp]> = [
  ["whitespace", /[\t\n\f\r ]+/uy],
  ["Comment", /--[^\r\n]*/uy],
  ["Ident", /[a-zA-Z_][a-zA-Z0-9_]*/uy],
  ["Float", /[-+]?[0-9]*\.[0-9]+(?:[eE][-+]?[0-9]+)?|[-+]?[0-9]+[eE][-+]?[0-9]+/uy],
  ["Int", /[-+]?[0-9]+/uy],
  ["String", /'(?:[^'\\]|\\[^\n])*'|"(?:[^"\\]|\\[^\n])*"/uy],
  ["EscapedIdent", /`(?:[^`\\]|\\[^\n])*`/uy],
  ["Operators", />=|<=|!=|<>|=|>|</uy],
  ["Punct", /[().,]/uy],
];

const ELIDED: ReadonlySet<TokenType> = new Set(["whitespace", "Comment"]);

/** Whether the parser skips tokens of this type (whitespace and `--` comments). @internal */
export function isElided(type: TokenType): boolean {
  return ELIDED.has(type);
}

function countCodePoints(text: string): number {
  let count = 0;
  for (const _ of text) {
    count++;
  }
  return count;
}

/**
 * Splits a filter into tokens, including the elided whitespace and comment tokens (their
 * positions matter for some of the server's messages), and a final EOF token.
 *
 * @throws LexError for a character no rule accepts.
 * @internal
 */
export function lex(input: string): Token[] {
  const tokens: Token[] = [];
  let offset = 0;
  let line = 1;
  let column = 1;
  while (offset < input.length) {
    let matched: readonly [TokenType, string] | undefined;
    for (const [type, pattern] of RULES) {
      pattern.lastIndex = offset;
      const match = pattern.exec(input);
      if (match !== null && match[0].length > 0) {
        matched = [type, match[0]];
        break;
      }
    }
    if (matched === undefined) {
      const rest = Array.from(input.slice(offset));
      const sample = rest.length > 16 ? `${rest.slice(0, 16).join("")}...` : rest.join("");
      throw new LexError({
        line,
        column,
        message: `lexer: invalid input text ${goQuote(sample)}`,
      });
    }
    const [type, span] = matched;
    tokens.push({ type, value: span, line, column });
    offset += span.length;
    const lastNewline = span.lastIndexOf("\n");
    if (lastNewline < 0) {
      column += countCodePoints(span);
    } else {
      for (const char of span) {
        if (char === "\n") line++;
      }
      column = countCodePoints(span.slice(lastNewline));
    }
  }
  tokens.push({ type: "EOF", value: "", line, column });
  return tokens;
}
