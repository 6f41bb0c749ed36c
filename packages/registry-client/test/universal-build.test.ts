// The universal build (browsers, workers: the `default` export condition), as packed in dist.
import { afterEach, describe, expect, test, vi } from "vitest";
import * as nodeBuild from "../src/index.js";
import { scriptedFetch } from "./helpers.js";

const universal: typeof import("../src/index.js") = await import(
  new URL("../dist/universal/index.js", import.meta.url).href
);

const EXPERIMENTS = "/api/model_registry/v1alpha3/experiments";
const page = () =>
  new Response(JSON.stringify({ items: [], nextPageToken: "", pageSize: 0, size: 0 }), {
    headers: { "content-type": "application/json" },
  });

afterEach(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
});

describe("the universal build", () => {
  test("exports what the Node build exports", () => {
    expect(Object.keys(universal).sort()).toEqual(Object.keys(nodeBuild).sort());
  });

  test("reads no environment unless given one", async () => {
    vi.stubEnv("MODEL_REGISTRY_SECURE", "true");
    expect(nodeBuild.createRegistryClient({ baseUrl: "modelregistry://h:1" }).baseUrl).toMatch(
      /^https:/,
    );
    expect(universal.createRegistryClient({ baseUrl: "modelregistry://h:1" }).baseUrl).toMatch(
      /^http:/,
    );
    const given = universal.createRegistryClient({
      baseUrl: "modelregistry://h:1",
      env: { MODEL_REGISTRY_SECURE: "true" },
    });
    expect(given.baseUrl).toMatch(/^https:/);
  });

  test("names the runtime in User-Agent where it can, and sends none in browsers", async () => {
    const agentOf = async () => {
      const { fetch, calls } = scriptedFetch(page());
      const client = universal.createRegistryClient({ baseUrl: "http://h:1", fetch });
      await universal.unwrap(client.GET(EXPERIMENTS));
      return calls[0]?.headers.get("user-agent");
    };
    vi.stubGlobal("navigator", { userAgent: "Deno/2.1.4" });
    expect(await agentOf()).toBe("model-registry-ts/registry-client Deno/2.1.4");
    vi.stubGlobal("navigator", { userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0" });
    expect(await agentOf()).toBeNull();
    vi.stubGlobal("navigator", undefined);
    expect(await agentOf()).toBe("model-registry-ts/registry-client");
  });

  test("refuses the TLS settings only Node.js can apply", () => {
    for (const tls of [{ ca: "PEM" }, { caFile: "/ca.pem" }, { rejectUnauthorized: false }]) {
      expect(() => universal.createRegistryClient({ baseUrl: "https://h:1", tls })).toThrow(
        expect.objectContaining({
          code: "INVALID_OPTIONS",
          message: expect.stringMatching(/Node\.js/),
        }),
      );
    }
    expect(() =>
      universal.createRegistryClient({
        baseUrl: "https://h:1",
        env: { MODELREGISTRY_CA_CERT_PATH: "/ca.pem" },
      }),
    ).toThrow(/MODELREGISTRY_CA_CERT_PATH need Node\.js/);
    // Over plain http there is nothing to verify, as in the Node build.
    expect(() =>
      universal.createRegistryClient({ baseUrl: "http://h:1", tls: { caFile: "/ca.pem" } }),
    ).not.toThrow();
    expect(() =>
      universal.createRegistryClient({ baseUrl: "https://h:1", tls: { inClusterCaPath: "/x" } }),
    ).not.toThrow();
  });
});

test("a redirect a browser hides (redirect: manual) is an INVALID_RESPONSE, not followed", async () => {
  const calls: string[] = [];
  const fetch = async (url: RequestInfo | URL) => {
    calls.push(String(url));
    const hidden = new Response(null);
    Object.defineProperty(hidden, "type", { value: "opaqueredirect" });
    Object.defineProperty(hidden, "status", { value: 0 });
    return hidden;
  };
  const client = nodeBuild.createRegistryClient({ baseUrl: "http://h:1", fetch, retry: false });
  const failure = await universal.unwrap(client.GET(EXPERIMENTS)).catch((error) => error);
  expect(failure).toMatchObject({
    name: "RegistryResponseError",
    code: "INVALID_RESPONSE",
    httpStatus: 0,
    message: expect.stringMatching(/redirect, which the browser does not let the client follow/),
  });
  expect(calls).toHaveLength(1);
});
