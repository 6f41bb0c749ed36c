/**
 * A record without a prototype, filled with the entries of `sources` in order (later ones win).
 * Any string is an ordinary key of it — `__proto__`, `constructor` and `toString` included — so
 * user-chosen tag, param and metric keys can never be dropped or collide with `Object.prototype`.
 * @internal
 */
export function dict<V>(
  ...sources: (Readonly<Record<string, V>> | undefined)[]
): Record<string, V> {
  const out = Object.create(null) as Record<string, V>;
  for (const source of sources) {
    if (source === undefined) continue;
    for (const [key, value] of Object.entries(source)) out[key] = value;
  }
  return out;
}
