import { isTokenProviderError, TokenProviderError } from "./token-provider-error.js";
import type { TokenProvider } from "./types.js";

/**
 * A provider that asks `providers` in order and returns the first token. It moves to the next
 * provider only when the previous one throws a {@link TokenProviderError} with
 * `tryNextProvider: true` ("not configured here"); any other error stops the chain and is rethrown.
 * When every provider declines, it throws one `NO_PROVIDER` error (itself `tryNextProvider: true`,
 * so chains nest) whose message lists each provider's reason.
 *
 * @example
 * ```ts
 * const auth = chain(fromEnv(), fromServiceAccountTokenFile(), fromKubeconfig());
 * ```
 * @public
 */
export function chain(...providers: TokenProvider[]): TokenProvider {
  const list = [...providers];
  return async (options) => {
    const reasons: string[] = [];
    const declined: TokenProviderError[] = [];
    for (const provider of list) {
      try {
        return await provider(options);
      } catch (error) {
        if (!isTokenProviderError(error) || !error.tryNextProvider) throw error;
        declined.push(error);
        reasons.push(error.message.replace(/^@model-registry\/auth: /, ""));
      }
    }
    const summary = reasons.length === 0 ? "the chain is empty" : reasons.join("; ");
    throw new TokenProviderError(`no token provider could supply a token: ${summary}`, {
      tryNextProvider: true,
      code: "NO_PROVIDER",
      cause: new AggregateError(declined, "every token provider declined"),
    });
  };
}
