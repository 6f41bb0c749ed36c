import { describe, expectTypeOf, it } from "vitest";
import {
  type AccessToken,
  chain,
  defaultTokenProvider,
  fromEnv,
  fromKubeconfig,
  fromServiceAccountTokenFile,
  fromStaticToken,
  memoize,
  type OptionalTokenProvider,
  optional,
  type TokenProvider,
  TokenProviderError,
  type TokenRequestOptions,
} from "../src/index.js";

describe("public API types", () => {
  it("providers are async functions of optional request options", () => {
    expectTypeOf<TokenProvider>().parameters.toEqualTypeOf<[options?: TokenRequestOptions]>();
    expectTypeOf<TokenProvider>().returns.toEqualTypeOf<Promise<AccessToken>>();
    expectTypeOf<AccessToken>().toEqualTypeOf<{
      readonly token: string;
      readonly expiresAt?: Date;
    }>();
  });

  it("factories return TokenProvider and accept process.env", () => {
    expectTypeOf(fromStaticToken("t")).toEqualTypeOf<TokenProvider>();
    expectTypeOf(fromEnv({ env: process.env })).toEqualTypeOf<TokenProvider>();
    expectTypeOf(fromKubeconfig({ env: process.env })).toEqualTypeOf<TokenProvider>();
    expectTypeOf(fromServiceAccountTokenFile()).toEqualTypeOf<TokenProvider>();
    expectTypeOf(defaultTokenProvider({ env: process.env })).toEqualTypeOf<TokenProvider>();
    expectTypeOf(memoize(chain(fromEnv()), { now: Date.now })).toEqualTypeOf<TokenProvider>();
  });

  it("optional() makes an OptionalTokenProvider, and every TokenProvider is one", () => {
    expectTypeOf(optional(fromEnv())).toEqualTypeOf<OptionalTokenProvider>();
    expectTypeOf<OptionalTokenProvider>().returns.toEqualTypeOf<Promise<AccessToken | null>>();
    expectTypeOf<TokenProvider>().toExtend<OptionalTokenProvider>();
  });

  it("errors expose a readonly tryNextProvider", () => {
    const error = new TokenProviderError("x");
    expectTypeOf(error.tryNextProvider).toEqualTypeOf<boolean>();
    // @ts-expect-error tryNextProvider is readonly
    error.tryNextProvider = true;
  });
});
