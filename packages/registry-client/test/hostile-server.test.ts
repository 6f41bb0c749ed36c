import type http from "node:http";
import { inspect } from "node:util";
import type { TokenProvider } from "@model-registry/auth";
import { afterEach, describe, expect, test } from "vitest";
import {
  createRegistryClient,
  DEFAULT_MAX_RESPONSE_BYTES,
  isNotAModelRegistryError,
  isRegistryError,
  isRegistryHttpError,
  isRegistryResponseError,
  isRegistryTimeoutError,
  paginate,
  type RegistryClient,
  type RegistryClientOptions,
  type RegistryError,
  unwrap,
} from "../src/index.js";
import { EXPERIMENT, EXPERIMENTS, experiment } from "./helpers.js";
import { MiB, peakGrowthDuring } from "./memory.js";
import { sendJson, startServer, type TestServer } from "./servers.js";

// A scripted node:http server on 127.0.0.1 that answers as a broken or hostile registry (or a
// proxy in front of one) would. Whatever it does, the client must end with a RegistryError,
// within bounded time and memory, and no error may carry the token it was sent.

const TOKEN = "hostile-s3cr3t-token-0123456789";
const RUNS = "/api/model_registry/v1alpha3/experiment_runs";
const CHUNK = Buffer.alloc(64 * 1024, "x");

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(
  handler: (req: http.IncomingMessage, res: http.ServerResponse, index: number) => void,
): Promise<TestServer> {
  const server = await startServer(handler);
  servers.push(server);
  return server;
}

function hostileClient(
  server: TestServer,
  options: Partial<RegistryClientOptions> = {},
): RegistryClient {
  return createRegistryClient({
    baseUrl: server.url,
    auth: TOKEN,
    allowInsecureAuth: true,
    env: {},
    timeoutMs: 10_000,
    bodyTimeoutMs: 2_000,
    retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 },
    ...options,
  });
}

const getOne = (client: RegistryClient) =>
  unwrap(client.GET(EXPERIMENT, { params: { path: { experimentId: "1" } } }));
const postOne = (client: RegistryClient) =>
  unwrap(client.POST(EXPERIMENTS, { body: { name: "exp" } }));
const listAll = async (client: RegistryClient, maxPages?: number) => {
  const items: unknown[] = [];
  for await (const run of paginate(client, RUNS, undefined, { pageSize: 2, maxPages })) {
    items.push(run);
  }
  return items;
};

/** Every way an error gets rendered or shipped. */
function renderings(error: RegistryError): string[] {
  return [
    error.message,
    String(error.stack),
    JSON.stringify(error),
    JSON.stringify(error.toJSON()),
    inspect(error, { depth: 20, showHidden: true }),
    String(error.cause),
  ];
}

function expectNoSecret(error: RegistryError, secrets: readonly string[] = [TOKEN]): void {
  for (const text of renderings(error)) {
    for (const secret of secrets) expect(text).not.toContain(secret);
  }
}

/** Runs `call`, which must fail with a RegistryError within `maxMs`, carrying no token. */
async function typedFailure(
  call: () => Promise<unknown>,
  maxMs = 10_000,
  secrets?: readonly string[],
): Promise<RegistryError> {
  const started = performance.now();
  const outcome = await call().then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  const elapsed = performance.now() - started;
  if (!("error" in outcome)) throw new Error(`expected a failure, got ${inspect(outcome.value)}`);
  const { error } = outcome;
  expect(isRegistryError(error), `not a RegistryError: ${inspect(error)}`).toBe(true);
  expect(elapsed).toBeLessThan(maxMs);
  expectNoSecret(error as RegistryError, secrets);
  return error as RegistryError;
}

/** Writes `total` bytes (forever when undefined) as fast as the client reads, or one byte per `dripMs`. */
function stream(
  res: http.ServerResponse,
  options: { total?: number; dripMs?: number; head?: http.OutgoingHttpHeaders } = {},
): void {
  res.writeHead(200, { "content-type": "application/json; charset=UTF-8", ...options.head });
  let sent = 0;
  let closed = false;
  res.on("close", () => {
    closed = true;
  });
  const next = (): void => {
    while (!closed && (options.total === undefined || sent < options.total)) {
      if (options.dripMs !== undefined) {
        res.write("x");
        sent += 1;
        setTimeout(next, options.dripMs);
        return;
      }
      const piece =
        options.total === undefined
          ? CHUNK
          : CHUNK.subarray(0, Math.min(CHUNK.length, options.total - sent));
      sent += piece.length;
      if (!res.write(piece)) {
        res.once("drain", next);
        return;
      }
    }
    if (!closed) res.end();
  };
  res.write("[");
  next();
}

describe("bodies that are not the JSON asked for", () => {
  const cases: Array<[string, (req: http.IncomingMessage, res: http.ServerResponse) => void]> = [
    [
      "invalid JSON with a declared length",
      (_req, res) => {
        res.writeHead(200, { "content-type": "application/json", "content-length": "11" });
        res.end('{"id": "1",');
      },
    ],
    [
      "invalid JSON, chunked",
      (_req, res) => {
        res.writeHead(200, { "content-type": "application/json" });
        res.write('{"id":');
        res.end(" oops}");
      },
    ],
    [
      "invalid JSON that echoes the Authorization header",
      (req, res) => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(`{"auth": "${req.headers.authorization}"`);
      },
    ],
    [
      "an empty 200 with a declared length of 0",
      (_req, res) => {
        res.writeHead(200, { "content-type": "application/json", "content-length": "0" });
        res.end();
      },
    ],
    [
      "an empty chunked 200",
      (_req, res) => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end();
      },
    ],
  ];
  for (const [name, handler] of cases) {
    test(`${name}: INVALID_RESPONSE for a GET and a POST`, async () => {
      const server = await serve(handler);
      const client = hostileClient(server);
      for (const call of [getOne, postOne]) {
        const error = await typedFailure(() => call(client));
        expect(isRegistryResponseError(error)).toBe(true);
        expect(error).toMatchObject({ code: "INVALID_RESPONSE", httpStatus: 200 });
        expect(error.message).toMatch(/ http:\/\/127\.0\.0\.1:\d+\/api\/model_registry\//);
      }
      // Nothing here is retried: the server answered.
      expect(server.requests).toHaveLength(2);
    });
  }

  const foreign: Array<[string, (req: http.IncomingMessage, res: http.ServerResponse) => void]> = [
    [
      "an HTML login page with status 200, echoing the token",
      (req, res) => {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        res.end(
          `<!DOCTYPE html><html><head><title>Sign in</title></head><body>${req.headers.authorization}</body></html>`,
        );
      },
    ],
    [
      "valid JSON sent as text/plain",
      (_req, res) => {
        res.writeHead(200, { "content-type": "text/plain" });
        res.end(JSON.stringify(experiment));
      },
    ],
  ];
  for (const [name, handler] of foreign) {
    test(`${name}: NOT_A_MODEL_REGISTRY for a GET and a POST, body unread`, async () => {
      const server = await serve(handler);
      const client = hostileClient(server);
      for (const call of [getOne, postOne]) {
        const error = await typedFailure(() => call(client));
        expect(isNotAModelRegistryError(error)).toBe(true);
        expect(error).toMatchObject({ code: "NOT_A_MODEL_REGISTRY", status: 200 });
        expect(error.message).toMatch(/does not look like a Model Registry/);
      }
      expect(server.requests).toHaveLength(2);
    });
  }

  test("an HTML error page from a proxy is an HTTP error with the page as its message", async () => {
    const server = await serve((req, res) => {
      res.writeHead(502, { "content-type": "text/html" });
      res.end(`<html><body>Bad Gateway for ${req.headers.authorization}</body></html>`);
    });
    const error = await typedFailure(() => postOne(hostileClient(server)));
    expect(isRegistryHttpError(error) && error.status).toBe(502);
    expect(error.message).toContain("Bad Gateway for [REDACTED]");
  });

  test("wrong list shapes: INVALID_RESPONSE from paginate, never a TypeError", async () => {
    const pages: unknown[] = [
      null,
      [],
      "items",
      { size: 0 },
      { items: "many" },
      { items: [1, 2] },
      { items: [null] },
    ];
    const server = await serve((_req, res, index) => sendJson(res, pages[index]));
    const client = hostileClient(server);
    for (const _ of pages) {
      const error = await typedFailure(() => listAll(client));
      expect(error.code).toBe("INVALID_RESPONSE");
    }
  });
});

describe("page tokens", () => {
  const page = (nextPageToken: unknown) => ({
    items: [{ id: "1", experimentId: "1" }],
    size: 1,
    pageSize: 2,
    nextPageToken,
  });

  test("a repeated token, a non-string token, an endless series and an absurd token all stop", async () => {
    const scripts: Array<[(index: number) => unknown, number, number | undefined]> = [
      [() => "same", 2, undefined],
      [() => 7, 1, undefined],
      [() => ({ next: "x" }), 1, undefined],
      [(index) => `token-${index}`, 5, 5],
      [() => "x".repeat(5000), 1, undefined],
    ];
    for (const [token, requests, maxPages] of scripts) {
      const server = await serve((_req, res, index) => sendJson(res, page(token(index))));
      const error = await typedFailure(() => listAll(hostileClient(server), maxPages));
      expect(error.code).toBe("PAGINATION_ERROR");
      expect(server.requests).toHaveLength(requests);
      expect(error.message.length).toBeLessThan(500);
    }
  });

  test("a server that hands back the bearer token as its page token has it scrubbed", async () => {
    const server = await serve((req, res) =>
      sendJson(res, page(req.headers.authorization?.slice("Bearer ".length))),
    );
    const error = await typedFailure(() => listAll(hostileClient(server)));
    expect(error.code).toBe("PAGINATION_ERROR");
    expect(error.message).toContain("[REDACTED]");
  });
});

describe("echoed credentials", () => {
  const echoes: Array<[string, (req: http.IncomingMessage, res: http.ServerResponse) => void]> = [
    [
      "in the JSON message, with Bearer",
      (req, res) =>
        sendJson(res, { code: "Unauthorized", message: `bad ${req.headers.authorization}` }, 403),
    ],
    [
      "in the JSON message, without Bearer",
      (req, res) =>
        sendJson(
          res,
          { code: "Forbidden", message: `token ${req.headers.authorization?.slice(7)} denied` },
          403,
        ),
    ],
    [
      "in another field of the JSON body",
      (req, res) =>
        sendJson(
          res,
          { code: "Bad Request", message: "denied", request: { headers: { ...req.headers } } },
          400,
        ),
    ],
    [
      "in a plain-text body",
      (req, res) => {
        res.writeHead(500, { "content-type": "text/plain" });
        res.end(`Authorization: ${req.headers.authorization}\n`);
      },
    ],
    [
      "percent-encoded",
      (req, res) =>
        sendJson(
          res,
          { code: "x", message: `?t=${encodeURIComponent(req.headers.authorization ?? "")}` },
          400,
        ),
    ],
    [
      "in the status text",
      (req, res) => {
        res.writeHead(500, `Rejected ${req.headers.authorization}`, { "content-length": "0" });
        res.end();
      },
    ],
  ];
  for (const [name, handler] of echoes) {
    test(name, async () => {
      const server = await serve(handler);
      const error = await typedFailure(() => postOne(hostileClient(server)));
      expect(isRegistryHttpError(error)).toBe(true);
      expect(renderings(error).join("\n")).toContain("[REDACTED]");
    });
  }

  test("the body an HTTP error keeps is scrubbed too, not only its message", async () => {
    const server = await serve((req, res) =>
      sendJson(res, { code: "x", message: "y", echo: req.headers.authorization }, 400),
    );
    const error = await typedFailure(() => postOne(hostileClient(server)));
    expect((error as unknown as { body: unknown }).body).toEqual({
      code: "x",
      message: "y",
      echo: "[REDACTED]",
    });
  });

  test("a rotated token is scrubbed as well as the one it replaced", async () => {
    const tokens = ["rotating-token-A-0123456789", "rotating-token-B-9876543210"];
    let current = 0;
    const provider: TokenProvider = async (options) => {
      if (options?.forceRefresh) current = 1;
      return { token: tokens[current] as string };
    };
    const seen: string[] = [];
    const server = await serve((req, res, index) => {
      seen.push(req.headers.authorization ?? "");
      if (index === 0) sendJson(res, { code: "Unauthorized", message: "expired" }, 401);
      else sendJson(res, { code: "x", message: `had ${seen.join(" and ")}` }, 500);
    });
    const error = await typedFailure(
      () => postOne(hostileClient(server, { auth: provider })),
      10_000,
      tokens,
    );
    expect(seen).toEqual(tokens.map((t) => `Bearer ${t}`));
    expect(error.message).toContain("had [REDACTED] and [REDACTED]");
  });

  test("a token a provider replaced between requests is still scrubbed", async () => {
    const tokens = ["earlier-token-0123456789", "later-token-9876543210"];
    let call = 0;
    const provider: TokenProvider = async () => ({ token: tokens[Math.min(call++, 1)] as string });
    const seen: string[] = [];
    const server = await serve((req, res) => {
      seen.push(req.headers.authorization ?? "");
      sendJson(res, { code: "x", message: `all I saw: ${seen.join(", ")}` }, 400);
    });
    const client = hostileClient(server, { auth: provider });
    await typedFailure(() => postOne(client), 10_000, tokens);
    const error = await typedFailure(() => postOne(client), 10_000, tokens);
    expect(error.message).toContain("all I saw: [REDACTED], [REDACTED]");
  });
});

describe("redirects", () => {
  test("a cross-origin hop gets no token, and a loop ends as an HTTP error after maxRedirects", async () => {
    const other = await serve((req, res) =>
      sendJson(res, { code: "x", message: `got ${req.headers.authorization}` }, 500),
    );
    const server = await serve((req, res) => {
      res.writeHead(307, { location: req.url === "/away" ? `${other.url}/x` : "/away" });
      res.end();
    });
    const error = await typedFailure(() => getOne(hostileClient(server)));
    expect(error.message).toContain("got undefined");
    expect(other.requests[0]?.headers.authorization).toBeUndefined();

    const loop = await serve((_req, res) => {
      res.writeHead(302, { location: "/loop" });
      res.end();
    });
    const looped = await typedFailure(() => getOne(hostileClient(loop, { maxRedirects: 4 })));
    expect(isRegistryHttpError(looped) && looped.status).toBe(302);
    expect(loop.requests).toHaveLength(5);
  });
});

describe("size and time", () => {
  test("a declared 50 MB body is refused before it is read", async () => {
    const server = await serve((_req, res) =>
      stream(res, { total: 50 * MiB, head: { "content-length": String(50 * MiB + 1) } }),
    );
    const { result: error, peakBytes } = await peakGrowthDuring(() =>
      typedFailure(() => getOne(hostileClient(server, { maxResponseBytes: 4 * MiB }))),
    );
    expect(error).toMatchObject({
      code: "RESPONSE_TOO_LARGE",
      limitBytes: 4 * MiB,
      httpStatus: 200,
    });
    expect(peakBytes).toBeLessThan(16 * MiB);
  });

  test("a chunked 50 MB body is cut at the default cap, holding about that much", async () => {
    const server = await serve((_req, res) => stream(res, { total: 50 * MiB }));
    const { result: error, peakBytes } = await peakGrowthDuring(() =>
      typedFailure(() => getOne(hostileClient(server))),
    );
    expect(error).toMatchObject({
      code: "RESPONSE_TOO_LARGE",
      limitBytes: DEFAULT_MAX_RESPONSE_BYTES,
    });
    // The cap, plus the garbage streaming leaves until the next collection (about as much
    // again); reading it all would hold 50 MB, the same in garbage, and its text on top.
    expect(peakBytes).toBeLessThan(DEFAULT_MAX_RESPONSE_BYTES + 48 * MiB);
  });

  test("an endless body is cut at the cap, fast and small", async () => {
    const server = await serve((_req, res) => stream(res));
    const { result: error, peakBytes } = await peakGrowthDuring(() =>
      typedFailure(() => getOne(hostileClient(server, { maxResponseBytes: 2 * MiB })), 10_000),
    );
    expect(error).toMatchObject({ code: "RESPONSE_TOO_LARGE", limitBytes: 2 * MiB });
    expect(peakBytes).toBeLessThan(24 * MiB);
    // Not retried: a second attempt would get the same answer.
    expect(server.requests).toHaveLength(1);
  });

  test("an endless drip is cut by the body deadline, long before timeoutMs", async () => {
    const server = await serve((_req, res) => stream(res, { dripMs: 20 }));
    const client = hostileClient(server, { bodyTimeoutMs: 300, timeoutMs: 30_000 });
    const error = await typedFailure(() => getOne(client), 10_000);
    expect(isRegistryTimeoutError(error)).toBe(true);
    expect(error).toMatchObject({ phase: "body", timeoutMs: 300, attempts: 2 });
    const posted = await typedFailure(() => postOne(client), 10_000);
    expect(posted).toMatchObject({ phase: "body", attempts: 1 });
  });

  test("a server that never answers: a typed timeout after each attempt's timeoutMs", async () => {
    const server = await serve(() => {});
    const { result: error, elapsedMs } = await peakGrowthDuring(() =>
      typedFailure(() => getOne(hostileClient(server, { timeoutMs: 300 }))),
    );
    expect(error).toMatchObject({ code: "TIMEOUT", phase: "attempt", attempts: 2 });
    expect(elapsedMs).toBeGreaterThanOrEqual(550);
  });
});
