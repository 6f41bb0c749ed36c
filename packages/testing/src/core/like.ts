/**
 * SQL `LIKE` matching without regular expressions: `%` is any run of characters, `_` exactly one
 * (a code point), optionally with backslash escapes. The pattern is split at its `%`s into
 * segments; the first must match at the start, the last at the end, and each one between at its
 * leftmost place after the previous (taking the leftmost never loses a match). That is at most
 * `text length × pattern length` character comparisons, whatever the pattern: no backtracking
 * regex, so a pattern of many `%`s cannot stall the fake.
 * @internal
 */

/** A compiled `LIKE` pattern. @internal */
export interface LikeMatcher {
  /** Whether the whole of `text` matches the pattern. */
  test(text: string): boolean;
}

/** How a pattern is read. @internal */
export interface LikeOptions {
  /** Compare with per-character case folding, as MySQL's default `_ci` collations do. */
  readonly caseInsensitive: boolean;
  /** A backslash makes the next character literal (MySQL's and Postgres's default escape). */
  readonly escapes?: boolean;
}

/** One character of a segment: a code point to compare, or `null` for `_`. */
type Segment = ReadonlyArray<string | null>;

const FOLDED = new Map<string, string>();
const FOLD_CACHE_LIMIT = 4096;

function isOneCodePoint(text: string): boolean {
  const first = text.codePointAt(0);
  return first !== undefined && text.length === (first > 0xffff ? 2 : 1);
}

/**
 * Simple (one to one) case folding of a code point, close to what a case-insensitive Unicode
 * regex does: upper then lower case (`ſ` → `s`, `ς` → `σ`), keeping the character when either
 * step would turn it into several (`ß` stays `ß`).
 */
function fold(char: string): string {
  let folded = FOLDED.get(char);
  if (folded !== undefined) return folded;
  const upper = char.toUpperCase();
  const lower = isOneCodePoint(upper) ? upper.toLowerCase() : char.toLowerCase();
  folded = isOneCodePoint(lower) ? lower : char;
  if (FOLDED.size >= FOLD_CACHE_LIMIT) FOLDED.clear();
  FOLDED.set(char, folded);
  return folded;
}

function charsOf(text: string, caseInsensitive: boolean): string[] {
  return caseInsensitive ? Array.from(text, fold) : Array.from(text);
}

function matchesAt(segment: Segment, chars: readonly string[], at: number): boolean {
  for (let k = 0; k < segment.length; k++) {
    const expected = segment[k];
    if (expected !== null && chars[at + k] !== expected) return false;
  }
  return true;
}

function parse(pattern: string, options: LikeOptions): Segment[] {
  const segments: Array<Array<string | null>> = [[]];
  const chars = Array.from(pattern);
  for (let i = 0; i < chars.length; i++) {
    let char = chars[i] as string;
    const current = segments[segments.length - 1] as Array<string | null>;
    if (options.escapes && char === "\\" && i + 1 < chars.length) {
      char = chars[++i] as string;
      current.push(options.caseInsensitive ? fold(char) : char);
    } else if (char === "%") {
      segments.push([]);
    } else if (char === "_") {
      current.push(null);
    } else {
      current.push(options.caseInsensitive ? fold(char) : char);
    }
  }
  return segments;
}

function compile(pattern: string, options: LikeOptions): LikeMatcher {
  const segments = parse(pattern, options);
  const { caseInsensitive } = options;
  const first = segments[0] as Segment;
  if (segments.length === 1) {
    return {
      test(text) {
        const chars = charsOf(text, caseInsensitive);
        return chars.length === first.length && matchesAt(first, chars, 0);
      },
    };
  }
  const last = segments[segments.length - 1] as Segment;
  // Runs of `%` give empty segments, which match anywhere.
  const middle = segments.slice(1, -1).filter((segment) => segment.length > 0);
  return {
    test(text) {
      const chars = charsOf(text, caseInsensitive);
      const end = chars.length - last.length;
      if (end < first.length) return false;
      if (!matchesAt(first, chars, 0) || !matchesAt(last, chars, end)) return false;
      let from = first.length;
      for (const segment of middle) {
        let at = from;
        while (at + segment.length <= end && !matchesAt(segment, chars, at)) at++;
        if (at + segment.length > end) return false;
        from = at + segment.length;
      }
      return true;
    },
  };
}

const CACHE = new Map<string, LikeMatcher>();
const CACHE_LIMIT = 256;

/**
 * Compiles a SQL `LIKE` pattern (cached). Without `escapes` a backslash is an ordinary character.
 * @internal
 */
export function compileLike(pattern: string, options: LikeOptions): LikeMatcher {
  const key = `${options.caseInsensitive ? "i" : "s"}${options.escapes ? "e" : "-"}${pattern}`;
  let matcher = CACHE.get(key);
  if (matcher === undefined) {
    matcher = compile(pattern, options);
    if (CACHE.size >= CACHE_LIMIT) CACHE.clear();
    CACHE.set(key, matcher);
  }
  return matcher;
}

/** True when the pattern has no LIKE wildcard, so it can be looked up by equality. @internal */
export function isLiteralPattern(pattern: string): boolean {
  return !pattern.includes("%") && !pattern.includes("_");
}
