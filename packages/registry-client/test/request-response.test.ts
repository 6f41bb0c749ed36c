import fc from "fast-check";
import { defaultPathSerializer } from "openapi-fetch";
import { describe, expect, test } from "vitest";
import { type Middleware, retryMode } from "../src/index.js";
import { EXPERIMENT, EXPERIMENTS, experiment, json, ORIGIN, testClient } from "./helpers.js";

const REGISTERED_MODEL = "/api/model_registry/v1alpha3/registered_models/{registeredmodelId}";

/** A middleware that changes nothing, so that requests are built as real Requests. */
const passThrough: Middleware = { onRequest: () => undefined };

type Scenario = (t: ReturnType<typeof testClient>) => Promise<unknown>;

const scenarios: Record<string, Scenario> = {
  "GET with a path parameter that needs encoding": (t) =>
    t.client.GET(EXPERIMENT, { params: { path: { experimentId: "a b/ü?#" } } }),
  "GET with query parameters that need encoding": (t) =>
    t.client.GET(EXPERIMENTS, {
      params: { query: { pageSize: "5", filterQuery: 'name = "a&b" AND x > 1' } },
    }),
  "POST with a JSON body, marked idempotent": (t) =>
    t.client.POST(EXPERIMENTS, {
      body: { name: "é ☃" },
      headers: retryMode("idempotent", { "x-trace": "1" }),
    }),
  "POST whose JSON content type was removed": (t) =>
    t.client.POST(EXPERIMENTS, {
      body: { name: "x" },
      headers: { "Content-Type": null as unknown as string },
    }),
  "PATCH with a JSON body": (t) =>
    t.client.PATCH(REGISTERED_MODEL, {
      params: { path: { registeredmodelId: "3" } },
      body: { description: "d" },
    }),
  "request() with a method name in lower case": (t) =>
    t.client.request("get", EXPERIMENT, { params: { path: { experimentId: "4" } } }),
  "GET with a per-call base URL behind a gateway": (t) =>
    t.client.GET(EXPERIMENT, {
      baseUrl: `${ORIGIN}/gateway/`,
      params: { path: { experimentId: "5" } },
    }),
  "GET with extra RequestInit options": (t) =>
    t.client.GET(EXPERIMENT, {
      params: { path: { experimentId: "6" } },
      cache: "no-store",
      signal: new AbortController().signal,
    }),
};

describe("requests built without middleware go out exactly as real Requests would", () => {
  for (const [name, scenario] of Object.entries(scenarios)) {
    test(name, async () => {
      const lean = testClient([json(experiment)]);
      const real = testClient([json(experiment)], { middleware: [passThrough] });
      await scenario(lean);
      await scenario(real);
      const seen = (t: typeof lean) =>
        t.calls.map((call) => ({ ...call, headers: [...call.headers] }));
      expect(lean.calls).toHaveLength(1);
      expect(seen(lean)).toEqual(seen(real));
    });
  }

  test("invalid requests fail the same way", async () => {
    const lean = testClient([json(experiment)]);
    const real = testClient([json(experiment)], { middleware: [passThrough] });
    const trace = (t: typeof lean) =>
      t.client.request("trace" as "get", EXPERIMENT, { params: { path: { experimentId: "1" } } });
    const leanError = await trace(lean).catch((error: unknown) => error);
    const realError = await trace(real).catch((error: unknown) => error);
    expect(leanError).toBeInstanceOf(TypeError);
    expect(String(leanError)).toBe(String(realError));
    expect(lean.calls).toHaveLength(0);
  });
});

describe("what middleware and a call's own fetch see", () => {
  test("middleware registered with use() after creation gets a real Request", async () => {
    const t = testClient([json(experiment)]);
    const requests: unknown[] = [];
    t.client.use({
      onRequest({ request }) {
        requests.push(request);
      },
    });
    await t.client.GET(EXPERIMENT, { params: { path: { experimentId: "1" } } });
    expect(requests).toHaveLength(1);
    expect(requests[0]).toBeInstanceOf(Request);
  });

  test("a call's own middleware gets a real Request and may replace it", async () => {
    const t = testClient([json(experiment)]);
    const data = await t.client.GET(EXPERIMENT, {
      params: { path: { experimentId: "1" } },
      middleware: [
        {
          onRequest({ request }) {
            expect(request).toBeInstanceOf(Request);
            return new Request(request, { headers: { "x-replaced": "yes" } });
          },
        },
      ],
    });
    expect(data.data).toEqual(experiment);
    expect(t.calls[0]?.headers.get("x-replaced")).toBe("yes");
  });

  test("a call's own fetch gets a real Request", async () => {
    const t = testClient([json(experiment)]);
    const inputs: unknown[] = [];
    const own = async (input: Request) => {
      inputs.push(input);
      return json(experiment);
    };
    const result = await t.client.GET(EXPERIMENT, {
      params: { path: { experimentId: "1" } },
      fetch: own,
    });
    expect(result.data).toEqual(experiment);
    expect(inputs[0]).toBeInstanceOf(Request);
    expect(t.calls).toHaveLength(0);
  });
});

describe("responses", () => {
  const get = (
    t: ReturnType<typeof testClient>,
    parseAs: "text" | "blob" | "arrayBuffer" | "stream",
  ) => t.client.GET(EXPERIMENT, { params: { path: { experimentId: "1" } }, parseAs });

  test("are read once, like any Response", async () => {
    const t = testClient([json(experiment)]);
    const { data, response } = await t.client.GET(EXPERIMENT, {
      params: { path: { experimentId: "1" } },
    });
    expect(data).toEqual(experiment);
    expect(response).toBeInstanceOf(Response);
    expect(response.bodyUsed).toBe(true);
    await expect(response.text()).rejects.toThrow(TypeError);
    await expect(response.json()).rejects.toThrow(TypeError);
    await expect(response.arrayBuffer()).rejects.toThrow(TypeError);
    await expect(response.bytes()).rejects.toThrow(TypeError);
    await expect(response.blob()).rejects.toThrow(TypeError);
    expect(() => response.clone()).toThrow(TypeError);
    expect(response.body).not.toBeNull();
    expect(response.bodyUsed).toBe(true);
  });

  test("give the body in every parseAs form", async () => {
    const body = JSON.stringify(experiment);
    const t = testClient([json(experiment)]);
    expect((await get(t, "text")).data).toBe(body);
    const blob = (await get(t, "blob")).data as Blob;
    expect(await blob.text()).toBe(body);
    expect(blob.type).toBe("application/json;charset=utf-8");
    const buffer = (await get(t, "arrayBuffer")).data as ArrayBuffer;
    expect(new TextDecoder().decode(buffer)).toBe(body);
    const streamed = await get(t, "stream");
    expect(streamed.response.bodyUsed).toBe(false);
    expect(await new Response(streamed.data as ReadableStream).text()).toBe(body);
    expect(streamed.response.bodyUsed).toBe(true);
  });

  test("an unread response can be cloned, and each copy is read on its own", async () => {
    // A declared length of 0 makes openapi-fetch leave the body unread.
    const t = testClient([
      new Response('{"a":1}', {
        status: 200,
        headers: { "content-length": "0", "content-type": "application/json" },
      }),
    ]);
    const { response } = await t.client.GET(EXPERIMENT, {
      params: { path: { experimentId: "1" } },
    });
    expect(response.bodyUsed).toBe(false);
    const copy = response.clone();
    const bytes = await copy.bytes();
    bytes.fill(0);
    expect(await response.json()).toEqual({ a: 1 });
    expect(response.bodyUsed).toBe(true);
    expect(copy.bodyUsed).toBe(true);
    await expect(copy.text()).rejects.toThrow(TypeError);
  });

  test("keep status, status text and headers", async () => {
    const t = testClient([
      json(
        { code: "Conflict", message: "exists" },
        { status: 409, statusText: "Conflict", headers: { "x-id": "9" } },
      ),
    ]);
    const { error, response } = await t.client.POST(EXPERIMENTS, { body: { name: "x" } });
    expect(error).toEqual({ code: "Conflict", message: "exists" });
    expect(response.status).toBe(409);
    expect(response.statusText).toBe("Conflict");
    expect(response.ok).toBe(false);
    expect(response.headers.get("x-id")).toBe("9");
  });
});

test("path parameters are filled in exactly as openapi-fetch's default serializer does", async () => {
  const name = fc.constantFrom("a", "b", "id");
  const placeholder = fc
    .tuple(fc.constantFrom("", ".", ";"), name, fc.constantFrom("", "*"))
    .map(([prefix, n, suffix]) => `{${prefix}${n}${suffix}}`);
  const literal = fc.stringMatching(/^[a-z/{}]{0,3}$/);
  const template = fc
    .array(fc.oneof(literal, placeholder), { maxLength: 6 })
    .map((parts) => `/t/${parts.join("")}`);
  const value = fc.oneof(
    fc.string(),
    fc.integer(),
    fc.boolean(),
    fc.constant(undefined),
    fc.constant(null),
    fc.array(fc.string(), { maxLength: 3 }),
    fc.dictionary(fc.stringMatching(/^[a-z]{1,3}$/), fc.string(), { maxKeys: 2 }),
  );
  const params = fc.record({ a: value, b: value, id: value }, { requiredKeys: [] });
  const t = testClient([json(experiment)]);
  await fc.assert(
    fc.asyncProperty(template, params, async (path, pathParams) => {
      const before = t.calls.length;
      await t.client.request("get", path as typeof EXPERIMENT, {
        params: { path: pathParams as { experimentId: string } },
      });
      const expected = new URL(defaultPathSerializer(`${ORIGIN}${path}`, pathParams)).href;
      expect(t.calls[before]?.url).toBe(expected);
    }),
    { numRuns: 300 },
  );
});
