import type { Token } from "../lexer.js";
import { GrammarNode, type GrammarResult } from "./grammar-node.js";
import type { ParseContext } from "./parse-context.js";

/**
 * A token of a given type.
 *
 * @internal
 */
export class ReferenceNode extends GrammarNode {
  constructor(readonly tokenType: Token["type"]) {
    super();
  }
  parse(ctx: ParseContext): GrammarResult {
    const [token, index] = ctx.peekAny((candidate) => candidate.type === this.tokenType);
    if (token.type !== this.tokenType) return [null, undefined];
    ctx.fastForward(index);
    return [[token.value], undefined];
  }
  describe(): string {
    return `<${this.tokenType.toLowerCase()}>`;
  }
}
