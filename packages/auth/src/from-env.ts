import { DEFAULT_TOKEN_ENV_VAR } from "./constants.js";
import { defaultEnv } from "./runtime.js";
import { TokenProviderError } from "./token-provider-error.js";
import type { TokenProvider } from "./types.js";

/**
 * Environment variables as a plain record; `process.env` fits.
 * @public
 */
export type EnvRecord = Readonly<Record<string, string | undefined>>;

/**
 * Options for {@link fromEnv}.
 * @public
 */
export interface FromEnvOptions {
  /** Variable holding the token. Default: `MODEL_REGISTRY_TOKEN`. */
  readonly variable?: string;
  /**
   * Where to read variables. Default: `process.env`, read at each call (on Node.js; elsewhere
   * nothing is read unless `env` is given).
   */
  readonly env?: EnvRecord;
}

/**
 * A provider that reads a token from an environment variable at each call.
 * An unset or blank variable means "not configured here" (`tryNextProvider: true`).
 *
 * @example
 * ```ts
 * const auth = fromEnv(); // MODEL_REGISTRY_TOKEN
 * ```
 * @public
 */
export function fromEnv(options: FromEnvOptions = {}): TokenProvider {
  const variable = options.variable ?? DEFAULT_TOKEN_ENV_VAR;
  return async () => {
    const env = options.env ?? defaultEnv();
    const token = env[variable]?.trim();
    if (token === undefined || token === "") {
      throw new TokenProviderError(`environment variable ${variable} is not set`, {
        tryNextProvider: true,
      });
    }
    return { token };
  };
}
