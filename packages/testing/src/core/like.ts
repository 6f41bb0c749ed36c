const CACHE = new Map<string, RegExp>();
const CACHE_LIMIT = 256;

/**
 * Compiles a SQL `LIKE` pattern (`%` any run, `_` one character, no escape clause) to a RegExp.
 * `caseInsensitive` follows MySQL's default `_ci` collations.
 * @internal
 */
export function likeToRegExp(pattern: string, caseInsensitive: boolean): RegExp {
  const key = `${caseInsensitive ? "i" : "s"}${pattern}`;
  const cached = CACHE.get(key);
  if (cached) return cached;
  let source = "";
  for (const char of pattern) {
    if (char === "%") source += "[\\s\\S]*";
    else if (char === "_") source += "[\\s\\S]";
    else source += char.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  }
  const regexp = new RegExp(`^${source}$`, caseInsensitive ? "iu" : "u");
  if (CACHE.size >= CACHE_LIMIT) CACHE.clear();
  CACHE.set(key, regexp);
  return regexp;
}

/** True when the pattern has no LIKE wildcard, so it can be looked up by equality. @internal */
export function isLiteralPattern(pattern: string): boolean {
  return !pattern.includes("%") && !pattern.includes("_");
}
