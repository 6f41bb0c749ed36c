import { CaptureNode } from "./capture-node.js";
import {
  concatValues,
  GrammarNode,
  type GrammarResult,
  type GrammarValues,
} from "./grammar-node.js";
import type { ParseContext } from "./parse-context.js";
import type { StructValue } from "./struct-value.js";

const MAX_ITERATIONS = 1_000_000;

/**
 * A parenthesised group, matched once, optionally (`?`) or repeatedly (`*`).
 *
 * @internal
 */
export class GroupNode extends GrammarNode {
  constructor(
    readonly expr: GrammarNode,
    readonly mode: "once" | "?" | "*",
  ) {
    super();
  }
  parse(ctx: ParseContext, parent: StructValue | undefined): GrammarResult {
    if (this.mode === "once") return this.expr.parse(ctx, parent);
    const max = this.mode === "?" ? 1 : MAX_ITERATIONS;
    let out: GrammarValues = null;
    let matches = 0;
    for (; matches < max; matches++) {
      const branch = ctx.branch();
      const [values, error] = this.expr.parse(branch, parent);
      if (error !== undefined) {
        ctx.maybeUpdateError(error);
        if (ctx.stop(error, branch)) return [concatValues(out, values), error];
        break;
      }
      out = concatValues(out, values);
      ctx.accept(branch);
      if (values === null) break;
    }
    if (matches >= MAX_ITERATIONS) {
      const token = ctx.peek();
      return [
        null,
        {
          kind: "message",
          line: token.line,
          column: token.column,
          message: `too many iterations of ${this.describe()} (> ${MAX_ITERATIONS})`,
        },
      ];
    }
    return [out ?? [], undefined];
  }
  describe(): string {
    let inner: string;
    const expr = this.expr;
    if (expr instanceof GroupNode && expr.mode === "once") {
      inner = expr.expr.describe(false);
    } else if (
      expr instanceof CaptureNode &&
      expr.node instanceof GroupNode &&
      expr.node.mode === "once"
    ) {
      inner = expr.node.expr.describe(false);
    } else {
      inner = expr.describe(false);
    }
    return this.mode === "once" ? inner : `${inner}${this.mode}`;
  }
}
