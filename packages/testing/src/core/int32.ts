import { badRequest } from "./http-error.js";

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/**
 * Parses like Go's `strconv.ParseInt(s, 10, 32)`: optional sign, decimal digits, int32 range.
 * Returns the number, or the Go error text.
 * @internal
 */
export function parseInt32(text: string): number | string {
  if (!/^[+-]?[0-9]+$/.test(text))
    return `strconv.ParseInt: parsing ${goQuote(text)}: invalid syntax`;
  const value = Number(text);
  if (value < INT32_MIN || value > INT32_MAX || !Number.isSafeInteger(value)) {
    return `strconv.ParseInt: parsing ${goQuote(text)}: value out of range`;
  }
  return value;
}

/** Parses an id from a path, body or query, failing with `invalid <label> ID: …: bad request`. @internal */
export function parseId(text: string, label: string): number {
  const value = parseInt32(text);
  if (typeof value === "string") throw badRequest(`invalid ${label} ID: ${value}`);
  return value;
}

/** Quotes a string the way Go's `%q` does for printable ASCII (enough for messages). @internal */
export function goQuote(text: string): string {
  return JSON.stringify(text);
}
