import { TokenProviderError } from "./token-provider-error.js";
import type { AccessToken, TokenProvider } from "./types.js";

/**
 * A provider that always returns the same token (surrounding whitespace removed).
 *
 * @throws {@link TokenProviderError} at once when the token is empty.
 * @example
 * ```ts
 * const auth = fromStaticToken(process.env.MY_TOKEN ?? "");
 * ```
 * @public
 */
export function fromStaticToken(token: string): TokenProvider {
  const trimmed = typeof token === "string" ? token.trim() : "";
  if (trimmed === "") {
    throw new TokenProviderError("fromStaticToken() was given an empty token", {
      code: "EMPTY_TOKEN",
    });
  }
  const value: AccessToken = Object.freeze({ token: trimmed });
  return async () => value;
}
