const ESCAPED = /[<>&\u2028\u2029]/g;
const ESCAPES: Record<string, string> = {
  "<": "\\u003c",
  ">": "\\u003e",
  "&": "\\u0026",
  "\u2028": "\\u2028",
  "\u2029": "\\u2029",
};

/**
 * Serialises a value the way Go's `json.Encoder` does: `<`, `>`, `&`, U+2028 and U+2029 escaped,
 * and a trailing newline.
 * @internal
 */
export function goJson(value: unknown): string {
  const text = JSON.stringify(value);
  return `${ESCAPED.test(text) ? text.replace(ESCAPED, (c) => ESCAPES[c] ?? c) : text}\n`;
}
