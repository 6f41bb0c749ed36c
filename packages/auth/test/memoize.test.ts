import { describe, expect, it } from "vitest";
import {
  type AccessToken,
  memoize,
  type TokenProvider,
  type TokenRequestOptions,
} from "../src/index.js";
import { deferred, manualClock } from "./helpers.js";

function counting(next: (call: number, options?: TokenRequestOptions) => Promise<AccessToken>) {
  const calls: Array<TokenRequestOptions | undefined> = [];
  const provider: TokenProvider = (options) => {
    calls.push(options);
    return next(calls.length, options);
  };
  return { provider, calls };
}

describe("memoize", () => {
  it("makes one underlying call for 100 concurrent callers", async () => {
    const gate = deferred<AccessToken>();
    const { provider, calls } = counting(() => gate.promise);
    const memo = memoize(provider);
    const pending = Array.from({ length: 100 }, () => memo());
    gate.resolve({ token: "shared" });
    const results = await Promise.all(pending);
    expect(calls).toHaveLength(1);
    expect(new Set(results.map((r) => r.token))).toEqual(new Set(["shared"]));
    await memo();
    expect(calls).toHaveLength(1);
  });

  it("keeps a token without expiry until forceRefresh", async () => {
    const { provider, calls } = counting(async (n) => ({ token: `t${n}` }));
    const memo = memoize(provider);
    expect((await memo()).token).toBe("t1");
    expect((await memo()).token).toBe("t1");
    expect((await memo({ forceRefresh: true })).token).toBe("t2");
    expect(calls).toEqual([undefined, { forceRefresh: true }]);
    expect((await memo()).token).toBe("t2");
  });

  it("refreshes inside the refresh window, before expiry", async () => {
    const clock = manualClock();
    const { provider, calls } = counting(async (n) => ({
      token: `t${n}`,
      expiresAt: new Date(clock.now() + 3_600_000),
    }));
    const memo = memoize(provider, { refreshWindowMs: 300_000, now: clock.now });
    expect((await memo()).token).toBe("t1");
    clock.advance(3_600_000 - 300_001);
    expect((await memo()).token).toBe("t1");
    clock.advance(1);
    expect((await memo()).token).toBe("t2");
    expect(calls).toHaveLength(2);
  });

  it("shrinks the window to half the lifetime of short-lived tokens", async () => {
    const clock = manualClock();
    const { provider, calls } = counting(async (n) => ({
      token: `t${n}`,
      expiresAt: new Date(clock.now() + 60_000),
    }));
    const memo = memoize(provider, { refreshWindowMs: 300_000, now: clock.now });
    await memo();
    clock.advance(29_999);
    expect((await memo()).token).toBe("t1");
    clock.advance(1);
    expect((await memo()).token).toBe("t2");
    expect(calls).toHaveLength(2);
  });

  it("serves a still-valid token when a refresh fails, and retries on the next call", async () => {
    const clock = manualClock();
    let fail = false;
    const { provider, calls } = counting(async (n) => {
      if (fail) throw new Error("issuer down");
      return { token: `t${n}`, expiresAt: new Date(clock.now() + 600_000) };
    });
    const memo = memoize(provider, { refreshWindowMs: 300_000, now: clock.now });
    await memo();
    clock.advance(400_000);
    fail = true;
    expect((await memo()).token).toBe("t1");
    expect((await memo()).token).toBe("t1");
    expect(calls).toHaveLength(3);
    fail = false;
    expect((await memo()).token).toBe("t4");
  });

  it("does not cache a failure once the token has expired", async () => {
    const clock = manualClock();
    let fail = false;
    const { provider, calls } = counting(async (n) => {
      if (fail) throw new Error(`failure ${n}`);
      return { token: `t${n}`, expiresAt: new Date(clock.now() + 600_000) };
    });
    const memo = memoize(provider, { now: clock.now });
    await memo();
    clock.advance(600_000);
    fail = true;
    await expect(memo()).rejects.toThrow("failure 2");
    await expect(memo()).rejects.toThrow("failure 3");
    fail = false;
    expect((await memo()).token).toBe("t4");
    expect(calls).toHaveLength(4);
  });

  it("does not cache a failed first call", async () => {
    const { provider } = counting(async (n) => {
      if (n === 1) throw new Error("first fails");
      return { token: "ok" };
    });
    const memo = memoize(provider);
    await expect(memo()).rejects.toThrow("first fails");
    expect((await memo()).token).toBe("ok");
  });

  it("coalesces concurrent forced refreshes, and a forced refresh overtakes a plain one", async () => {
    const gates = [deferred<AccessToken>(), deferred<AccessToken>()];
    const { provider, calls } = counting((n) => gates[n - 1]!.promise);
    const memo = memoize(provider);
    const plain = memo();
    const forced = Array.from({ length: 10 }, () => memo({ forceRefresh: true }));
    expect(calls).toEqual([undefined, { forceRefresh: true }]);
    gates[1]!.resolve({ token: "fresh" });
    gates[0]!.resolve({ token: "stale" });
    expect((await plain).token).toBe("stale");
    for (const result of await Promise.all(forced)) expect(result.token).toBe("fresh");
    expect((await memo()).token).toBe("fresh");
    expect(calls).toHaveLength(2);
  });

  it("drops the cache when a forced refresh fails", async () => {
    const { provider } = counting(async (n, options) => {
      if (options?.forceRefresh) throw new Error("rejected");
      return { token: `t${n}` };
    });
    const memo = memoize(provider);
    expect((await memo()).token).toBe("t1");
    await expect(memo({ forceRefresh: true })).rejects.toThrow("rejected");
    expect((await memo()).token).toBe("t3");
  });

  it("survives a provider that throws synchronously", async () => {
    let n = 0;
    const memo = memoize((() => {
      n += 1;
      if (n === 1) throw new Error("sync");
      return Promise.resolve({ token: "ok" });
    }) as TokenProvider);
    await expect(memo()).rejects.toThrow("sync");
    expect((await memo()).token).toBe("ok");
  });

  it("rejects an empty token from the provider", async () => {
    const memo = memoize(async () => ({ token: "" }));
    await expect(memo()).rejects.toMatchObject({ code: "INVALID_TOKEN" });
  });
});
