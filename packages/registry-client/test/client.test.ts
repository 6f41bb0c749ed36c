import { inspect } from "node:util";
import { afterEach, describe, expect, test, vi } from "vitest";
import { createRegistryClient, type Middleware, unwrap } from "../src/index.js";
import { EXPERIMENT, experiment, json, ORIGIN, testClient } from "./helpers.js";

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("createRegistryClient", () => {
  test("looks up globalThis.fetch at request time, so a fetch installed later intercepts", async () => {
    const client = createRegistryClient({
      baseUrl: ORIGIN,
      env: {},
      tls: { inClusterCaPath: false },
    });
    const late = vi.fn(async () => json(experiment));
    vi.stubGlobal("fetch", late);
    const data = await unwrap(client.GET(EXPERIMENT, { params: { path: { experimentId: "7" } } }));
    expect(data).toEqual(experiment);
    expect(late).toHaveBeenCalledOnce();
    expect(String(late.mock.calls[0]?.at(0))).toBe(
      `${ORIGIN}/api/model_registry/v1alpha3/experiments/7`,
    );
  });

  test("sends a User-Agent with the caller's product first", async () => {
    const t = testClient([json(experiment)], { userAgent: "my-app/1.2" });
    await t.client.GET(EXPERIMENT, { params: { path: { experimentId: "1" } } });
    expect(t.calls[0]?.headers.get("user-agent")).toMatch(
      /^my-app\/1\.2 model-registry-ts\/registry-client node\/\d+/,
    );
  });

  test("serialises bodies as JSON and query parameters", async () => {
    const t = testClient([json({ items: [], nextPageToken: "", pageSize: 5, size: 0 })]);
    await t.client.GET("/api/model_registry/v1alpha3/experiments", {
      params: { query: { pageSize: "5", filterQuery: 'name = "a b"' } },
    });
    const url = new URL(t.calls[0]?.url ?? "");
    expect(url.searchParams.get("pageSize")).toBe("5");
    expect(url.searchParams.get("filterQuery")).toBe('name = "a b"');
  });

  test("runs the given middleware", async () => {
    const seen: string[] = [];
    const middleware: Middleware = {
      onRequest({ request }) {
        seen.push(`${request.method} ${new URL(request.url).pathname}`);
        request.headers.set("x-request-id", "42");
      },
    };
    const t = testClient([json(experiment)], { middleware: [middleware] });
    await t.client.GET(EXPERIMENT, { params: { path: { experimentId: "1" } } });
    expect(seen).toEqual(["GET /api/model_registry/v1alpha3/experiments/1"]);
    expect(t.calls[0]?.headers.get("x-request-id")).toBe("42");
  });

  test("returns HTTP errors as { error, response } without throwing", async () => {
    const t = testClient([json({ code: "Not Found", message: "no experiment" }, { status: 404 })]);
    const result = await t.client.GET(EXPERIMENT, { params: { path: { experimentId: "9" } } });
    expect(result.error).toEqual({ code: "Not Found", message: "no experiment" });
    expect(result.response.status).toBe(404);
  });

  test("an empty 2xx body gives undefined data", async () => {
    const t = testClient([new Response(null, { status: 204 })]);
    const result = await t.client.GET(EXPERIMENT, { params: { path: { experimentId: "1" } } });
    expect(result.data).toBeUndefined();
  });

  test("rejects a non-positive timeout", () => {
    expect(() => createRegistryClient({ baseUrl: ORIGIN, timeoutMs: 0 })).toThrow(/timeoutMs/);
    expect(() => createRegistryClient({ baseUrl: ORIGIN, bodyTimeoutMs: -1 })).toThrow(
      /bodyTimeoutMs/,
    );
  });

  test("rejects a response size limit that is not an integer from 1 to 512 MiB", () => {
    for (const maxResponseBytes of [0, 1.5, 513 * 1024 * 1024, Number.NaN]) {
      expect(() => createRegistryClient({ baseUrl: ORIGIN, maxResponseBytes })).toThrow(
        expect.objectContaining({ code: "INVALID_OPTIONS" }),
      );
    }
  });

  test("the client object never exposes the token", () => {
    const client = createRegistryClient({ baseUrl: ORIGIN, auth: "s3cr3t", env: {} });
    expect(inspect(client, { depth: 5 })).not.toContain("s3cr3t");
    expect(JSON.stringify(client)).not.toContain("s3cr3t");
  });
});
