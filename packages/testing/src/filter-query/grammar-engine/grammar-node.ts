import type { GrammarError } from "./grammar-error.js";
import type { ParseContext } from "./parse-context.js";
import type { StructValue } from "./struct-value.js";

/**
 * What a node matched: the captured values, or null when it matched nothing.
 *
 * @internal
 */
export type GrammarValues = unknown[] | null;

/**
 * The outcome of parsing one node: what it matched and the error that stopped it, if any.
 *
 * @internal
 */
export type GrammarResult = readonly [GrammarValues, GrammarError | undefined];

/**
 * A grammar node. `describe` renders it in the EBNF style used inside error messages.
 *
 * @internal
 */
export abstract class GrammarNode {
  abstract parse(ctx: ParseContext, parent: StructValue | undefined): GrammarResult;
  abstract describe(root: boolean): string;
}

/**
 * Appends `values` to `out` in place. `out` is always an array the calling node allocated, never
 * a child's result.
 *
 * @internal
 */
export function concatValues(out: GrammarValues, values: GrammarValues): GrammarValues {
  if (values === null || values.length === 0) return out;
  if (out === null) return [...values];
  for (const value of values) out.push(value);
  return out;
}
