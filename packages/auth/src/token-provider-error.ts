const BRAND = Symbol.for("@model-registry/auth.TokenProviderError");
const PREFIX = "@model-registry/auth: ";

/**
 * Why a provider could not supply a token. Open union: new codes may appear in minor releases.
 * @public
 */
export type TokenProviderErrorCode =
  | "NOT_CONFIGURED"
  | "EMPTY_TOKEN"
  | "READ_FAILED"
  | "INVALID_CONFIG"
  | "NOT_SUPPORTED"
  | "INVALID_TOKEN"
  | "NO_PROVIDER"
  | (string & {});

/**
 * Options for {@link TokenProviderError}.
 * @public
 */
export interface TokenProviderErrorOptions {
  /**
   * `true` when the source is simply not configured here (unset variable, missing file), so
   * `chain()` may ask the next provider. `false` (the default) when the source is configured but
   * broken, which stops the chain. Default: `false`.
   */
  readonly tryNextProvider?: boolean;
  /** Machine-readable reason. Default: `"NOT_CONFIGURED"` when `tryNextProvider`, else `"READ_FAILED"`. */
  readonly code?: TokenProviderErrorCode;
  /** The underlying error. Never pass anything that could contain a token. */
  readonly cause?: unknown;
}

/**
 * The one error type of `@model-registry/auth`. Messages never contain a token, and neither does
 * `toJSON()`.
 * @public
 */
export class TokenProviderError extends Error {
  override readonly name = "TokenProviderError";
  /** Whether `chain()` should try the next provider. */
  readonly tryNextProvider: boolean;
  /** Machine-readable reason. */
  readonly code: TokenProviderErrorCode;

  constructor(message: string, options: TokenProviderErrorOptions = {}) {
    super(
      message.startsWith(PREFIX) ? message : PREFIX + message,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.tryNextProvider = options.tryNextProvider ?? false;
    this.code = options.code ?? (this.tryNextProvider ? "NOT_CONFIGURED" : "READ_FAILED");
    Object.defineProperty(this, BRAND, { value: true });
  }

  /** A JSON-safe summary; it leaves out `cause` and the stack. */
  toJSON(): { name: string; code: string; message: string; tryNextProvider: boolean } {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      tryNextProvider: this.tryNextProvider,
    };
  }
}

/**
 * Whether `value` is a {@link TokenProviderError}, also across duplicate copies of this package
 * (for example its ESM and CommonJS builds loaded side by side).
 * @public
 */
export function isTokenProviderError(value: unknown): value is TokenProviderError {
  return (
    value instanceof TokenProviderError ||
    (typeof value === "object" &&
      value !== null &&
      (value as Record<symbol, unknown>)[BRAND] === true)
  );
}
