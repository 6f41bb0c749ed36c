import type { GrammarError } from "./grammar-error.js";
import { GrammarNode, type GrammarResult, type GrammarValues } from "./grammar-node.js";
import type { ParseContext } from "./parse-context.js";
import type { StructValue } from "./struct-value.js";

/**
 * Alternatives, tried in order.
 *
 * @internal
 */
export class DisjunctionNode extends GrammarNode {
  constructor(readonly nodes: readonly GrammarNode[]) {
    super();
  }
  parse(ctx: ParseContext, parent: StructValue | undefined): GrammarResult {
    let deepest = 0;
    let firstError: GrammarError | undefined;
    let firstValues: GrammarValues = null;
    for (const alternative of this.nodes) {
      const branch = ctx.branch();
      const [values, error] = alternative.parse(branch, parent);
      if (error !== undefined) {
        if (ctx.stop(error, branch)) return [values, error];
        if (branch.cursor >= deepest) {
          firstError = error;
          firstValues = values;
          deepest = branch.cursor;
        }
      } else if (values !== null) {
        ctx.accept(branch);
        return [values, undefined];
      }
    }
    if (firstError !== undefined) {
      ctx.maybeUpdateError(firstError);
      return [firstValues, firstError];
    }
    return [null, undefined];
  }
  describe(root: boolean): string {
    const inner = this.nodes.map((node) => node.describe(false)).join(" | ");
    return root ? inner : `(${inner})`;
  }
}
