import {
  concatValues,
  GrammarNode,
  type GrammarResult,
  type GrammarValues,
} from "./grammar-node.js";
import type { ParseContext } from "./parse-context.js";
import type { StructValue } from "./struct-value.js";

/**
 * A sequence; after the first element matched, every following element must match.
 *
 * @internal
 */
export class SequenceNode extends GrammarNode {
  constructor(
    readonly node: GrammarNode,
    readonly next: SequenceNode | undefined,
  ) {
    super();
  }
  static of(...nodes: GrammarNode[]): SequenceNode {
    let next: SequenceNode | undefined;
    for (let i = nodes.length - 1; i >= 0; i--) {
      next = new SequenceNode(nodes[i] as GrammarNode, next);
    }
    if (next === undefined) throw new Error("empty sequence");
    return next;
  }
  parse(ctx: ParseContext, parent: StructValue | undefined): GrammarResult {
    let out: GrammarValues = null;
    for (let link: SequenceNode | undefined = this; link !== undefined; link = link.next) {
      const [child, error] = link.node.parse(ctx, parent);
      out = concatValues(out, child);
      if (error !== undefined) return [out, error];
      if (child === null) {
        if (link === this) return [null, undefined];
        return [out, { kind: "unexpected", token: ctx.peek(), expect: link }];
      }
      if (out === null) out = [];
    }
    return [out, undefined];
  }
  describe(root: boolean): string {
    const parts: string[] = [];
    for (let link: SequenceNode | undefined = this; link !== undefined; link = link.next) {
      parts.push(link.node.describe(false));
    }
    const grouped = this.next !== undefined && !root;
    return grouped ? `(${parts.join(" ")})` : parts.join(" ");
  }
}
