import { MlflowError } from "../mlflow-error.js";

/** What a page token carries besides its fingerprint. @public */
export interface PageTokenState {
  /** Number of matching items already returned. */
  readonly offset: number;
  /** Optional opaque continuation (e.g. a registry cursor) for the store's own use. */
  readonly cursor?: string;
}

interface TokenBody {
  v: 1;
  f: string;
  o: number;
  c?: string;
}

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function fromBase64Url(token: string): string | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(token) || token.length % 4 === 1) return undefined;
  try {
    const binary = atob(token.replaceAll("-", "+").replaceAll("_", "/"));
    const bytes = Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Stable JSON: object keys sorted, `undefined` members dropped. */
function stableJson(value: unknown): string {
  if (value === undefined) return "null";
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(",")}}`;
}

/**
 * A short fingerprint of the arguments a page token belongs to (operation, experiment ids,
 * filter, order, view type, datasets …). Any JSON-like value; key order does not matter.
 * Not a security measure: it detects a token reused with other arguments.
 * @public
 */
export function searchFingerprint(args: unknown): string {
  const text = stableJson(args);
  // two 32-bit FNV-1a hashes with different offsets → 64 bits
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ code, 0x01000193) >>> 0;
    h2 = (h2 ^ (h2 >>> 15)) >>> 0;
  }
  return h1.toString(16).padStart(8, "0") + h2.toString(16).padStart(8, "0");
}

/**
 * Encodes an opaque page token (base64url of JSON with the fingerprint, the offset and an
 * optional cursor).
 * @public
 */
export function encodePageToken(state: PageTokenState & { readonly fingerprint: string }): string {
  const body: TokenBody = { v: 1, f: state.fingerprint, o: state.offset };
  if (state.cursor !== undefined) body.c = state.cursor;
  return toBase64Url(JSON.stringify(body));
}

/**
 * Decodes a page token. `undefined`, `null` and `""` mean "first page" (returns `undefined`).
 * A malformed token, or one issued for other arguments (fingerprint mismatch), throws
 * INVALID_PARAMETER_VALUE.
 * @public
 */
export function decodePageToken(
  token: string | undefined | null,
  expectedFingerprint: string,
): PageTokenState | undefined {
  if (token === undefined || token === null || token === "") return undefined;
  const decoded = typeof token === "string" ? fromBase64Url(token) : undefined;
  if (decoded === undefined)
    throw MlflowError.invalidParameterValue("Invalid page token, could not base64-decode");
  let parsed: unknown;
  try {
    parsed = JSON.parse(decoded);
  } catch {
    throw MlflowError.invalidParameterValue(`Invalid page token, decoded value=${decoded}`);
  }
  const body = parsed as Partial<TokenBody> | null;
  if (
    body === null ||
    typeof body !== "object" ||
    body.v !== 1 ||
    typeof body.f !== "string" ||
    typeof body.o !== "number" ||
    !Number.isSafeInteger(body.o) ||
    body.o < 0 ||
    (body.c !== undefined && typeof body.c !== "string")
  ) {
    throw MlflowError.invalidParameterValue(`Invalid page token, parsed value=${decoded}`);
  }
  if (body.f !== expectedFingerprint) {
    throw MlflowError.invalidParameterValue(
      "Invalid page token: it was issued for a search with different arguments (experiment ids, filter string, order by, view type or datasets). Repeat the original arguments, or search again without a page token.",
    );
  }
  return body.c === undefined ? { offset: body.o } : { offset: body.o, cursor: body.c };
}
