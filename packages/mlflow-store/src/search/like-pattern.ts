const cache = new Map<string, RegExp>();

/**
 * SQL `LIKE` / `ILIKE` as MLflow evaluates it: `%` is any run of characters, `_` one character,
 * everything else literal (no escape character, as on SQLite), anchored at both ends; `LIKE` is
 * case-sensitive and `ILIKE` is not.
 * @internal
 */
export function likeMatches(value: string, pattern: string, caseInsensitive: boolean): boolean {
  const cacheKey = `${caseInsensitive ? "i" : "s"}${pattern}`;
  let re = cache.get(cacheKey);
  if (re === undefined) {
    let source = "";
    for (const ch of pattern) {
      if (ch === "%") source += "[\\s\\S]*";
      else if (ch === "_") source += "[\\s\\S]";
      else source += ch.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    }
    re = new RegExp(`^${source}$`, caseInsensitive ? "iu" : "u");
    if (cache.size > 500) cache.clear();
    cache.set(cacheKey, re);
  }
  return re.test(value);
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
