/**
 * Request header that selects the retry policy of one request. The client reads and removes it
 * before sending, so it never reaches the server.
 * @public
 */
export const RETRY_MODE_HEADER = "x-model-registry-retry";

/**
 * Per-request retry policy:
 * - `"idempotent"`: retry like a GET (network errors, timeouts, 429, 502, 503, 504). Use it for a
 *   POST you know is safe to repeat.
 * - `"never"`: make exactly one attempt (a 401 token refresh still happens).
 * @public
 */
export type RetryMode = "idempotent" | "never";

/**
 * Headers that set the retry policy of one request; merge your own headers in with `headers`.
 * @example await client.POST(path, { body, headers: retryMode("idempotent") });
 * @public
 */
export function retryMode(
  mode: RetryMode,
  headers: Record<string, string> = {},
): Record<string, string> {
  return { ...headers, [RETRY_MODE_HEADER]: mode };
}
