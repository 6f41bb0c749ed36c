/**
 * System error codes meaning the request never left this machine or never got a connection:
 * no byte of it reached the server, so even a POST may be repeated.
 */
const NEVER_REACHED_CODES: ReadonlySet<string> = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EAI_NONAME",
  "EAI_NODATA",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "EHOSTDOWN",
  "EADDRNOTAVAIL",
  "UND_ERR_CONNECT_TIMEOUT",
]);

const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|ERR_OSSL_)/;

/** Classification of a thrown fetch error. */
export interface NetworkFailure {
  readonly causeCode?: string;
  readonly reachedServer: boolean;
  readonly tls: boolean;
}

function collectCodes(error: unknown, codes: string[], depth: number): void {
  if (depth > 8 || typeof error !== "object" || error === null) return;
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === "string") codes.push(code);
  if (Array.isArray(errors)) for (const inner of errors) collectCodes(inner, codes, depth + 1);
  collectCodes(cause, codes, depth + 1);
}

/**
 * Reads the cause chain of a fetch failure (undici wraps system errors, happy-eyeballs wraps
 * them in an AggregateError). Without a recognised code nothing is proven: `reachedServer` is true.
 */
export function classifyNetworkError(error: unknown): NetworkFailure {
  const codes: string[] = [];
  collectCodes(error, codes, 0);
  const tlsCode = codes.find((code) => TLS_CODE.test(code));
  if (tlsCode !== undefined) return { causeCode: tlsCode, reachedServer: false, tls: true };
  const first = codes[0];
  const neverReached = codes.length > 0 && codes.every((code) => NEVER_REACHED_CODES.has(code));
  return first === undefined
    ? { reachedServer: true, tls: false }
    : { causeCode: first, reachedServer: !neverReached, tls: false };
}
