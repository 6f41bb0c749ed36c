/**
 * Quotes a string the way Go's `strconv.Quote` (and `fmt`'s `%q` verb) does, because the
 * registry's parse-error messages embed offending tokens quoted that way.
 *
 * Printable characters (letters, marks, numbers, punctuation, symbols and the ASCII space) are
 * kept; `"` and `\` are backslash-escaped; everything else uses Go's escape forms.
 *
 * @internal
 */
export function goQuote(text: string): string {
  let out = '"';
  for (const char of text) {
    out += escapeRune(char);
  }
  return `${out}"`;
}

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

const SHORT_ESCAPES: Readonly<Record<string, string>> = {
  "\u0007": "\\a",
  "\b": "\\b",
  "\f": "\\f",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
  "\v": "\\v",
};

function escapeRune(char: string): string {
  if (char === '"' || char === "\\") {
    return `\\${char}`;
  }
  let codePoint = char.codePointAt(0) ?? 0xfffd;
  // A lone surrogate cannot come from UTF-8 input; Go would see U+FFFD there.
  if (codePoint >= 0xd800 && codePoint <= 0xdfff) {
    codePoint = 0xfffd;
    char = "\ufffd";
  }
  if (PRINTABLE.test(char)) {
    return char;
  }
  const short = SHORT_ESCAPES[char];
  if (short !== undefined) {
    return short;
  }
  if (codePoint < 0x20 || codePoint === 0x7f) {
    return `\\x${codePoint.toString(16).padStart(2, "0")}`;
  }
  if (codePoint < 0x10000) {
    return `\\u${codePoint.toString(16).padStart(4, "0")}`;
  }
  return `\\U${codePoint.toString(16).padStart(8, "0")}`;
}
