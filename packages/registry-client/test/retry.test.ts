import { describe, expect, test } from "vitest";
import {
  isRegistryNetworkError,
  RETRY_MODE_HEADER,
  type RegistryNetworkError,
  retryMode,
  unwrap,
} from "../src/index.js";
import {
  EXPERIMENT,
  EXPERIMENTS,
  experiment,
  json,
  netError,
  testClient,
  text,
} from "./helpers.js";

const get = (client: ReturnType<typeof testClient>["client"]) =>
  client.GET(EXPERIMENT, { params: { path: { experimentId: "1" } } });
const post = (client: ReturnType<typeof testClient>["client"], headers?: Record<string, string>) =>
  client.POST(EXPERIMENTS, { body: { name: "exp" }, ...(headers ? { headers } : {}) });
const patch = (client: ReturnType<typeof testClient>["client"]) =>
  client.PATCH(EXPERIMENT, { params: { path: { experimentId: "1" } }, body: { description: "d" } });

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

describe("GET and PATCH are retried", () => {
  for (const status of [429, 502, 503, 504]) {
    test(`on HTTP ${status}`, async () => {
      const t = testClient([text("busy", status), json(experiment)]);
      expect(await unwrap(get(t.client))).toEqual(experiment);
      expect(t.calls).toHaveLength(2);
    });
  }

  test("PATCH on 503 and on a network error that may have reached the server", async () => {
    const t = testClient([text("down", 503), netError("ECONNRESET"), json(experiment)]);
    expect(await unwrap(patch(t.client))).toEqual(experiment);
    expect(t.calls.map((c) => c.method)).toEqual(["PATCH", "PATCH", "PATCH"]);
  });

  test("on network errors, up to maxAttempts, then throws with the attempt count", async () => {
    const t = testClient([netError("ECONNRESET")], { retry: { maxAttempts: 3 } });
    const error = (await rejection(get(t.client))) as RegistryNetworkError;
    expect(isRegistryNetworkError(error)).toBe(true);
    expect(error.reachedServer).toBe(true);
    expect(error.causeCode).toBe("ECONNRESET");
    expect(error.attempts).toBe(3);
    expect(t.calls).toHaveLength(3);
  });

  for (const status of [400, 404, 409, 422, 500]) {
    test(`not on HTTP ${status}`, async () => {
      const t = testClient([json({ code: "x", message: "y" }, { status }), json(experiment)]);
      const result = await get(t.client);
      expect(result.response.status).toBe(status);
      expect(t.calls).toHaveLength(1);
    });
  }

  test("the last retryable response is returned when attempts run out", async () => {
    const t = testClient([text("busy", 503)], { retry: { maxAttempts: 2 } });
    expect((await get(t.client)).response.status).toBe(503);
    expect(t.calls).toHaveLength(2);
  });

  test("TLS failures are not retried", async () => {
    const t = testClient([netError("DEPTH_ZERO_SELF_SIGNED_CERT")]);
    const error = (await rejection(get(t.client))) as RegistryNetworkError;
    expect(error.code).toBe("TLS_ERROR");
    expect(t.calls).toHaveLength(1);
  });
});

describe("backoff", () => {
  test("exponential with full jitter, capped by maxDelayMs", async () => {
    const t = testClient([text("busy", 503)], {
      retry: { maxAttempts: 6, baseDelayMs: 100, maxDelayMs: 500 },
    });
    await get(t.client);
    expect(t.clock.sleeps).toEqual([100, 200, 400, 500, 500]);
  });

  test("jitter scales the ceiling by random()", async () => {
    const t = testClient([text("busy", 503)], {
      retry: { maxAttempts: 4, baseDelayMs: 100 },
      random: () => 0.5,
    });
    await get(t.client);
    expect(t.clock.sleeps).toEqual([50, 100, 200]);
  });

  test("Retry-After in seconds is honoured", async () => {
    const t = testClient([text("slow down", 429, { "retry-after": "3" }), json(experiment)]);
    await unwrap(get(t.client));
    expect(t.clock.sleeps).toEqual([3000]);
  });

  test("Retry-After as an HTTP date is honoured", async () => {
    const at = new Date(Date.now() + 10_000).toUTCString();
    const t = testClient([text("slow down", 503, { "retry-after": at }), json(experiment)]);
    await unwrap(get(t.client));
    expect(t.clock.sleeps).toHaveLength(1);
    expect(t.clock.sleeps[0]).toBeGreaterThan(8_000);
    expect(t.clock.sleeps[0]).toBeLessThanOrEqual(10_000);
  });

  test("a Retry-After beyond the time budget ends the retries", async () => {
    const t = testClient([text("slow down", 429, { "retry-after": "120" }), json(experiment)], {
      retry: { maxElapsedMs: 60_000 },
    });
    expect((await get(t.client)).response.status).toBe(429);
    expect(t.clock.sleeps).toEqual([]);
  });

  test("total time is bounded by maxElapsedMs whatever maxAttempts says", async () => {
    const t = testClient(
      [
        (): Response => {
          t.clock.advance(300); // each attempt takes 300 ms
          return text("busy", 503);
        },
      ],
      { retry: { maxAttempts: 1000, baseDelayMs: 100, maxDelayMs: 100, maxElapsedMs: 2_000 } },
    );
    const started = t.clock.now();
    expect((await get(t.client)).response.status).toBe(503);
    // attempts end at 300, 700, 1100, 1500, 1900, 2300 ms; the next would start at 2400 > 2000
    expect(t.calls).toHaveLength(6);
    expect(t.clock.now() - started).toBeLessThanOrEqual(2_000 + 300);
  });

  test("with the defaults, an attempt that fails after a full 30 s timeout is retried once", async () => {
    const t = testClient([
      (): Response => {
        t.clock.advance(30_000);
        throw netError("ECONNRESET");
      },
    ]);
    const error = (await rejection(get(t.client))) as RegistryNetworkError;
    expect(error.attempts).toBe(2);
  });

  test("retry: false makes one attempt", async () => {
    const t = testClient([text("busy", 503), json(experiment)], { retry: false });
    expect((await get(t.client)).response.status).toBe(503);
    expect(t.calls).toHaveLength(1);
  });

  test("an abort during the backoff rejects with the caller's reason", async () => {
    const controller = new AbortController();
    const t = testClient([text("busy", 503)], {
      sleep: (_ms, signal) => {
        controller.abort(new Error("caller gave up"));
        return Promise.reject(signal.reason);
      },
    });
    const error = await rejection(
      t.client.GET(EXPERIMENT, {
        params: { path: { experimentId: "1" } },
        signal: controller.signal,
      }),
    );
    expect((error as Error).message).toBe("caller gave up");
    expect(t.calls).toHaveLength(1);
  });
});

describe("POST", () => {
  for (const code of [
    "ECONNREFUSED",
    "ENOTFOUND",
    "EAI_AGAIN",
    "ENETUNREACH",
    "UND_ERR_CONNECT_TIMEOUT",
  ]) {
    test(`is retried when the request never reached the server (${code})`, async () => {
      const t = testClient([netError(code), json(experiment, { status: 201 })]);
      expect(await unwrap(post(t.client))).toEqual(experiment);
      expect(t.calls).toHaveLength(2);
    });
  }

  test("is retried when happy eyeballs failed on every address", async () => {
    const both = new AggregateError([
      Object.assign(new Error("v6"), { code: "ECONNREFUSED" }),
      Object.assign(new Error("v4"), { code: "ECONNREFUSED" }),
    ]);
    const t = testClient([new TypeError("fetch failed", { cause: both }), json(experiment)]);
    await unwrap(post(t.client));
    expect(t.calls).toHaveLength(2);
  });

  for (const error of [netError("ECONNRESET"), netError("UND_ERR_SOCKET"), netError()]) {
    test(`is not retried after a failure that may have reached the server (${error.cause ?? "no code"})`, async () => {
      const t = testClient([error, json(experiment)]);
      const thrown = (await rejection(post(t.client))) as RegistryNetworkError;
      expect(thrown.reachedServer).toBe(true);
      expect(t.calls).toHaveLength(1);
    });
  }

  for (const status of [429, 502, 503, 504]) {
    test(`is not retried on HTTP ${status}`, async () => {
      const t = testClient([text("busy", status), json(experiment)]);
      expect((await post(t.client)).response.status).toBe(status);
      expect(t.calls).toHaveLength(1);
    });
  }

  test('is retried like a GET when marked retryMode("idempotent"); the marker is not sent', async () => {
    const t = testClient([text("busy", 503), netError("ECONNRESET"), json(experiment)]);
    const result = await post(t.client, retryMode("idempotent", { "x-trace": "abc" }));
    expect(result.data).toEqual(experiment);
    expect(t.calls).toHaveLength(3);
    for (const call of t.calls) {
      expect(call.headers.has(RETRY_MODE_HEADER)).toBe(false);
      expect(call.headers.get("x-trace")).toBe("abc");
      expect(call.body).toBe('{"name":"exp"}');
    }
  });
});

test('retryMode("never") makes a GET single-shot', async () => {
  const t = testClient([text("busy", 503), json(experiment)]);
  const result = await t.client.GET(EXPERIMENT, {
    params: { path: { experimentId: "1" } },
    headers: retryMode("never"),
  });
  expect(result.response.status).toBe(503);
  expect(t.calls).toHaveLength(1);
});
