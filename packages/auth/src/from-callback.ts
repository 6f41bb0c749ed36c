import { jwtExpiry } from "./jwt-expiry.js";
import { isTokenProviderError, TokenProviderError } from "./token-provider-error.js";
import type { AccessToken, TokenProvider, TokenRequestOptions } from "./types.js";

/**
 * What the function behind {@link fromCallback} returns: a token, a token with its expiry, or
 * `null`/`undefined` when it has none (not logged in yet).
 * @public
 */
export type TokenCallbackResult = string | AccessToken | null | undefined;

/**
 * A provider over a function of yours that knows the token: an OIDC library's
 * `getAccessToken()`, the token a browser app's login left in memory, a message to a browser
 * extension's background page. It works in every runtime.
 *
 * The function gets the request's options (`forceRefresh` after a 401) and returns a token, or
 * `{ token, expiresAt? }`; a token without `expiresAt` gets its JWT `exp` as `expiresAt`. `null`
 * or `undefined` means "not configured here" (`tryNextProvider: true`, so `optional()` sends no
 * credentials); an empty token is `EMPTY_TOKEN`; a thrown `TokenProviderError` passes through and
 * any other error becomes a `READ_FAILED` one (with the error as `cause`). The function is called
 * for every request: wrap the provider in `memoize()` to cache its tokens.
 *
 * @example
 * ```ts
 * const auth = memoize(fromCallback(() => oidc.getAccessToken()));
 * ```
 * @public
 */
export function fromCallback(
  getToken: (options: TokenRequestOptions) => TokenCallbackResult | Promise<TokenCallbackResult>,
): TokenProvider {
  if (typeof getToken !== "function") {
    throw new TokenProviderError("fromCallback() needs a function", { code: "INVALID_CONFIG" });
  }
  return async (options) => {
    let result: TokenCallbackResult;
    try {
      result = await getToken({ ...options });
    } catch (error) {
      if (isTokenProviderError(error)) throw error;
      throw new TokenProviderError("the token callback failed", { cause: error });
    }
    if (result === null || result === undefined) {
      throw new TokenProviderError("the token callback has no token", { tryNextProvider: true });
    }
    const token = typeof result === "string" ? result : result.token;
    if (typeof token !== "string") {
      throw new TokenProviderError("the token callback returned no token string", {
        code: "INVALID_TOKEN",
      });
    }
    const trimmed = token.trim();
    if (trimmed === "") {
      throw new TokenProviderError("the token callback returned an empty token", {
        code: "EMPTY_TOKEN",
      });
    }
    const given = typeof result === "string" ? undefined : result.expiresAt;
    if (given !== undefined && !(given instanceof Date && Number.isFinite(given.getTime()))) {
      throw new TokenProviderError("the token callback returned an invalid expiresAt", {
        code: "INVALID_TOKEN",
      });
    }
    const expiresAt = given ?? jwtExpiry(trimmed);
    return expiresAt === undefined ? { token: trimmed } : { token: trimmed, expiresAt };
  };
}
