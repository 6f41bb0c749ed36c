import { afterEach, describe, expect, test, vi } from "vitest";
import {
  createRegistryClient,
  isRegistryNetworkError,
  isRegistryTimeoutError,
  type RegistryClient,
  unwrap,
} from "../src/index.js";
import { EXPERIMENT, EXPERIMENTS, experiment } from "./helpers.js";
import { closedPortUrl, sendJson, startServer, type TestServer } from "./servers.js";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Generous default so that successful attempts never time out on a loaded machine. */
function client(baseUrl: string, timeoutMs = 5_000): RegistryClient {
  return createRegistryClient({
    baseUrl,
    timeoutMs,
    env: {},
    retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 },
  });
}

/**
 * Short enough to keep the tests quick, long enough for a loopback connection to reach the server
 * before it fires on a loaded machine (so the server's request count is meaningful).
 */
const SHORT_TIMEOUT_MS = 400;

/** The server's request count, once requests sent just before a timeout have arrived. */
async function requestsReceived(expected: number): Promise<number> {
  await vi.waitFor(() => expect(server?.requests.length).toBeGreaterThanOrEqual(expected), {
    timeout: 3_000,
  });
  // Anything more (a retry that should not have happened) would be on its way by now.
  await new Promise((resolve) => setTimeout(resolve, 50));
  return server?.requests.length ?? 0;
}

const getOne = (c: RegistryClient) =>
  c.GET(EXPERIMENT, { params: { path: { experimentId: "1" } } });

describe("timeouts (real sockets)", () => {
  test("a GET that never answers times out on every attempt, with a distinct error", async () => {
    server = await startServer(() => {}); // never responds
    const started = Date.now();
    const error = await getOne(client(server.url, SHORT_TIMEOUT_MS)).catch((e: unknown) => e);
    expect(isRegistryTimeoutError(error)).toBe(true);
    expect(isRegistryNetworkError(error)).toBe(false);
    expect(error).toMatchObject({
      code: "TIMEOUT",
      timeoutMs: SHORT_TIMEOUT_MS,
      attempts: 3,
      method: "GET",
    });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await requestsReceived(3)).toBe(3);
  });

  test("a GET is retried after a timeout and succeeds when the server recovers", async () => {
    server = await startServer((_req, res, index) => {
      if (index > 0) sendJson(res, experiment);
    });
    expect(await unwrap(getOne(client(server.url, 1_000)))).toEqual(experiment);
    expect(server.requests).toHaveLength(2);
  });

  test("a POST is not retried after a timeout: it may have been processed", async () => {
    server = await startServer(() => {});
    const error = await client(server.url, SHORT_TIMEOUT_MS)
      .POST(EXPERIMENTS, { body: { name: "exp" } })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "TIMEOUT", attempts: 1 });
    expect(await requestsReceived(1)).toBe(1);
  });

  test("a body that stalls after the headers is covered by the timeout", async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"id":'); // never finished
    });
    const error = await getOne(client(server.url, SHORT_TIMEOUT_MS)).catch((e: unknown) => e);
    expect(isRegistryTimeoutError(error)).toBe(true);
  });

  test("the caller's AbortSignal wins and is not turned into a timeout", async () => {
    const controller = new AbortController();
    // Abort only once the request has reached the server, so the assertion holds on a loaded machine.
    server = await startServer(() => {
      controller.abort(new Error("stop"));
    });
    const error = await client(server.url, 5_000)
      .GET(EXPERIMENT, { params: { path: { experimentId: "1" } }, signal: controller.signal })
      .catch((e: unknown) => e);
    expect((error as Error).message).toBe("stop");
    expect(server.requests).toHaveLength(1);
  });
});

describe("connection failures (real sockets)", () => {
  test("a refused POST never reached the server, so it is retried, then reported", async () => {
    const url = await closedPortUrl();
    const error = await client(url)
      .POST(EXPERIMENTS, { body: { name: "exp" } })
      .catch((e: unknown) => e);
    expect(isRegistryNetworkError(error)).toBe(true);
    expect(error).toMatchObject({ reachedServer: false, causeCode: "ECONNREFUSED", attempts: 3 });
  });

  test("a connection dropped mid-request may have reached the server: a POST is not retried", async () => {
    server = await startServer((req) => {
      req.socket.destroy();
    });
    const error = await client(server.url)
      .POST(EXPERIMENTS, { body: { name: "exp" } })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "NETWORK_ERROR", reachedServer: true, attempts: 1 });
    expect(server.requests).toHaveLength(1);
  });

  test("the same drop is retried for a GET", async () => {
    server = await startServer((req, res, index) => {
      if (index === 0) req.socket.destroy();
      else sendJson(res, experiment);
    });
    expect(await unwrap(getOne(client(server.url)))).toEqual(experiment);
    expect(server.requests).toHaveLength(2);
  });
});

test("a token never follows a redirect to another origin (real sockets)", async () => {
  const other = await startServer((_req, res) => sendJson(res, experiment));
  server = await startServer((_req, res) => {
    res.writeHead(307, { location: `${other.url}/landing` });
    res.end();
  });
  try {
    const c = createRegistryClient({
      baseUrl: server.url,
      auth: "s3cr3t",
      allowInsecureAuth: true,
      env: {},
    });
    expect(await unwrap(getOne(c))).toEqual(experiment);
    expect(server.requests[0]?.headers.authorization).toBe("Bearer s3cr3t");
    expect(other.requests[0]?.url).toBe("/landing");
    expect(other.requests[0]?.headers.authorization).toBeUndefined();
  } finally {
    await other.close();
  }
});
