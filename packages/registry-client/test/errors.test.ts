import { inspect } from "node:util";
import { describe, expect, test } from "vitest";
import {
  isRegistryError,
  isRegistryHttpError,
  isRegistryNetworkError,
  isRegistryResponseError,
  isRegistryTimeoutError,
  RegistryHttpError,
  unwrap,
} from "../src/index.js";
import { EXPERIMENT, experiment, json, ORIGIN, testClient, text } from "./helpers.js";

const URL_1 = `${ORIGIN}/api/model_registry/v1alpha3/experiments/1`;

async function httpError(reply: Response): Promise<RegistryHttpError> {
  const t = testClient([reply], { auth: "s3cr3t-token", retry: false });
  try {
    await unwrap(t.client.GET(EXPERIMENT, { params: { path: { experimentId: "1" } } }));
  } catch (error) {
    if (error instanceof RegistryHttpError) return error;
    throw error;
  }
  throw new Error("expected a RegistryHttpError");
}

describe("HTTP errors", () => {
  test("JSON {code, message} bodies", async () => {
    const error = await httpError(
      json(
        { code: "Not Found", message: "no experiment found for id 1: not found" },
        { status: 404 },
      ),
    );
    expect(error).toMatchObject({
      name: "RegistryHttpError",
      code: "HTTP_ERROR",
      status: 404,
      serverCode: "Not Found",
      serverMessage: "no experiment found for id 1: not found",
      method: "GET",
      url: URL_1,
    });
    expect(error.message).toContain("HTTP 404");
    expect(error.message).toContain("no experiment found for id 1");
    expect(isRegistryHttpError(error) && isRegistryError(error)).toBe(true);
    expect(isRegistryNetworkError(error) || isRegistryTimeoutError(error)).toBe(false);
  });

  test("422 with code Bad Request keeps the status and the server's code", async () => {
    const error = await httpError(
      json(
        { code: "Bad Request", message: "required field 'name' is zero value." },
        { status: 422 },
      ),
    );
    expect([error.status, error.serverCode]).toEqual([422, "Bad Request"]);
  });

  test("the plain-text 503 sent while the datastore starts", async () => {
    const body =
      "Datastore service is down or unavailable. Please check that the database is reachable and try again later.";
    const error = await httpError(text(body, 503));
    expect(error.status).toBe(503);
    expect(error.serverCode).toBeUndefined();
    expect(error.serverMessage).toBe(body);
  });

  test("an empty body falls back to the status text", async () => {
    const error = await httpError(new Response(null, { status: 502, statusText: "Bad Gateway" }));
    expect(error.serverMessage).toBe("Bad Gateway");
  });

  describe("retryAfterMs", () => {
    const busy = (status: number, retryAfter?: string) =>
      httpError(
        json(
          { code: "Too Many Requests", message: "slow down" },
          {
            status,
            ...(retryAfter === undefined ? {} : { headers: { "retry-after": retryAfter } }),
          },
        ),
      );

    test("delta-seconds on a 429 and a 503", async () => {
      expect((await busy(429, "2")).retryAfterMs).toBe(2000);
      expect((await busy(503, " 0 ")).retryAfterMs).toBe(0);
      expect((await busy(429, "2")).toJSON()).toMatchObject({ retryAfterMs: 2000 });
    });

    test("an HTTP date, relative to now (0 once past)", async () => {
      const inAMinute = new Date(Date.now() + 60_000).toUTCString();
      const ms = (await busy(429, inAMinute)).retryAfterMs;
      // The header has whole seconds; generous bounds for a slow machine.
      expect(ms).toBeGreaterThan(30_000);
      expect(ms).toBeLessThanOrEqual(60_000);
      expect((await busy(503, "Wed, 21 Oct 2015 07:28:00 GMT")).retryAfterMs).toBe(0);
    });

    test("absent, invalid, or on another status: undefined", async () => {
      for (const error of [
        await busy(429),
        await busy(429, "soon"),
        await busy(429, "-5"),
        await busy(429, "1.5"),
        await busy(500, "2"),
        await busy(502, "2"),
      ]) {
        expect(error.retryAfterMs).toBeUndefined();
        expect("retryAfterMs" in error.toJSON()).toBe(false);
      }
    });
  });

  test("unwrap returns data on success", async () => {
    const t = testClient([json(experiment)]);
    expect(
      await unwrap(t.client.GET(EXPERIMENT, { params: { path: { experimentId: "1" } } })),
    ).toEqual(experiment);
  });
});

describe("redaction", () => {
  test("the token appears in no message, JSON, stack or inspection", async () => {
    const error = await httpError(json({ code: "Forbidden", message: "denied" }, { status: 403 }));
    for (const rendered of [
      error.message,
      JSON.stringify(error),
      String(error.stack),
      inspect(error, { depth: 10 }),
    ]) {
      expect(rendered).not.toContain("s3cr3t-token");
      expect(rendered.toLowerCase()).not.toContain("authorization");
    }
    expect(error.toJSON()).toEqual({
      name: "RegistryHttpError",
      code: "HTTP_ERROR",
      message: error.message,
      status: 403,
      serverCode: "Forbidden",
      serverMessage: "denied",
      method: "GET",
      url: URL_1,
    });
  });

  test("a caller's own Authorization header echoed back is scrubbed as well", async () => {
    const t = testClient(
      [
        (call) =>
          json({ code: "x", message: `saw ${call.headers.get("authorization")}` }, { status: 400 }),
      ],
      { retry: false },
    );
    const error = await unwrap(
      t.client.GET(EXPERIMENT, {
        params: { path: { experimentId: "1" } },
        headers: { authorization: "Basic dXNlcjpwYXNzd29yZA==" },
      }),
    ).catch((e) => e);
    expect(isRegistryHttpError(error) && error.serverMessage).toBe("saw [REDACTED]");
  });

  test("an unusable success answer is a RegistryResponseError, recognised across copies", async () => {
    const t = testClient([text('{"id": ', 200, { "content-type": "application/json" })]);
    const error = await t.client
      .GET(EXPERIMENT, { params: { path: { experimentId: "1" } } })
      .catch((e) => e);
    expect(isRegistryResponseError(error)).toBe(true);
    expect(isRegistryHttpError(error)).toBe(false);
    expect(error.toJSON()).toEqual({
      name: "RegistryResponseError",
      code: "INVALID_RESPONSE",
      message: `[@model-registry/registry-client] GET ${URL_1} answered HTTP 200: the body is not valid JSON: ${JSON.stringify('{"id": ')}`,
      httpStatus: 200,
      method: "GET",
      url: URL_1,
      contentType: "application/json",
    });
  });

  test("network errors carry no token either", async () => {
    const cause = new TypeError("fetch failed");
    const t = testClient([cause], { auth: "s3cr3t-token", retry: false });
    const error = await t.client
      .GET(EXPERIMENT, { params: { path: { experimentId: "1" } } })
      .catch((e) => e);
    expect(isRegistryNetworkError(error)).toBe(true);
    expect(inspect(error, { depth: 10 })).not.toContain("s3cr3t-token");
    expect(JSON.stringify(error)).not.toContain("s3cr3t-token");
    expect(error.cause).toBe(cause);
  });

  test("credentials in query parameters are masked in error URLs", async () => {
    const t = testClient([json({ code: "x", message: "y" }, { status: 400 })]);
    const error = await unwrap(
      t.client.GET("/api/model_registry/v1alpha3/experiments", {
        params: { query: { filterQuery: "a" } },
        querySerializer: () => "access_token=leaked&filterQuery=a",
      }),
    ).catch((e) => e);
    expect(error.url).toContain("access_token=%5BREDACTED%5D");
    expect(error.message).not.toContain("leaked");
  });
});
