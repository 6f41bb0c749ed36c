import { DEFAULT_REFRESH_WINDOW_MS } from "./constants.js";
import { TokenProviderError } from "./token-provider-error.js";
import type { AccessToken, TokenProvider } from "./types.js";

/**
 * Options for {@link memoize}.
 * @public
 */
export interface MemoizeOptions {
  /**
   * Fetch a new token this long before `expiresAt`. For short-lived tokens the window shrinks to
   * half the lifetime the token had when it arrived. Default: 300 000 ms (five minutes).
   */
  readonly refreshWindowMs?: number;
  /** Clock in epoch milliseconds. Default: `Date.now`. */
  readonly now?: () => number;
}

interface Cached {
  readonly value: AccessToken;
  /** When to start refreshing; undefined for tokens without an expiry. */
  readonly refreshAt: number | undefined;
  readonly expiresAt: number | undefined;
}

interface Flight {
  readonly forced: boolean;
  promise?: Promise<AccessToken>;
}

function checked(value: AccessToken): AccessToken {
  if (typeof value?.token !== "string" || value.token === "") {
    throw new TokenProviderError("the token provider returned an empty token", {
      code: "INVALID_TOKEN",
    });
  }
  return value;
}

/**
 * Caches a provider's token until shortly before it expires (tokens without `expiresAt` are kept
 * until a `forceRefresh`). Concurrent callers share one call to the provider (single-flight).
 * `forceRefresh` bypasses the cache, e.g. after a 401. Failures are never cached: the next call
 * asks again. If a refresh inside the window fails while the cached token has not expired yet,
 * callers get the cached token and the next call retries.
 *
 * @example
 * ```ts
 * const auth = memoize(fromServiceAccountTokenFile(), { refreshWindowMs: 60_000 });
 * ```
 * @public
 */
export function memoize(provider: TokenProvider, options: MemoizeOptions = {}): TokenProvider {
  const refreshWindowMs = options.refreshWindowMs ?? DEFAULT_REFRESH_WINDOW_MS;
  const now = options.now ?? Date.now;
  let cached: Cached | undefined;
  let flight: Flight | undefined;
  let generation = 0;

  const fetchToken = (forced: boolean): Promise<AccessToken> => {
    if (flight?.promise !== undefined && (flight.forced || !forced)) return flight.promise;
    const own: Flight = { forced };
    const mine = ++generation;
    flight = own;
    own.promise = (async () => {
      try {
        const value = checked(await provider(forced ? { forceRefresh: true } : undefined));
        if (mine === generation) {
          const receivedAt = now();
          const expiresAt = value.expiresAt?.getTime();
          const window =
            expiresAt === undefined
              ? 0
              : Math.min(refreshWindowMs, Math.max(0, (expiresAt - receivedAt) / 2));
          cached = {
            value,
            expiresAt,
            refreshAt: expiresAt === undefined ? undefined : expiresAt - window,
          };
        }
        return value;
      } catch (error) {
        if (forced && mine === generation) cached = undefined;
        throw error;
      } finally {
        if (flight === own) flight = undefined;
      }
    })();
    return own.promise;
  };

  return async (request) => {
    if (request?.forceRefresh === true) return fetchToken(true);
    const current = cached;
    if (current === undefined) return fetchToken(false);
    const at = now();
    if (current.refreshAt === undefined || at < current.refreshAt) return current.value;
    if (current.expiresAt !== undefined && at < current.expiresAt) {
      return fetchToken(false).catch(() => current.value);
    }
    return fetchToken(false);
  };
}
