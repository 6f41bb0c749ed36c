import {
  RegistryHttpError,
  RegistryNetworkError,
  RegistryTimeoutError,
} from "@model-registry/registry-client";
import { describe, expect, it } from "vitest";
import { MlflowError } from "../../src/mlflow-error.js";
import { classifyFailedWrite, writeOnce } from "../../src/operations/write-once.js";
import type { StoreContext } from "../../src/store-context.js";
import { toMlflowError } from "../../src/translate-registry-error.js";

const request = { method: "POST", url: "http://registry.test/x" };
const http = (status: number) =>
  toMlflowError(new RegistryHttpError({ ...request, status, serverMessage: "x" }), "write");
const network = (reachedServer: boolean) =>
  new MlflowError("failed", "TEMPORARILY_UNAVAILABLE", {
    cause: new RegistryNetworkError({ ...request, reachedServer }),
  });
const timeout = new MlflowError("failed", "TEMPORARILY_UNAVAILABLE", {
  cause: new RegistryTimeoutError({ ...request, timeoutMs: 10 }),
});

describe("classifyFailedWrite", () => {
  it.each([
    ["429", "not-applied", http(429)],
    ["a refused connection", "not-applied", network(false)],
    ["a lost connection", "unknown", network(true)],
    ["a timeout", "unknown", timeout],
    ["500", "unknown", http(500)],
    ["502", "unknown", http(502)],
    ["503", "unknown", http(503)],
    ["400", "permanent", http(400)],
    ["409", "permanent", http(409)],
    ["a validation error", "permanent", MlflowError.invalidParameterValue("bad")],
    ["a raw fetch failure", "unknown", new TypeError("fetch failed")],
    ["a programming error", "permanent", new TypeError("x is not a function")],
  ])("%s is %s", (_name, expected, error) => {
    expect(classifyFailedWrite(error)).toBe(expected);
  });
});

function context(now = () => 0): StoreContext & { slept: number[] } {
  const slept: number[] = [];
  return {
    writeRetry: { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 2_000, maxElapsedMs: 60_000 },
    now,
    sleep: async (ms: number) => {
      slept.push(ms);
    },
    slept,
  } as unknown as StoreContext & { slept: number[] };
}

describe("writeOnce", () => {
  it("retries what provably did not land, with backoff", async () => {
    const ctx = context();
    const failures = [http(429), network(false)];
    let sent = 0;
    const result = await writeOnce(ctx, {
      send: async () => {
        sent++;
        const failure = failures.shift();
        if (failure) throw failure;
        return "created";
      },
      landed: async () => {
        throw new Error("no lookup expected");
      },
    });
    expect(result).toBe("created");
    expect(sent).toBe(3);
    expect(ctx.slept).toEqual([100, 200]);
  });

  it("looks an unknown outcome up before sending again, and stops when the write is there", async () => {
    const ctx = context();
    let sent = 0;
    const result = await writeOnce(ctx, {
      send: async () => {
        sent++;
        throw network(true);
      },
      landed: async () => "found",
    });
    expect(result).toBe("found");
    expect(sent).toBe(1);
  });

  it("sends again when the lookup finds nothing, and treats a later 409 as possibly its own", async () => {
    const ctx = context();
    const outcomes = [timeout, http(409)];
    const lookups: string[] = [];
    const result = await writeOnce(ctx, {
      send: async () => {
        throw outcomes.shift();
      },
      landed: async () => {
        lookups.push("lookup");
        return lookups.length === 2 ? "mine" : undefined;
      },
    });
    expect(result).toBe("mine");
    expect(lookups).toHaveLength(2);
  });

  it("gives up after maxAttempts, telling that the outcome stayed unknown", async () => {
    const ctx = context();
    let uncertain = false;
    const error = await writeOnce(ctx, {
      send: async () => {
        throw http(503);
      },
      landed: async () => undefined,
      onUncertainFailure: () => {
        uncertain = true;
      },
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as MlflowError).errorCode).toBe("TEMPORARILY_UNAVAILABLE");
    expect(uncertain).toBe(true);
    expect(ctx.slept).toEqual([100, 200, 400, 800]);
  });

  it("starts no attempt after maxElapsedMs", async () => {
    let clock = 0;
    const ctx = context(() => clock);
    let sent = 0;
    await writeOnce(ctx, {
      send: async () => {
        sent++;
        clock += 40_000;
        throw http(429);
      },
    }).catch(() => undefined);
    expect(sent).toBe(2);
  });

  it("never repeats a refused write", async () => {
    const ctx = context();
    let sent = 0;
    await writeOnce(ctx, {
      send: async () => {
        sent++;
        throw http(400);
      },
    }).catch(() => undefined);
    expect(sent).toBe(1);
  });
});
