/**
 * A tokenizer for MLflow filter strings that reproduces the token classes MLflow gets from
 * `sqlparse`: identifiers (dotted chains of bare words, `backtick` and "double-quoted" parts),
 * numbers, single-quoted strings, comparison operators, keywords and parenthesised groups.
 * @internal
 */

export type TokenKind =
  | "ident"
  | "number"
  | "hex"
  | "string"
  | "op"
  | "keyword"
  | "paren"
  | "punct"
  | "error"
  | "ws";

export interface Token {
  readonly kind: TokenKind;
  /** Source text. */
  readonly raw: string;
  /** Upper-cased, single-spaced operator or keyword (`NOT LIKE`, `AND`); else `raw`. */
  readonly value: string;
}

const KEYWORDS = new Set([
  "AND",
  "OR",
  "NOT",
  "IN",
  "IS",
  "NULL",
  "TRUE",
  "FALSE",
  "BETWEEN",
  "EXISTS",
  "SELECT",
  "FROM",
  "WHERE",
  "ASC",
  "DESC",
]);
const OPERATOR_WORDS = new Set(["LIKE", "ILIKE", "RLIKE", "REGEXP"]);

const WS = /\s+/y;
const NUMBER = /-?(?:\d+(?:\.\d+)?e-?\d+|\d+\.\d*|\.\d+|\d+)(?![\p{L}_])/iuy;
const HEX = /-?0x[0-9a-f]+/iy;
const COMPARISON = /[<>=~!]+/y;
const BARE_FIRST = /[\p{L}_][\p{L}\p{N}_$]*/uy;
const BARE_NEXT = /[\p{L}\p{N}_$]+/uy;
const NOT_OPERATOR = /NOT\s+(LIKE|ILIKE|RLIKE|REGEXP)\b/iy;

function match(re: RegExp, input: string, pos: number): string | undefined {
  re.lastIndex = pos;
  const m = re.exec(input);
  return m?.[0];
}

/** End index (exclusive) of a quoted run starting at `pos`, or -1 when unterminated. */
function quotedEnd(input: string, pos: number, quote: string): number {
  let i = pos + 1;
  while (i < input.length) {
    const ch = input[i];
    if (ch === "\\" && quote !== "`" && i + 1 < input.length) {
      i += 2;
      continue;
    }
    if (ch === quote) {
      if (quote !== "`" && input[i + 1] === quote) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i++;
  }
  return -1;
}

/** End of one identifier segment at `pos`, or -1 (unterminated quote), or `pos` (none). */
function segmentEnd(input: string, pos: number, first: boolean): number {
  const ch = input[pos];
  if (ch === "`" || ch === '"') return quotedEnd(input, pos, ch);
  const word = match(first ? BARE_FIRST : BARE_NEXT, input, pos);
  return word === undefined ? pos : pos + word.length;
}

/**
 * For every `(` the end (exclusive) of its balanced group, quotes respected; -1 when unbalanced.
 * One pass with a stack, so unbalanced input costs linear time.
 */
function matchParens(input: string): Map<number, number> {
  const ends = new Map<number, number>();
  const open: number[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input.charAt(i);
    if (ch === "'" || ch === '"' || ch === "`") {
      const end = quotedEnd(input, i, ch);
      if (end < 0) break;
      i = end;
      continue;
    }
    if (ch === "(") open.push(i);
    else if (ch === ")") {
      const start = open.pop();
      if (start !== undefined) ends.set(start, i + 1);
    }
    i++;
  }
  return ends;
}

function lexIdentifier(input: string, pos: number): Token | undefined {
  let end = segmentEnd(input, pos, true);
  if (end === pos) return undefined;
  if (end < 0) return { kind: "error", raw: input.slice(pos), value: input.slice(pos) };
  let dotted = false;
  while (input[end] === ".") {
    const next = segmentEnd(input, end + 1, false);
    if (next < 0) return { kind: "error", raw: input.slice(pos), value: input.slice(pos) };
    if (next === end + 1) break;
    end = next;
    dotted = true;
  }
  const raw = input.slice(pos, end);
  const upper = raw.toUpperCase();
  const bare = !dotted && raw[0] !== "`" && raw[0] !== '"';
  if (bare && OPERATOR_WORDS.has(upper)) return { kind: "op", raw, value: upper };
  if (bare && KEYWORDS.has(upper)) return { kind: "keyword", raw, value: upper };
  return { kind: "ident", raw, value: raw };
}

function lexOne(input: string, pos: number, parens: Map<number, number>): Token {
  const ws = match(WS, input, pos);
  if (ws) return { kind: "ws", raw: ws, value: ws };
  const notOp = match(NOT_OPERATOR, input, pos);
  if (notOp) {
    const op = `NOT ${notOp.split(/\s+/)[1]?.toUpperCase()}`;
    return { kind: "op", raw: notOp, value: op };
  }
  const ch = input.charAt(pos);
  if (ch === "'") {
    const end = quotedEnd(input, pos, "'");
    const raw = end < 0 ? input.slice(pos) : input.slice(pos, end);
    return { kind: end < 0 ? "error" : "string", raw, value: raw };
  }
  if (ch === "(") {
    const end = parens.get(pos) ?? -1;
    if (end > 0) {
      const raw = input.slice(pos, end);
      return { kind: "paren", raw, value: raw };
    }
    return { kind: "punct", raw: ch, value: ch };
  }
  const hex = match(HEX, input, pos);
  if (hex) return { kind: "hex", raw: hex, value: hex };
  const num = match(NUMBER, input, pos);
  if (num) return { kind: "number", raw: num, value: num };
  const ident = lexIdentifier(input, pos);
  if (ident) return ident;
  const cmp = match(COMPARISON, input, pos);
  if (cmp) return { kind: "op", raw: cmp, value: cmp };
  const codePoint = String.fromCodePoint(input.codePointAt(pos) ?? 0);
  return { kind: "punct", raw: codePoint, value: codePoint };
}

/** Splits `input` into tokens; whitespace tokens are kept so raw text can be rebuilt. @internal */
export function lexFilter(input: string): Token[] {
  const tokens: Token[] = [];
  const parens = matchParens(input);
  let pos = 0;
  while (pos < input.length) {
    const token = lexOne(input, pos, parens);
    tokens.push(token);
    pos += token.raw.length;
  }
  return tokens;
}
