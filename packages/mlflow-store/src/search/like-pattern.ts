function sameChar(a: string, b: string, caseInsensitive: boolean): boolean {
  if (a === b) return true;
  if (!caseInsensitive) return false;
  return a.toLowerCase() === b.toLowerCase() || a.toUpperCase() === b.toUpperCase();
}

/**
 * SQL `LIKE` / `ILIKE` as MLflow evaluates it: `%` is any run of characters, `_` one character,
 * everything else literal (no escape character, as on SQLite), anchored at both ends; `LIKE` is
 * case-sensitive and `ILIKE` is not. Linear-backtracking wildcard matching over code points
 * (O(length × pattern) at worst, no regular expressions).
 * @internal
 */
export function likeMatches(value: string, pattern: string, caseInsensitive: boolean): boolean {
  const text = Array.from(value);
  const pat = Array.from(pattern);
  let t = 0;
  let p = 0;
  let star = -1;
  let mark = 0;
  while (t < text.length) {
    const pc = pat[p];
    if (
      pc !== undefined &&
      pc !== "%" &&
      (pc === "_" || sameChar(text[t] as string, pc, caseInsensitive))
    ) {
      t++;
      p++;
    } else if (pc === "%") {
      star = p++;
      mark = t;
    } else if (star >= 0) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (pat[p] === "%") p++;
  return p === pat.length;
}

/** Compares strings by code point, as a binary SQL collation does. @internal */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const left = a[Symbol.iterator]();
  const right = b[Symbol.iterator]();
  for (;;) {
    const x = left.next();
    const y = right.next();
    if (x.done) return y.done ? 0 : -1;
    if (y.done) return 1;
    const cx = x.value.codePointAt(0) ?? 0;
    const cy = y.value.codePointAt(0) ?? 0;
    if (cx !== cy) return cx < cy ? -1 : 1;
  }
}
