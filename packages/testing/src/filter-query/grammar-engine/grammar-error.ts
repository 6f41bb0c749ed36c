import { goQuote } from "../go-quote.js";
import type { PositionedError, Token } from "../lexer.js";
import type { GrammarNode } from "./grammar-node.js";

/**
 * An error raised while parsing: either an unexpected token or a positioned message.
 *
 * @internal
 */
export type GrammarError =
  | { readonly kind: "unexpected"; readonly token: Token; readonly expect?: GrammarNode }
  | {
      readonly kind: "message";
      readonly line: number;
      readonly column: number;
      readonly message: string;
    };

/** Renders a grammar error the way the server does: `unexpected token "x" (expected Value)`. */
export function toPositionedError(error: GrammarError): PositionedError {
  if (error.kind === "message") {
    return { line: error.line, column: error.column, message: error.message };
  }
  const shown = error.token.type === "EOF" ? "<EOF>" : error.token.value;
  const expected = error.expect === undefined ? "" : ` (expected ${error.expect.describe(true)})`;
  return {
    line: error.token.line,
    column: error.token.column,
    message: `unexpected token ${goQuote(shown)}${expected}`,
  };
}
