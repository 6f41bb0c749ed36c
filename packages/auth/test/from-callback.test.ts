import { describe, expect, it } from "vitest";
import { fromCallback, memoize, optional, TokenProviderError } from "../src/index.js";
import { jwt } from "./helpers.js";

describe("fromCallback", () => {
  it("returns the callback's token, trimmed, with its JWT exp as expiresAt", async () => {
    const token = jwt({ exp: 2_000_000_000 });
    expect(await fromCallback(() => ` ${token}\n`)()).toEqual({
      token,
      expiresAt: new Date(2_000_000_000_000),
    });
    expect(await fromCallback(async () => "opaque")()).toEqual({ token: "opaque" });
  });

  it("keeps an expiresAt the callback gives and passes forceRefresh on", async () => {
    const seen: unknown[] = [];
    const expiresAt = new Date(1_900_000_000_000);
    const provider = fromCallback((options) => {
      seen.push(options);
      return { token: "t1", expiresAt };
    });
    expect(await provider({ forceRefresh: true })).toEqual({ token: "t1", expiresAt });
    await provider();
    expect(seen).toEqual([{ forceRefresh: true }, {}]);
  });

  it("has nothing to offer when the callback returns null or undefined", async () => {
    for (const value of [null, undefined]) {
      await expect(fromCallback(() => value)()).rejects.toMatchObject({
        tryNextProvider: true,
        code: "NOT_CONFIGURED",
      });
    }
    expect(await optional(fromCallback(() => null))()).toBeNull();
  });

  it("refuses empty and malformed answers", async () => {
    await expect(fromCallback(() => " ")()).rejects.toMatchObject({ code: "EMPTY_TOKEN" });
    await expect(fromCallback(() => ({ token: 42 }) as never)()).rejects.toMatchObject({
      code: "INVALID_TOKEN",
    });
    await expect(
      fromCallback(() => ({ token: "t", expiresAt: new Date(Number.NaN) }))(),
    ).rejects.toMatchObject({ code: "INVALID_TOKEN" });
    expect(() => fromCallback("nope" as never)).toThrow(TokenProviderError);
  });

  it("wraps the callback's errors and lets its TokenProviderErrors through", async () => {
    const failure = new Error("network down");
    await expect(
      fromCallback(() => {
        throw failure;
      })(),
    ).rejects.toMatchObject({ code: "READ_FAILED", cause: failure, tryNextProvider: false });
    const declined = new TokenProviderError("logged out", { tryNextProvider: true });
    await expect(fromCallback(() => Promise.reject(declined))()).rejects.toBe(declined);
  });

  it("is called once per token under memoize", async () => {
    let calls = 0;
    const provider = memoize(
      fromCallback(() => {
        calls++;
        return "cached";
      }),
    );
    await Promise.all([provider(), provider(), provider()]);
    expect(calls).toBe(1);
  });
});
