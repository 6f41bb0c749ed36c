import {
  createRegistryClient,
  isRegistryHttpError,
  isRegistryNetworkError,
  isRegistryTimeoutError,
  REGISTRY_API_PREFIX,
  unwrap,
} from "@model-registry/registry-client";
import { afterEach, describe, expect, it } from "vitest";
import type { FakeRegistryOptions, FaultRule } from "../src/index.js";
import { type FakeRegistryServer, startFakeRegistryServer } from "../src/node.js";
import { checkResponse, takeSpecViolations } from "./support/spec-check.js";

const P = REGISTRY_API_PREFIX;
let running: FakeRegistryServer[] = [];

async function serve(options: FakeRegistryOptions) {
  const server = await startFakeRegistryServer({ onResponse: checkResponse, ...options });
  running.push(server);
  return server;
}

afterEach(async () => {
  await Promise.all(running.map((server) => server.close()));
  running = [];
  expect(takeSpecViolations()).toEqual([]);
});

async function statuses(url: string, count: number): Promise<number[]> {
  const result: number[] = [];
  for (let i = 0; i < count; i += 1) result.push((await fetch(`${url}${P}/experiments`)).status);
  return result;
}

describe("requireToken", () => {
  it("401 with the registry error body without the right bearer token; the client's auth passes", async () => {
    const server = await serve({ requireToken: "s3cret" });
    for (const headers of [{}, { authorization: "Bearer wrong" }]) {
      const response = await fetch(`${server.url}${P}/experiments`, { headers });
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({
        code: "Unauthorized",
        message: "missing or invalid bearer token",
      });
    }
    const client = createRegistryClient({
      baseUrl: server.url,
      auth: "s3cret",
      allowInsecureAuth: true,
      retry: false,
    });
    expect((await unwrap(client.GET(`${P}/experiments`))).size).toBe(0);
  });
});

describe("latencyMs", () => {
  it("delays every response by a fixed or seeded random amount", async () => {
    const server = await serve({ latencyMs: 60 });
    const started = performance.now();
    await fetch(`${server.url}${P}/experiments`);
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
    const ranged = await serve({ latencyMs: { min: 20, max: 40 } });
    const t0 = performance.now();
    await fetch(`${ranged.url}${P}/experiments`);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(18);
  });
});

describe("faults", () => {
  it("status faults are deterministic for a seed, per route, with Retry-After", async () => {
    const faults: FaultRule[] = [
      {
        kind: "status",
        status: 503,
        rate: 0.5,
        retryAfter: 2,
        route: "/experiments",
        method: "GET",
      },
    ];
    const a = await serve({ faults, seed: 42 });
    const b = await serve({ faults, seed: 42 });
    const first = await statuses(a.url, 12);
    expect(first).toEqual(await statuses(b.url, 12));
    expect(first).toContain(503);
    expect(first).toContain(200);
    const response = await fetch(`${a.url}${P}/experiments/1`);
    expect(response.status).toBe(404);
    let retryAfter: string | null = null;
    for (let i = 0; i < 20 && retryAfter === null; i += 1) {
      retryAfter = (await fetch(`${a.url}${P}/experiments`)).headers.get("retry-after");
    }
    expect(retryAfter).toBe("2");
  });

  it("unavailable answers the server's start-up 503 in text/plain", async () => {
    const server = await serve({ faults: [{ kind: "unavailable", times: 1 }] });
    const response = await fetch(`${server.url}${P}/experiments`);
    expect([response.status, response.headers.get("content-type")]).toEqual([
      503,
      "text/plain; charset=utf-8",
    ]);
    expect(await response.text()).toMatch(/^Datastore service is down or unavailable\./);
    expect((await fetch(`${server.url}${P}/experiments`)).status).toBe(200);
  });

  it("times limits injections, so a retrying client recovers", async () => {
    const server = await serve({
      faults: [{ kind: "status", status: 429, times: 2, retryAfter: 0 }],
    });
    const client = createRegistryClient({
      baseUrl: server.url,
      retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 },
    });
    expect((await unwrap(client.GET(`${P}/experiments`))).size).toBe(0);
    expect(server.registry.requests.map((r) => r.status)).toEqual([429, 429, 200]);
  });

  it("reset drops the connection; 'after' faults change state first", async () => {
    const server = await serve({
      faults: [{ kind: "reset", method: "POST", times: 1, phase: "after" }],
    });
    const client = createRegistryClient({ baseUrl: server.url, retry: false });
    const error = await unwrap(client.POST(`${P}/experiments`, { body: { name: "e" } })).catch(
      (e: unknown) => e,
    );
    expect(isRegistryNetworkError(error)).toBe(true);
    expect((await unwrap(client.GET(`${P}/experiments`))).items.map((e) => e.name)).toEqual(["e"]);
    expect(server.registry.requests[0]).toMatchObject({ method: "POST", status: 0 });
  });

  it("hang holds the request past the client's timeout", async () => {
    const server = await serve({ faults: [{ kind: "hang", hangMs: 2000, times: 1 }] });
    const client = createRegistryClient({ baseUrl: server.url, retry: false, timeoutMs: 100 });
    const error = await unwrap(client.GET(`${P}/experiments`)).catch((e: unknown) => e);
    expect(isRegistryTimeoutError(error)).toBe(true);
    const after = await unwrap(client.GET(`${P}/experiments`)).catch((e: unknown) => e);
    expect(isRegistryHttpError(after)).toBe(false);
  });
});
