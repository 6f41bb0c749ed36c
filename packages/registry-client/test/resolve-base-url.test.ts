import { describe, expect, test } from "vitest";
import { createRegistryClient, isRegistryError, resolveBaseUrl } from "../src/index.js";

const P = "/api/model_registry/v1alpha3";

interface Case {
  readonly input: string;
  readonly env?: Record<string, string>;
  readonly expected: string;
}

const cases: Case[] = [
  { input: "https://mr.example:8443", expected: `https://mr.example:8443${P}` },
  { input: "https://mr.example:8443/", expected: `https://mr.example:8443${P}` },
  { input: `https://mr.example:8443${P}`, expected: `https://mr.example:8443${P}` },
  { input: `https://mr.example:8443${P}/`, expected: `https://mr.example:8443${P}` },
  { input: "http://127.0.0.1:8080", expected: `http://127.0.0.1:8080${P}` },
  { input: "https://gw.example/registry", expected: `https://gw.example/registry${P}` },
  { input: `https://gw.example/registry${P}`, expected: `https://gw.example/registry${P}` },
  { input: "https://mr.example:443", expected: `https://mr.example${P}` },
  { input: "modelregistry://mr.example:8080", expected: `http://mr.example:8080${P}` },
  {
    input: "modelregistry://mr.example:8443",
    env: { MODEL_REGISTRY_SECURE: "true" },
    expected: `https://mr.example:8443${P}`,
  },
  {
    input: "modelregistry://mr.example:8443",
    env: { MODEL_REGISTRY_SECURE: "TRUE" },
    expected: `https://mr.example:8443${P}`,
  },
  {
    input: "modelregistry://mr.example:8443",
    env: { MODEL_REGISTRY_SECURE: "false" },
    expected: `http://mr.example:8443${P}`,
  },
  { input: "modelregistry+https://mr.example:8443", expected: `https://mr.example:8443${P}` },
  {
    input: "modelregistry+https://mr.example:8443",
    env: { MODEL_REGISTRY_SECURE: "false" },
    expected: `https://mr.example:8443${P}`,
  },
  { input: "modelregistry+http://mr.example:9000", expected: `http://mr.example:9000${P}` },
  { input: "modelregistry+http://mr.example", expected: `http://mr.example:8080${P}` },
  {
    input: "modelregistry://",
    env: { MODEL_REGISTRY_HOST: "envhost", MODEL_REGISTRY_PORT: "9090" },
    expected: `http://envhost:9090${P}`,
  },
  { input: "modelregistry://", expected: `http://localhost:8080${P}` },
];

describe("baseUrl forms", () => {
  for (const { input, env, expected } of cases) {
    test(`${input} ${env ? JSON.stringify(env) : ""}→ ${expected}`, () => {
      expect(resolveBaseUrl(input, env ?? {}).apiBaseUrl).toBe(expected);
      expect(createRegistryClient({ baseUrl: input, env: env ?? {} }).baseUrl).toBe(expected);
    });
  }

  test("requests go to the resolved origin with full generated paths", async () => {
    const urls: string[] = [];
    const client = createRegistryClient({
      baseUrl: "modelregistry+https://mr.example:8443",
      env: {},
      fetch: (async (url: string) => {
        urls.push(url);
        return Response.json({ items: [], nextPageToken: "", pageSize: 0, size: 0 });
      }) as typeof fetch,
    });
    await client.GET("/api/model_registry/v1alpha3/experiments");
    expect(urls).toEqual([`https://mr.example:8443${P}/experiments`]);
  });

  const invalid = [
    "not a url",
    "ftp://mr.example",
    "https://user:pw@mr.example",
    "https://mr.example?x=1",
  ];
  for (const input of invalid) {
    test(`rejects ${input}`, () => {
      let caught: unknown;
      try {
        resolveBaseUrl(input);
      } catch (error) {
        caught = error;
      }
      expect(isRegistryError(caught) && caught.code).toBe("INVALID_OPTIONS");
      expect(String((caught as Error).message)).not.toContain("pw");
    });
  }
});
