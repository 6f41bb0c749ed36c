import { isElided, type Token } from "../lexer.js";
import type { GrammarError } from "./grammar-error.js";
import { type DeferredCapture, setField } from "./set-field.js";

/**
 * Parsing state: a cursor over the token stream plus error and deferred-capture bookkeeping.
 *
 * @internal
 */
export class ParseContext {
  rawCursor = 0;
  nextCursor = 0;
  cursor = 0;
  deepestError: GrammarError | undefined;
  deepestErrorDepth = 0;
  apply: DeferredCapture[] = [];

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
