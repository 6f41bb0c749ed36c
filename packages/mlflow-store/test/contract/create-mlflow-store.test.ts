import { type FakeRegistryServer, startFakeRegistryServer } from "@model-registry/testing/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMlflowStore } from "../../src/index.js";
import { errorOf } from "../support/error-of.js";

describe("createMlflowStore: tracking URIs and credentials (real port)", () => {
  let open: FakeRegistryServer;
  let locked: FakeRegistryServer;
  let hostPort: { host: string; port: string };

  beforeAll(async () => {
    open = await startFakeRegistryServer({ host: "127.0.0.1", port: 0 });
    locked = await startFakeRegistryServer({
      host: "127.0.0.1",
      port: 0,
      requireToken: "s3cret-token",
    });
    const url = new URL(open.url);
    hostPort = { host: url.hostname, port: url.port };
  });
  afterAll(async () => {
    await open.close();
    await locked.close();
  });

  it.each([
    [
      "modelregistry+http://host:port",
      () => ({ trackingUri: `modelregistry+http://${hostPort.host}:${hostPort.port}` }),
    ],
    ["http://host:port", () => ({ trackingUri: `http://${hostPort.host}:${hostPort.port}` })],
    [
      "MLFLOW_TRACKING_URI",
      () => ({ env: { MLFLOW_TRACKING_URI: `modelregistry://${hostPort.host}:${hostPort.port}` } }),
    ],
    [
      "modelregistry:// with MODEL_REGISTRY_HOST and MODEL_REGISTRY_PORT",
      () => ({
        trackingUri: "modelregistry://",
        env: { MODEL_REGISTRY_HOST: hostPort.host, MODEL_REGISTRY_PORT: hostPort.port },
      }),
    ],
  ])("reaches the registry from %s", async (_name, options) => {
    const store = createMlflowStore({ ...options(), retry: false });
    const name = `uri-${Math.random().toString(16).slice(2)}`;
    const id = await store.createExperiment(name);
    expect((await store.getExperimentByName(name))?.experimentId).toBe(id);
  });

  it("never sends the default token over plain http, and reports the registry's 401 as UNAUTHENTICATED without the token", async () => {
    const store = createMlflowStore({
      trackingUri: locked.url.replace("http://", "modelregistry+http://"),
      env: { MODEL_REGISTRY_TOKEN: "s3cret-token" },
      retry: false,
    });
    const failure = await errorOf(store.createExperiment("x"));
    expect(failure.errorCode).toBe("UNAUTHENTICATED");
    expect(failure.message).not.toContain("s3cret-token");
  });

  it("refuses an explicit token over plain http unless allowInsecureAuth is set", async () => {
    let asked = 0;
    const auth = async () => {
      asked++;
      return { token: "s3cret-token" };
    };
    const trackingUri = locked.url.replace("http://", "modelregistry+http://");
    expect(() => createMlflowStore({ trackingUri, auth, retry: false })).toThrow(
      expect.objectContaining({ errorCode: "INVALID_PARAMETER_VALUE" }),
    );
    expect(asked).toBe(0);
    const store = createMlflowStore({ trackingUri, auth, allowInsecureAuth: true, retry: false });
    const id = await store.createExperiment(`insecure-${Math.random().toString(16).slice(2)}`);
    expect((await store.getExperiment(id)).experimentId).toBe(id);
    expect(asked).toBeGreaterThan(0);
  });

  it("uses an injected client as is", async () => {
    const { createRegistryClient } = await import("@model-registry/registry-client");
    const client = createRegistryClient({
      baseUrl: locked.url,
      auth: "s3cret-token",
      allowInsecureAuth: true,
      retry: false,
    });
    const store = createMlflowStore({ client, trackingUri: "modelregistry://nowhere.invalid:1" });
    const id = await store.createExperiment(`injected-${Math.random().toString(16).slice(2)}`);
    expect((await store.getExperiment(id)).experimentId).toBe(id);
  });

  it("rejects unsupported tracking URIs with INVALID_PARAMETER_VALUE", () => {
    expect(() => createMlflowStore({ trackingUri: "sqlite:///mlflow.db" })).toThrow(
      expect.objectContaining({ errorCode: "INVALID_PARAMETER_VALUE" }),
    );
  });
});

describe("createMlflowStore: retry also bounds the store's own write attempts", () => {
  it("repeats a write whose outcome it settles at most retry.maxAttempts times", async () => {
    const { createFakeRegistry } = await import("@model-registry/testing");
    const { createRegistryClient } = await import("@model-registry/registry-client");
    const fake = createFakeRegistry({
      faults: [{ kind: "status", status: 503, method: "POST", route: "/experiments" }],
    });
    const client = createRegistryClient({
      baseUrl: "http://registry.test:8080",
      fetch: fake.fetch.bind(fake) as typeof globalThis.fetch,
    });
    const attempts = async (retry: { maxAttempts: number; baseDelayMs: number } | false) => {
      fake.clearRequests();
      const store = createMlflowStore({ client, retry });
      const error = await errorOf(store.createExperiment("never-lands"));
      expect(error.errorCode).toBe("TEMPORARILY_UNAVAILABLE");
      return fake.requests.filter((r) => r.method === "POST").length;
    };
    expect(await attempts({ maxAttempts: 3, baseDelayMs: 1 })).toBe(3);
    expect(await attempts({ maxAttempts: 1, baseDelayMs: 1 })).toBe(1);
    expect(await attempts(false)).toBe(1);
  });

  it("refuses retry settings that are not numbers of the right range", () => {
    expect(() =>
      createMlflowStore({ trackingUri: "http://127.0.0.1:1", retry: { maxAttempts: 0 } }),
    ).toThrow(/retry\.maxAttempts must be a finite number of at least 1/);
    expect(() =>
      createMlflowStore({ trackingUri: "http://127.0.0.1:1", retry: { baseDelayMs: Number.NaN } }),
    ).toThrow(/retry\.baseDelayMs/);
  });
});
