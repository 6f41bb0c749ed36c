import { goQuote } from "../go-quote.js";
import { GrammarNode, type GrammarResult } from "./grammar-node.js";
import type { ParseContext } from "./parse-context.js";

/**
 * A token with exactly this text, whatever its type (so keywords are case-sensitive).
 *
 * @internal
 */
export class LiteralNode extends GrammarNode {
  constructor(readonly text: string) {
    super();
  }
  parse(ctx: ParseContext): GrammarResult {
    const [token, index] = ctx.peekAny((candidate) => candidate.value === this.text);
    if (token.value !== this.text) return [null, undefined];
    ctx.fastForward(index);
    return [[token.value], undefined];
  }
  describe(): string {
    return goQuote(this.text);
  }
}
