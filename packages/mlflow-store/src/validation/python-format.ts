/**
 * Helpers that format values the way MLflow's Python code prints them, so error messages match
 * MLflow's text (`json.dumps(value, sort_keys=True, separators=(",", ":"))`, `repr(str)`, `str(float)`).
 * @internal
 */

/** Number of code points (Python's `len` of a str). @internal */
export function codePointLength(value: string): number {
  let count = 0;
  for (const _ of value) count++;
  return count;
}

/** First `limit` code points of `value` (Python's `value[:limit]`). @internal */
export function truncateCodePoints(value: string, limit: number): string {
  let out = "";
  let count = 0;
  for (const ch of value) {
    if (count === limit) break;
    out += ch;
    count++;
  }
  return out;
}

const JSON_ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  "\\": "\\\\",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
  "\b": "\\b",
  "\f": "\\f",
};

/** Python `json.dumps(s)` with its default `ensure_ascii=True`. */
function jsonString(value: string): string {
  let out = '"';
  for (let i = 0; i < value.length; i++) {
    const ch = value.charAt(i);
    const code = value.charCodeAt(i);
    const escaped = JSON_ESCAPES[ch];
    if (escaped !== undefined) out += escaped;
    else if (code < 0x20 || code > 0x7e) out += `\\u${code.toString(16).padStart(4, "0")}`;
    else out += ch;
  }
  return `${out}"`;
}

/** Python `repr(float)` (`1.0`, `0.5`, `1e-07`, `1e+16`, `nan`, `inf`). @internal */
export function pythonFloatRepr(value: number): string {
  if (Number.isNaN(value)) return "nan";
  if (value === Number.POSITIVE_INFINITY) return "inf";
  if (value === Number.NEGATIVE_INFINITY) return "-inf";
  if (value === 0) return Object.is(value, -0) ? "-0.0" : "0.0";
  const [mantissa = "0", exp = "0"] = value.toExponential().split("e");
  const exponent = Number(exp);
  if (exponent < -4 || exponent >= 16) {
    const sign = exponent < 0 ? "-" : "+";
    return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, "0")}`;
  }
  const text = value.toFixed(Math.max(0, (mantissa.split(".")[1]?.length ?? 0) - exponent));
  return text.includes(".") ? text : `${text}.0`;
}

/** `json.dumps(value, sort_keys=True, separators=(",", ":"))` as MLflow's `invalid_value` uses it. @internal */
export function pythonJsonDumps(value: unknown): string {
  try {
    return jsonDumps(value, 0);
  } catch {
    return jsonString(safeString(value));
  }
}

/** `String(value)` that never throws (objects without a prototype, throwing `toString`). @internal */
export function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

const MAX_DUMP_DEPTH = 8;

function jsonDumps(value: unknown, depth: number): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return jsonString(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") {
    if (Number.isNaN(value)) return "NaN";
    if (!Number.isFinite(value)) return value > 0 ? "Infinity" : "-Infinity";
    return Number.isInteger(value) && Math.abs(value) < 1e16
      ? String(value)
      : pythonFloatRepr(value);
  }
  if (typeof value === "bigint") return value.toString();
  if (depth >= MAX_DUMP_DEPTH) return '"..."';
  if (Array.isArray(value)) return `[${value.map((v) => jsonDumps(v, depth + 1)).join(",")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `{${entries.map(([k, v]) => `${jsonString(k)}:${jsonDumps(v, depth + 1)}`).join(",")}}`;
  }
  return jsonString(safeString(value));
}

/** Python `repr(str)`: single quotes unless the text holds `'` and no `"`. @internal */
export function pythonRepr(value: string): string {
  const quote = value.includes("'") && !value.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of value) {
    if (ch === "\\") out += "\\\\";
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f)
      out += `\\x${ch.charCodeAt(0).toString(16).padStart(2, "0")}`;
    else out += ch;
  }
  return out + quote;
}

/** Python `repr(list_of_str)`, e.g. `['a', 'b']`. @internal */
export function pythonListRepr(values: readonly string[]): string {
  return `[${values.map(pythonRepr).join(", ")}]`;
}
