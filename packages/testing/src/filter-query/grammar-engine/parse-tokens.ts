/**
 * A small backtracking grammar engine with the same matching and error-reporting rules as the
 * parser-combinator library the registry server builds its filter parser with (one token of
 * lookahead, "deepest error" tracking, deferred field assignment). Reproducing those rules, rather
 * than writing an ad-hoc parser, is what makes our 400 messages match the server's word for word.
 * The nodes live in the sibling `*-node.ts` files; this is the entry point.
 *
 * @internal
 */
import type { Token } from "../lexer.js";
import type { GrammarError } from "./grammar-error.js";
import { ParseContext } from "./parse-context.js";
import type { StructNode } from "./struct-node.js";
import type { StructValue } from "./struct-value.js";

/** Parses a whole token stream with `root`, as the original's top-level entry point does. */
export function parseTokens(
  root: StructNode,
  tokens: readonly Token[],
): StructValue | GrammarError {
  const ctx = ParseContext.start(tokens);
  const [values, error] = root.parse(ctx);
  if (error !== undefined) return error;
  if (values === null) return ctx.deepestErrorOr({ kind: "unexpected", token: ctx.peek() });
  const next = ctx.peek();
  if (next.type !== "EOF") return ctx.deepestErrorOr({ kind: "unexpected", token: next });
  return values[0] as StructValue;
}
