import { describe, expect, it } from "vitest";
import { chain, type TokenProvider, TokenProviderError } from "../src/index.js";

function declining(reason: string, calls: string[]): TokenProvider {
  return async () => {
    calls.push(reason);
    throw new TokenProviderError(reason, { tryNextProvider: true });
  };
}

function supplying(token: string, calls: string[]): TokenProvider {
  return async () => {
    calls.push(token);
    return { token };
  };
}

describe("chain", () => {
  it("returns the first provider's token without asking the rest", async () => {
    const calls: string[] = [];
    const provider = chain(supplying("first", calls), supplying("second", calls));
    expect(await provider()).toEqual({ token: "first" });
    expect(calls).toEqual(["first"]);
  });

  it("moves on only past providers that say 'not configured here'", async () => {
    const calls: string[] = [];
    const provider = chain(declining("a unset", calls), supplying("b", calls));
    expect((await provider()).token).toBe("b");
    expect(calls).toEqual(["a unset", "b"]);
  });

  it("stops at an error that does not allow the next provider", async () => {
    const calls: string[] = [];
    const broken = new TokenProviderError("file is empty", { code: "EMPTY_TOKEN" });
    const provider = chain(
      declining("a unset", calls),
      async () => {
        throw broken;
      },
      supplying("c", calls),
    );
    await expect(provider()).rejects.toBe(broken);
    expect(calls).toEqual(["a unset"]);
  });

  it("stops at and rethrows errors that are not TokenProviderErrors", async () => {
    const calls: string[] = [];
    const provider = chain(
      async () => {
        throw new RangeError("boom");
      },
      supplying("never", calls),
    );
    await expect(provider()).rejects.toThrow(RangeError);
    expect(calls).toEqual([]);
  });

  it("aggregates every reason when all providers decline, and nests", async () => {
    const calls: string[] = [];
    const inner = chain(declining("env unset", calls), declining("no file", calls));
    const error = (await inner().catch((e: unknown) => e)) as TokenProviderError;
    expect(error).toBeInstanceOf(TokenProviderError);
    expect(error.code).toBe("NO_PROVIDER");
    expect(error.tryNextProvider).toBe(true);
    expect(error.message).toBe(
      "@model-registry/auth: no token provider could supply a token: env unset; no file",
    );
    expect(error.cause).toBeInstanceOf(AggregateError);
    expect((error.cause as AggregateError).errors).toHaveLength(2);

    const outer = chain(inner, supplying("fallback", calls));
    expect((await outer()).token).toBe("fallback");
  });

  it("declines when empty", async () => {
    await expect(chain()()).rejects.toMatchObject({ code: "NO_PROVIDER", tryNextProvider: true });
  });

  it("passes forceRefresh through", async () => {
    const seen: unknown[] = [];
    const provider = chain(async (options) => {
      seen.push(options);
      return { token: "t" };
    });
    await provider({ forceRefresh: true });
    expect(seen).toEqual([{ forceRefresh: true }]);
  });
});
