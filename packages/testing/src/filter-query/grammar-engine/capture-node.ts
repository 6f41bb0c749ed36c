import { GrammarNode, type GrammarResult } from "./grammar-node.js";
import type { ParseContext } from "./parse-context.js";
import type { FieldKind } from "./set-field.js";
import type { StructValue } from "./struct-value.js";

/**
 * `@…`: stores what the inner node matched into a field of the enclosing struct.
 *
 * @internal
 */
export class CaptureNode extends GrammarNode {
  constructor(
    readonly field: string,
    readonly fieldKind: FieldKind,
    readonly node: GrammarNode,
  ) {
    super();
  }
  parse(ctx: ParseContext, parent: StructValue | undefined): GrammarResult {
    if (parent === undefined) throw new Error("capture outside a struct");
    const start = ctx.rawCursor;
    const [values, error] = this.node.parse(ctx, parent);
    if (values !== null) {
      ctx.apply.push({
        tokens: ctx.tokens.slice(start, ctx.rawCursor),
        target: parent,
        field: this.field,
        fieldKind: this.fieldKind,
        values,
      });
    }
    if (error !== undefined) return [[parent], error];
    if (values === null) return [null, undefined];
    return [[parent], undefined];
  }
  describe(): string {
    return this.node.describe(false);
  }
}
