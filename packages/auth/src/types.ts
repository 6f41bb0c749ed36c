/**
 * A bearer token and, when known, the instant it stops being valid.
 * @public
 */
export interface AccessToken {
  readonly token: string;
  readonly expiresAt?: Date;
}

/**
 * Options a caller may pass when asking a provider for a token.
 * @public
 */
export interface TokenRequestOptions {
  /** Bypass any cache and read the source again (e.g. after a 401). */
  readonly forceRefresh?: boolean;
}

/**
 * A source of bearer tokens. Providers are plain async functions; caching lives in `memoize()`.
 * @public
 */
export type TokenProvider = (options?: TokenRequestOptions) => Promise<AccessToken>;

/**
 * A source of bearer tokens that may have none to offer: `null` means "send no credentials".
 * Every {@link TokenProvider} is also an `OptionalTokenProvider`; `optional()` makes one from a
 * provider.
 * @public
 */
export type OptionalTokenProvider = (options?: TokenRequestOptions) => Promise<AccessToken | null>;
