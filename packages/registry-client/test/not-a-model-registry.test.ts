import { describe, expect, test } from "vitest";
import {
  createRegistryClient,
  isNotAModelRegistryError,
  isRegistryHttpError,
  NotAModelRegistryError,
  unwrap,
} from "../src/index.js";
import { EXPERIMENT, EXPERIMENTS, experiment, json, ORIGIN, testClient, text } from "./helpers.js";
import { startServer } from "./servers.js";

const getOne = (client: ReturnType<typeof testClient>["client"]) =>
  unwrap(client.GET(EXPERIMENT, { params: { path: { experimentId: "1" } } }));

function html(status: number): Response {
  return new Response("<!doctype html><html><body>Sign in</body></html>", {
    status,
    headers: { "content-type": "text/html; charset=utf-8" },
  });
}

async function failure(reply: Response): Promise<unknown> {
  const t = testClient([reply], { retry: false });
  return getOne(t.client).then(
    () => {
      throw new Error("expected a failure");
    },
    (error: unknown) => error,
  );
}

describe("a server that is not a Model Registry", () => {
  test.each([
    ["an HTML page with 200 (a web UI, a login page)", html(200), 200, "an HTML page"],
    ["an HTML 404 page", html(404), 404, "an HTML page"],
    [
      "Go's plain-text 404 for a route it does not have",
      text("404 page not found\n", 404),
      404,
      "text/plain",
    ],
    ["a plain-text 405", text("Method Not Allowed", 405), 405, "text/plain"],
    ["a plain-text 200", text("OK", 200), 200, "text/plain"],
    [
      "a 404 without a content type",
      new Response(new TextEncoder().encode("nope"), { status: 404 }),
      404,
      "without a content type",
    ],
  ])("%s gives NotAModelRegistryError naming the server", async (_name, reply, status, what) => {
    const error = await failure(reply);
    expect(error).toBeInstanceOf(NotAModelRegistryError);
    expect(isNotAModelRegistryError(error)).toBe(true);
    expect(isRegistryHttpError(error)).toBe(false);
    const e = error as NotAModelRegistryError;
    expect(e).toMatchObject({
      name: "NotAModelRegistryError",
      code: "NOT_A_MODEL_REGISTRY",
      server: ORIGIN,
      status,
      method: "GET",
      url: `${ORIGIN}/api/model_registry/v1alpha3/experiments/1`,
    });
    expect(e.message).toContain(`the server at ${ORIGIN} does not look like a Model Registry`);
    expect(e.message).toContain(what);
  });

  test.each([
    [
      "the registry's JSON 404 (no such resource)",
      json({ code: "Not Found", message: "no experiment" }, { status: 404 }),
      404,
    ],
    ["the start-up 503 in plain text", text("Datastore service is down or unavailable.", 503), 503],
    ["an HTML 401 from an authenticating proxy", html(401), 401],
    ["an HTML 502 from a gateway", html(502), 502],
  ])("%s stays an HTTP error", async (_name, reply, status) => {
    const error = await failure(reply);
    expect(isRegistryHttpError(error) && error.status).toBe(status);
  });

  test("an empty 200 and a JSON 200 are not judged", async () => {
    const t = testClient([json(experiment), new Response(null, { status: 204 })], { retry: false });
    expect(await getOne(t.client)).toEqual(experiment);
  });

  test("over a real port: an HTML site, and a Go-style router without the API route", async () => {
    const site = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html><body>welcome</body></html>");
    });
    const router = await startServer((_req, res) => {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
      res.end("404 page not found\n");
    });
    try {
      const onSite = createRegistryClient({ baseUrl: site.url, retry: false, env: {} });
      await expect(unwrap(onSite.GET(EXPERIMENTS, {}))).rejects.toThrow(
        `the server at ${site.url} does not look like a Model Registry`,
      );
      const behindPrefix = createRegistryClient({
        baseUrl: `${router.url}/gateway`,
        retry: false,
        env: {},
      });
      const error = await unwrap(behindPrefix.GET(EXPERIMENTS, {})).catch((e: unknown) => e);
      expect(isNotAModelRegistryError(error) && error.status).toBe(404);
      expect(String(error)).toContain(`${router.url}/gateway does not look like a Model Registry`);
      expect(router.requests[0]?.url).toBe("/gateway/api/model_registry/v1alpha3/experiments");
    } finally {
      await site.close();
      await router.close();
    }
  });
});
