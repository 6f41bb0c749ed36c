/**
 * A small backtracking grammar engine with the same matching and error-reporting rules as the
 * parser-combinator library the registry server builds its filter parser with (one token of
 * lookahead, "deepest error" tracking, deferred field assignment). Reproducing those rules, rather
 * than writing an ad-hoc parser, is what makes our 400 messages match the server's word for word.
 *
 * @internal
 */
import { goQuote } from "./go-quote.js";
import { isElided, type PositionedError, type Token } from "./lexer.js";

/** An error raised while parsing: either an unexpected token or a positioned message. */
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

/** A struct value under construction: field name → captured value. */
export type StructValue = Record<string, unknown> & {
  readonly $type: string;
  readonly $line: number;
  readonly $column: number;
};

type Values = unknown[] | null;
type Result = readonly [Values, GrammarError | undefined];

/** How a captured field stores its tokens (mirrors the Go field types of the server's AST). */
export type FieldKind = "string" | "strings" | "int" | "float" | "struct" | "structs";

interface Deferred {
  readonly tokens: readonly Token[];
  readonly target: StructValue;
  readonly field: string;
  readonly fieldKind: FieldKind;
  readonly values: unknown[];
}

const MAX_ITERATIONS = 1_000_000;

/** Parsing state: a cursor over the token stream plus error and deferred-capture bookkeeping. */
export class ParseContext {
  rawCursor = 0;
  nextCursor = 0;
  cursor = 0;
  deepestError: GrammarError | undefined;
  deepestErrorDepth = 0;
  apply: Deferred[] = [];

  constructor(readonly tokens: readonly Token[]) {}

  static start(tokens: readonly Token[]): ParseContext {
    const ctx = new ParseContext(tokens);
    ctx.advanceToNonElided();
    return ctx;
  }

  peek(): Token {
    return this.token(this.nextCursor);
  }

  private token(index: number): Token {
    const token = this.tokens[index];
    if (token === undefined) {
      throw new Error("token cursor out of range");
    }
    return token;
  }

  private advanceToNonElided(): void {
    for (; ; this.nextCursor++) {
      const token = this.token(this.nextCursor);
      if (token.type === "EOF" || !isElided(token.type)) return;
    }
  }

  peekAny(match: (token: Token) => boolean): readonly [Token, number] {
    for (let i = this.rawCursor; ; i++) {
      const token = this.token(i);
      if (token.type === "EOF" || match(token) || !isElided(token.type)) {
        return [token, i];
      }
    }
  }

  fastForward(rawCursor: number): void {
    for (; this.rawCursor <= rawCursor; this.rawCursor++) {
      const token = this.token(this.rawCursor);
      if (token.type === "EOF") break;
      if (!isElided(token.type)) this.cursor++;
    }
    this.nextCursor = this.rawCursor;
    this.advanceToNonElided();
  }

  branch(): ParseContext {
    const branch = new ParseContext(this.tokens);
    branch.rawCursor = this.rawCursor;
    branch.nextCursor = this.nextCursor;
    branch.cursor = this.cursor;
    branch.deepestError = this.deepestError;
    branch.deepestErrorDepth = this.deepestErrorDepth;
    return branch;
  }

  accept(branch: ParseContext): void {
    this.apply.push(...branch.apply);
    this.rawCursor = branch.rawCursor;
    this.nextCursor = branch.nextCursor;
    this.cursor = branch.cursor;
    if (branch.deepestErrorDepth >= this.deepestErrorDepth) {
      this.deepestErrorDepth = branch.deepestErrorDepth;
      this.deepestError = branch.deepestError;
    }
  }

  maybeUpdateError(error: GrammarError): void {
    if (this.cursor >= this.deepestErrorDepth) {
      this.deepestError = error;
      this.deepestErrorDepth = this.cursor;
    }
  }

  /** Records the branch's error; true when the branch went past the lookahead and must win. */
  stop(error: GrammarError, branch: ParseContext): boolean {
    if (branch.deepestErrorDepth > this.deepestErrorDepth) {
      this.deepestError = branch.deepestError;
      this.deepestErrorDepth = branch.deepestErrorDepth;
    } else if (branch.cursor >= this.deepestErrorDepth) {
      this.deepestError = error;
      this.deepestErrorDepth = Math.max(branch.cursor, branch.deepestErrorDepth);
    }
    if (branch.cursor > this.cursor + 1) {
      this.accept(branch);
      return true;
    }
    return false;
  }

  deepestErrorOr(error: GrammarError): GrammarError {
    if (this.cursor >= this.deepestErrorDepth) return error;
    return this.deepestError ?? error;
  }

  /** Applies deferred captures in order; on failure the list is kept (as the original does). */
  applyDeferred(): GrammarError | undefined {
    for (const deferred of this.apply) {
      const error = setField(deferred);
      if (error !== undefined) return error;
    }
    this.apply = [];
    return undefined;
  }
}

// Appends in place: `out` is always an array this module allocated, never a child's result.
function concat(out: Values, values: Values): Values {
  if (values === null || values.length === 0) return out;
  if (out === null) return [...values];
  for (const value of values) out.push(value);
  return out;
}

/** A grammar node. `describe` renders it in the EBNF style used inside error messages. */
export abstract class GrammarNode {
  abstract parse(ctx: ParseContext, parent: StructValue | undefined): Result;
  abstract describe(root: boolean): string;
}

/** A production that builds a struct value (`@@` target). */
export class StructNode extends GrammarNode {
  expr: GrammarNode | undefined;
  constructor(readonly typeName: string) {
    super();
  }
  parse(ctx: ParseContext): Result {
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

/** A sequence; after the first element matched, every following element must match. */
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
  parse(ctx: ParseContext, parent: StructValue | undefined): Result {
    let out: Values = null;
    for (let link: SequenceNode | undefined = this; link !== undefined; link = link.next) {
      const [child, error] = link.node.parse(ctx, parent);
      out = concat(out, child);
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

/** Alternatives, tried in order. */
export class DisjunctionNode extends GrammarNode {
  constructor(readonly nodes: readonly GrammarNode[]) {
    super();
  }
  parse(ctx: ParseContext, parent: StructValue | undefined): Result {
    let deepest = 0;
    let firstError: GrammarError | undefined;
    let firstValues: Values = null;
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

/** A parenthesised group, matched once, optionally (`?`) or repeatedly (`*`). */
export class GroupNode extends GrammarNode {
  constructor(
    readonly expr: GrammarNode,
    readonly mode: "once" | "?" | "*",
  ) {
    super();
  }
  parse(ctx: ParseContext, parent: StructValue | undefined): Result {
    if (this.mode === "once") return this.expr.parse(ctx, parent);
    const max = this.mode === "?" ? 1 : MAX_ITERATIONS;
    let out: Values = null;
    let matches = 0;
    for (; matches < max; matches++) {
      const branch = ctx.branch();
      const [values, error] = this.expr.parse(branch, parent);
      if (error !== undefined) {
        ctx.maybeUpdateError(error);
        if (ctx.stop(error, branch)) return [concat(out, values), error];
        break;
      }
      out = concat(out, values);
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

/** `@…`: stores what the inner node matched into a field of the enclosing struct. */
export class CaptureNode extends GrammarNode {
  constructor(
    readonly field: string,
    readonly fieldKind: FieldKind,
    readonly node: GrammarNode,
  ) {
    super();
  }
  parse(ctx: ParseContext, parent: StructValue | undefined): Result {
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

/** A token of a given type. */
export class ReferenceNode extends GrammarNode {
  constructor(readonly tokenType: Token["type"]) {
    super();
  }
  parse(ctx: ParseContext): Result {
    const [token, index] = ctx.peekAny((candidate) => candidate.type === this.tokenType);
    if (token.type !== this.tokenType) return [null, undefined];
    ctx.fastForward(index);
    return [[token.value], undefined];
  }
  describe(): string {
    return `<${this.tokenType.toLowerCase()}>`;
  }
}

/** A token with exactly this text, whatever its type (so keywords are case-sensitive). */
export class LiteralNode extends GrammarNode {
  constructor(readonly text: string) {
    super();
  }
  parse(ctx: ParseContext): Result {
    const [token, index] = ctx.peekAny((candidate) => candidate.value === this.text);
    if (token.value !== this.text) return [null, undefined];
    ctx.fastForward(index);
    return [[token.value], undefined];
  }
  describe(): string {
    return goQuote(this.text);
  }
}

/** The parsed integer of an `Int` token (Go `strconv.ParseInt(s, 0, 64)`). */
export interface IntCapture {
  readonly raw: string;
  readonly value: bigint;
}

const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);

function goParseInt(text: string): IntCapture | string {
  let digits = text;
  let negative = false;
  if (digits.startsWith("+") || digits.startsWith("-")) {
    negative = digits.startsWith("-");
    digits = digits.slice(1);
  }
  let base = 10n;
  if (digits.length > 1 && digits.startsWith("0")) {
    base = 8n;
    digits = digits.slice(1);
  }
  let magnitude = 0n;
  for (const char of digits) {
    const digit = BigInt(char.charCodeAt(0) - 48);
    if (digit >= base) return `strconv.ParseInt: parsing ${goQuote(text)}: invalid syntax`;
    magnitude = magnitude * base + digit;
  }
  const value = negative ? -magnitude : magnitude;
  if (value > INT64_MAX || value < INT64_MIN) {
    return `strconv.ParseInt: parsing ${goQuote(text)}: value out of range`;
  }
  return { raw: text, value };
}

function setField(deferred: Deferred): GrammarError | undefined {
  const { target, field, values } = deferred;
  switch (deferred.fieldKind) {
    case "string": {
      const previous = typeof target[field] === "string" ? (target[field] as string) : "";
      target[field] = previous + values.map(String).join("");
      return undefined;
    }
    case "strings": {
      const list = Array.isArray(target[field]) ? (target[field] as string[]) : [];
      list.push(...values.map(String));
      target[field] = list;
      return undefined;
    }
    case "struct":
      target[field] = values[0];
      return undefined;
    case "structs": {
      const list = Array.isArray(target[field]) ? (target[field] as unknown[]) : [];
      list.push(...values);
      target[field] = list;
      return undefined;
    }
    case "int": {
      const text = values.map(String).join("");
      const parsed = goParseInt(text);
      if (typeof parsed === "string") return conformError(deferred, parsed);
      target[field] = parsed;
      return undefined;
    }
    case "float": {
      const text = values.map(String).join("");
      const parsed = Number(text);
      if (!Number.isFinite(parsed)) {
        return conformError(
          deferred,
          `strconv.ParseFloat: parsing ${goQuote(text)}: value out of range`,
        );
      }
      target[field] = parsed;
      return undefined;
    }
  }
}

function conformError(deferred: Deferred, detail: string): GrammarError {
  // The position is that of the first raw token of the capture, which may be the whitespace
  // in front of the number.
  const first = deferred.tokens[0];
  return {
    kind: "message",
    line: first?.line ?? 0,
    column: first?.column ?? 0,
    message: `failed to conform: ${detail}`,
  };
}

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
