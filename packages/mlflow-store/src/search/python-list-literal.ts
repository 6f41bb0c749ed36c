import { MlflowError } from "../mlflow-error.js";

const ILL_FORMED =
  "While parsing a list in the query, expected a non-empty list of string values, but got ill-formed list.";

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  "\\": "\\",
  "'": "'",
  '"': '"',
  n: "\n",
  t: "\t",
  r: "\r",
  a: "\x07",
  b: "\b",
  f: "\f",
  v: "\v",
  "\n": "",
};

class IllFormed extends Error {}

/** Reads one Python string literal at `pos`; returns [value, end]. */
function readString(text: string, pos: number): [string, number] {
  const quote = text.charAt(pos);
  let out = "";
  let i = pos + 1;
  while (i < text.length) {
    const ch = text.charAt(i);
    if (ch === quote) return [out, i + 1];
    if (ch === "\n") throw new IllFormed();
    if (ch !== "\\") {
      out += ch;
      i++;
      continue;
    }
    const next = text.charAt(i + 1);
    const simple = SIMPLE_ESCAPES[next];
    if (simple !== undefined) {
      out += simple;
      i += 2;
    } else if (next === "x" || next === "u" || next === "U") {
      const width = next === "x" ? 2 : next === "u" ? 4 : 8;
      const hex = text.slice(i + 2, i + 2 + width);
      if (!new RegExp(`^[0-9a-fA-F]{${width}}$`).test(hex)) throw new IllFormed();
      out += String.fromCodePoint(Number.parseInt(hex, 16));
      i += 2 + width;
    } else {
      out += ch;
      i++;
    }
  }
  throw new IllFormed();
}

type Item = { kind: "string"; value: string } | { kind: "other" };

function readItem(text: string, pos: number): [Item, number] {
  let i = pos;
  const ch = text.charAt(i);
  if (ch === "'" || ch === '"') {
    let value = "";
    // adjacent literals concatenate, as in Python
    while (text.charAt(i) === "'" || text.charAt(i) === '"') {
      const [part, end] = readString(text, i);
      value += part;
      i = end;
      while (/\s/.test(text.charAt(i))) i++;
    }
    return [{ kind: "string", value }, i];
  }
  const number = /^[+-]?(\d[\d_]*(\.\d*)?|\.\d+)([eE][+-]?\d+)?j?/.exec(text.slice(i));
  if (number) return [{ kind: "other" }, i + number[0].length];
  const constant = /^(None|True|False)\b/.exec(text.slice(i));
  if (constant) return [{ kind: "other" }, i + constant[0].length];
  throw new IllFormed();
}

/**
 * Evaluates the parenthesised list of an `IN (...)` clause as MLflow does with
 * `ast.literal_eval`: Python string literals, an optional trailing comma, `('a')` meaning one
 * item. Errors are INVALID_PARAMETER_VALUE with MLflow's messages.
 * @internal
 */
export function parsePythonStringList(paren: string): string[] {
  const inner = paren.slice(1, -1);
  const items: Item[] = [];
  let hadComma = false;
  try {
    let i = 0;
    const skip = () => {
      while (i < inner.length && /\s/.test(inner.charAt(i))) i++;
    };
    skip();
    while (i < inner.length) {
      const [item, end] = readItem(inner, i);
      items.push(item);
      i = end;
      skip();
      if (i >= inner.length) break;
      if (inner.charAt(i) !== ",") throw new IllFormed();
      hadComma = true;
      i++;
      skip();
    }
    if (items.length === 0 && inner.trim() !== "") throw new IllFormed();
  } catch (error) {
    if (error instanceof IllFormed) throw MlflowError.invalidParameterValue(ILL_FORMED);
    throw error;
  }
  if (items.length === 0) {
    throw MlflowError.invalidParameterValue(
      "While parsing a list in the query, expected a non-empty list of string values, but got empty list",
    );
  }
  if (items.some((item) => item.kind !== "string") || (items.length > 1 && !hadComma)) {
    throw MlflowError.invalidParameterValue(
      `While parsing a list in the query, expected string value, punctuation, or whitespace, but got different type in list: ${paren}`,
    );
  }
  return items.map((item) => (item as { value: string }).value);
}
