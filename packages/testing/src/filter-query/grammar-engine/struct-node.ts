import { GrammarNode, type GrammarResult } from "./grammar-node.js";
import type { ParseContext } from "./parse-context.js";
import type { StructValue } from "./struct-value.js";

/**
 * A production that builds a struct value (`@@` target).
 *
 * @internal
 */
export class StructNode extends GrammarNode {
  expr: GrammarNode | undefined;
  constructor(readonly typeName: string) {
    super();
  }
  parse(ctx: ParseContext): GrammarResult {
    const start = ctx.peek();
    const value: StructValue = { $type: this.typeName, $line: start.line, $column: start.column };
    const expr = this.expr;
    if (expr === undefined) throw new Error(`grammar node ${this.typeName} has no body`);
    const [out, error] = expr.parse(ctx, value);
    if (error !== undefined) {
      ctx.applyDeferred();
      ctx.maybeUpdateError(error);
      return [[value], error];
    }
    if (out === null) return [null, undefined];
    return [[value], ctx.applyDeferred()];
  }
  describe(): string {
    return this.typeName;
  }
}
