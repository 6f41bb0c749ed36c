import type { TokenProvider } from "@model-registry/auth";
import { describe, expect, test } from "vitest";
import { createRegistryClient, isRegistryError, unwrap } from "../src/index.js";
import { EXPERIMENT, experiment, json, ORIGIN, testClient } from "./helpers.js";

const getOne = (client: ReturnType<typeof testClient>["client"]) =>
  client.GET(EXPERIMENT, { params: { path: { experimentId: "1" } } });

function rotatingProvider(): TokenProvider & { calls: (boolean | undefined)[] } {
  const calls: (boolean | undefined)[] = [];
  const provider = async (options?: { forceRefresh?: boolean }) => {
    calls.push(options?.forceRefresh);
    return { token: options?.forceRefresh ? "fresh" : "stale" };
  };
  return Object.assign(provider, { calls });
}

const unauthorized = () =>
  json({ code: "Unauthorized", message: "token expired" }, { status: 401 });

describe("auth", () => {
  test("a static token is sent as a bearer token", async () => {
    const t = testClient([json(experiment)], { auth: "s3cr3t" });
    await unwrap(getOne(t.client));
    expect(t.calls[0]?.headers.get("authorization")).toBe("Bearer s3cr3t");
  });

  test("a 401 asks the provider for a fresh token once and retries once", async () => {
    const provider = rotatingProvider();
    const t = testClient([unauthorized(), json(experiment)], { auth: provider });
    expect(await unwrap(getOne(t.client))).toEqual(experiment);
    expect(provider.calls).toEqual([undefined, true]);
    expect(t.calls.map((c) => c.headers.get("authorization"))).toEqual([
      "Bearer stale",
      "Bearer fresh",
    ]);
  });

  test("a second 401 is returned, not retried again", async () => {
    const provider = rotatingProvider();
    const t = testClient([unauthorized()], { auth: provider });
    expect((await getOne(t.client)).response.status).toBe(401);
    expect(t.calls).toHaveLength(2);
    expect(provider.calls).toEqual([undefined, true]);
  });

  test("the 401 refresh also applies to POST and does not use up retry attempts", async () => {
    const provider = rotatingProvider();
    const t = testClient([unauthorized(), json(experiment, { status: 201 })], {
      auth: provider,
      retry: false,
    });
    const result = await t.client.POST("/api/model_registry/v1alpha3/experiments", {
      body: { name: "exp" },
    });
    expect(result.response.status).toBe(201);
    expect(t.calls.map((c) => c.body)).toEqual(['{"name":"exp"}', '{"name":"exp"}']);
  });

  test("a static token is not re-sent after a 401", async () => {
    const t = testClient([unauthorized(), json(experiment)], { auth: "s3cr3t" });
    expect((await getOne(t.client)).response.status).toBe(401);
    expect(t.calls).toHaveLength(1);
  });

  test("an Authorization header set by the caller wins and is not refreshed", async () => {
    const provider = rotatingProvider();
    const t = testClient([unauthorized()], { auth: provider });
    await t.client.GET(EXPERIMENT, {
      params: { path: { experimentId: "1" } },
      headers: { Authorization: "Bearer mine" },
    });
    expect(t.calls.map((c) => c.headers.get("authorization"))).toEqual(["Bearer mine"]);
  });

  test("a failing provider becomes an AUTH_ERROR with the cause", async () => {
    const cause = new Error("no token configured");
    const t = testClient([json(experiment)], {
      auth: async () => {
        throw cause;
      },
    });
    const error = await getOne(t.client).catch((e: unknown) => e);
    expect(isRegistryError(error) && error.code).toBe("AUTH_ERROR");
    expect((error as Error).cause).toBe(cause);
    expect(t.calls).toHaveLength(0);
  });

  test("a token over plain http is refused unless allowInsecureAuth", () => {
    const make = (allowInsecureAuth?: boolean) =>
      createRegistryClient({
        baseUrl: "http://127.0.0.1:8080",
        auth: "s3cr3t",
        env: {},
        ...(allowInsecureAuth === undefined ? {} : { allowInsecureAuth }),
      });
    let error: unknown;
    try {
      make();
    } catch (e) {
      error = e;
    }
    expect(isRegistryError(error) && error.code).toBe("INSECURE_AUTH");
    expect(String(error)).not.toContain("s3cr3t");
    expect(make(true).baseUrl).toBe("http://127.0.0.1:8080/api/model_registry/v1alpha3");
  });

  test("modelregistry:// without MODEL_REGISTRY_SECURE is http, so a token needs the opt-in", () => {
    expect(() =>
      createRegistryClient({ baseUrl: "modelregistry://h:8080", auth: "t", env: {} }),
    ).toThrow(/plain http/);
    expect(
      createRegistryClient({
        baseUrl: "modelregistry://h:8080",
        auth: "t",
        env: { MODEL_REGISTRY_SECURE: "true" },
      }).baseUrl,
    ).toMatch(/^https:/);
  });
});

describe("optional tokens, the insecure-auth opt-in and auth-failure hints", () => {
  test("a provider that resolves to null sends no Authorization header", async () => {
    const t = testClient([json(experiment)], { auth: async () => null });
    expect(await unwrap(getOne(t.client))).toEqual(experiment);
    expect(t.calls[0]?.headers.has("authorization")).toBe(false);
  });

  test("a 401 without a token asks the provider again, and repeats the request once it has one", async () => {
    const asked: (boolean | undefined)[] = [];
    const auth = async (options?: { forceRefresh?: boolean }) => {
      asked.push(options?.forceRefresh);
      return options?.forceRefresh ? { token: "appeared" } : null;
    };
    const t = testClient([unauthorized(), json(experiment)], { auth });
    expect(await unwrap(getOne(t.client))).toEqual(experiment);
    expect(asked).toEqual([undefined, true]);
    expect(t.calls.map((c) => c.headers.get("authorization"))).toEqual([null, "Bearer appeared"]);
  });

  test("a 401 without a token is returned when the provider still has none", async () => {
    const t = testClient([unauthorized(), json(experiment)], { auth: async () => null });
    expect((await getOne(t.client)).response.status).toBe(401);
    expect(t.calls).toHaveLength(1);
  });

  test("a provider answering neither null nor a token is an AUTH_ERROR", async () => {
    const t = testClient([json(experiment)], {
      auth: async () => ({ token: "" }),
    });
    const error = await getOne(t.client).catch((e: unknown) => e);
    expect(isRegistryError(error) && error.code).toBe("AUTH_ERROR");
    expect(t.calls).toHaveLength(0);
  });

  test("MODEL_REGISTRY_ALLOW_INSECURE_AUTH=true allows a token over http; the option wins over it", () => {
    const make = (env: Record<string, string>, allowInsecureAuth?: boolean) => () =>
      createRegistryClient({
        baseUrl: "http://127.0.0.1:8080",
        auth: "t",
        env,
        ...(allowInsecureAuth === undefined ? {} : { allowInsecureAuth }),
      });
    expect(make({ MODEL_REGISTRY_ALLOW_INSECURE_AUTH: "true" })).not.toThrow();
    expect(make({ MODEL_REGISTRY_ALLOW_INSECURE_AUTH: " TRUE " })).not.toThrow();
    expect(make({ MODEL_REGISTRY_ALLOW_INSECURE_AUTH: "1" })).toThrow(
      /allowInsecureAuth: true \(or MODEL_REGISTRY_ALLOW_INSECURE_AUTH=true/,
    );
    expect(make({ MODEL_REGISTRY_ALLOW_INSECURE_AUTH: "true" }, false)).toThrow(/plain http/);
  });

  test("authFailureHint explains a final 401 or 403 in the error, never a success", async () => {
    const seen: unknown[] = [];
    const authFailureHint = (failure: unknown) => {
      seen.push(failure);
      return "no token was sent";
    };
    const forbidden = json({ code: "Forbidden", message: "denied" }, { status: 403 });
    const t = testClient([forbidden, json(experiment)], { authFailureHint });
    const error = await unwrap(getOne(t.client)).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 403, hint: "no token was sent" });
    expect((error as Error).message).toMatch(/HTTP 403 \(Forbidden: denied\)\. no token was sent$/);
    expect(seen).toEqual([
      {
        status: 403,
        tokenSent: false,
        method: "GET",
        url: "https://registry.test/api/model_registry/v1alpha3/experiments/1",
      },
    ]);
    expect(await unwrap(getOne(t.client))).toEqual(experiment);
    expect(seen).toHaveLength(1);
    const throwing = testClient([unauthorized()], {
      authFailureHint: () => {
        throw new Error("hint failed");
      },
    });
    const plain = await unwrap(getOne(throwing.client)).catch((e: unknown) => e);
    expect(plain).toMatchObject({ status: 401 });
    expect((plain as { hint?: string }).hint).toBeUndefined();
  });
});

describe("redirects", () => {
  const redirect = (location: string, status = 302) =>
    new Response(null, { status, headers: { location } });

  test("the token follows a same-origin redirect", async () => {
    const t = testClient([redirect(`${ORIGIN}/elsewhere`), json(experiment)], { auth: "s3cr3t" });
    await unwrap(getOne(t.client));
    expect(t.calls.map((c) => c.headers.get("authorization"))).toEqual([
      "Bearer s3cr3t",
      "Bearer s3cr3t",
    ]);
  });

  for (const target of [
    "https://evil.test/steal",
    "http://registry.test/downgrade",
    "https://registry.test:444/x",
  ]) {
    test(`no credentials on a redirect to another origin (${target})`, async () => {
      const t = testClient([redirect(target, 307), json(experiment)], { auth: "s3cr3t" });
      await t.client.GET(EXPERIMENT, {
        params: { path: { experimentId: "1" } },
        headers: { "x-other": "kept" },
      });
      expect(t.calls[1]?.url).toBe(target);
      expect(t.calls[1]?.headers.has("authorization")).toBe(false);
      expect(t.calls[1]?.headers.get("x-other")).toBe("kept");
    });
  }

  test("a caller's Authorization header is dropped on a cross-origin hop too", async () => {
    const t = testClient([redirect("https://evil.test/"), json(experiment)]);
    await t.client.GET(EXPERIMENT, {
      params: { path: { experimentId: "1" } },
      headers: { authorization: "Bearer mine" },
    });
    expect(t.calls[1]?.headers.has("authorization")).toBe(false);
  });

  test("303 turns a POST into a GET without body; 307 keeps method and body", async () => {
    const t = testClient([redirect(`${ORIGIN}/a`, 303), json(experiment)]);
    await t.client.POST("/api/model_registry/v1alpha3/experiments", { body: { name: "e" } });
    expect(t.calls.map((c) => [c.method, c.body])).toEqual([
      ["POST", '{"name":"e"}'],
      ["GET", undefined],
    ]);
    const k = testClient([redirect(`${ORIGIN}/b`, 307), json(experiment)]);
    await k.client.POST("/api/model_registry/v1alpha3/experiments", { body: { name: "e" } });
    expect(k.calls.map((c) => [c.method, c.body])).toEqual([
      ["POST", '{"name":"e"}'],
      ["POST", '{"name":"e"}'],
    ]);
  });

  test("redirect loops stop after maxRedirects and return the redirect", async () => {
    const t = testClient([redirect(`${ORIGIN}/loop`)], { maxRedirects: 3 });
    expect((await getOne(t.client)).response.status).toBe(302);
    expect(t.calls).toHaveLength(4);
  });
});
