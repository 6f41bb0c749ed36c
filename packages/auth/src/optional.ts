import { DEFAULT_SA_RELOAD_INTERVAL_MS } from "./constants.js";
import { isTokenProviderError } from "./token-provider-error.js";
import type { OptionalTokenProvider, TokenProvider } from "./types.js";

/**
 * Options for {@link optional}.
 * @public
 */
export interface OptionalOptions {
  /**
   * After the provider said "not configured here", answer `null` without asking it again for this
   * long (a `forceRefresh` asks at once). Default: 60 000 ms.
   */
  readonly recheckIntervalMs?: number;
  /** Clock in epoch milliseconds. Default: `Date.now`. */
  readonly now?: () => number;
}

/**
 * A provider that may have no token: it resolves to `null` ("send no credentials") when `provider`
 * finds nothing configured (it throws a {@link TokenProviderError} with `tryNextProvider: true`,
 * as `chain()` does when every source declines), and rethrows every other error, so a source that
 * is configured but broken (unreadable token file, unsupported kubeconfig user) still fails.
 * The "nothing configured" answer is remembered for `recheckIntervalMs`.
 *
 * @example
 * ```ts
 * // Registries without authentication work; a configured token is still used.
 * const client = createRegistryClient({ baseUrl, auth: optional(defaultTokenProvider()) });
 * ```
 * @public
 */
export function optional(
  provider: TokenProvider,
  options: OptionalOptions = {},
): OptionalTokenProvider {
  const recheckIntervalMs = options.recheckIntervalMs ?? DEFAULT_SA_RELOAD_INTERVAL_MS;
  const now = options.now ?? Date.now;
  let declinedAt: number | undefined;
  return async (request) => {
    const at = now();
    if (
      request?.forceRefresh !== true &&
      declinedAt !== undefined &&
      at >= declinedAt &&
      at - declinedAt < recheckIntervalMs
    ) {
      return null;
    }
    try {
      const token = await provider(request);
      declinedAt = undefined;
      return token;
    } catch (error) {
      if (isTokenProviderError(error) && error.tryNextProvider) {
        declinedAt = at;
        return null;
      }
      throw error;
    }
  };
}
