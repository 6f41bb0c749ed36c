import { goQuote } from "../go-quote.js";

/**
 * The parsed integer of an `Int` token (Go `strconv.ParseInt(s, 0, 64)`).
 *
 * @internal
 */
export interface IntCapture {
  readonly raw: string;
  readonly value: bigint;
}

const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);

/** Parses an integer as Go's `strconv.ParseInt(text, 0, 64)`; a string is the error message. */
export function goParseInt(text: string): IntCapture | string {
  let digits = text;
  let negative = false;
  if (digits.startsWith("+") || digits.startsWith("-")) {
    negative = digits.startsWith("-");
    digits = digits.slice(1);
  }
  let base = 10n;
  if (digits.length > 1 && digits.startsWith("0")) {
    base = 8n;
    digits = digits.slice(1);
  }
  let magnitude = 0n;
  for (const char of digits) {
    const digit = BigInt(char.charCodeAt(0) - 48);
    if (digit >= base) return `strconv.ParseInt: parsing ${goQuote(text)}: invalid syntax`;
    magnitude = magnitude * base + digit;
  }
  const value = negative ? -magnitude : magnitude;
  if (value > INT64_MAX || value < INT64_MIN) {
    return `strconv.ParseInt: parsing ${goQuote(text)}: value out of range`;
  }
  return { raw: text, value };
}
