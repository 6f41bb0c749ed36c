/**
 * What every entry point accepts: connection options, unknown option keys, credentials in
 * tracking URIs, blank MLFLOW_TRACKING_URI and http:// URIs.
 */
import { type FakeRegistryServer, startFakeRegistryServer } from "@model-registry/testing/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createFluent,
  createMlflowClient,
  createMlflowStore,
  createTrackingStoreRegistry,
  getTrackingStore,
  isMlflowError,
  type MlflowStore,
  resolveTrackingUri,
  setTrackingUri,
} from "../../src/index.js";
import { errorOf } from "../support/error-of.js";

const TOKEN = "s3cret-token";
const NOTHING = { KUBECONFIG: "/nonexistent/kubeconfig" };
const unique = (name: string) => `${name}-${Math.random().toString(16).slice(2, 10)}`;

function thrown(action: () => unknown): Error & { errorCode?: string } {
  try {
    action();
  } catch (error) {
    if (isMlflowError(error)) return error;
    throw error;
  }
  throw new Error("expected a throw");
}

describe("connection options reach the registry from every entry point (real port)", () => {
  let locked: FakeRegistryServer;
  let slow: FakeRegistryServer;
  let lockedUri: string;

  beforeAll(async () => {
    locked = await startFakeRegistryServer({ host: "127.0.0.1", port: 0, requireToken: TOKEN });
    slow = await startFakeRegistryServer({ host: "127.0.0.1", port: 0, latencyMs: 1_000 });
    lockedUri = locked.url.replace("http://", "modelregistry+http://");
  });
  afterAll(async () => {
    await locked.close();
    await slow.close();
  });

  it("createMlflowClient: auth and allowInsecureAuth", async () => {
    const client = createMlflowClient({
      trackingUri: lockedUri,
      auth: TOKEN,
      allowInsecureAuth: true,
      retry: false,
      env: NOTHING,
    });
    const id = await client.createExperiment(unique("client-auth"));
    expect((await client.getExperiment(id)).experimentId).toBe(id);
  });

  it("createMlflowClient: timeoutMs and retry", async () => {
    const client = createMlflowClient({
      trackingUri: slow.url.replace("http://", "modelregistry+http://"),
      timeoutMs: 50,
      retry: false,
      env: NOTHING,
    });
    const failure = await errorOf(client.getExperiment("1"));
    expect(failure.errorCode).toBe("TEMPORARILY_UNAVAILABLE");
    expect(failure.message).toContain("timed out after 50 ms");
  });

  it("createMlflowStore: maxResponseBytes and bodyTimeoutMs reach the client", async () => {
    const big = JSON.stringify({ id: "1", name: "x".repeat(10_000), externalId: "e" });
    const tooLarge = createMlflowStore({
      trackingUri: "modelregistry+http://127.0.0.1:9",
      maxResponseBytes: 1_024,
      retry: false,
      env: NOTHING,
      fetch: async () =>
        new Response(big, { status: 200, headers: { "content-type": "application/json" } }),
    });
    const large = await errorOf(tooLarge.getExperiment("1"));
    expect(large.errorCode).toBe("INTERNAL_ERROR");
    expect(large.message).toContain("1024");

    const dripping = createMlflowStore({
      trackingUri: "modelregistry+http://127.0.0.1:9",
      bodyTimeoutMs: 100,
      retry: false,
      env: NOTHING,
      fetch: async (_input, init) =>
        new Response(
          new ReadableStream({
            start(controller) {
              controller.enqueue(new TextEncoder().encode('{"id":'));
              init?.signal?.addEventListener("abort", () => controller.error(init.signal?.reason));
            },
          }),
          { status: 200, headers: { "content-type": "application/json" } },
        ),
    });
    const started = performance.now();
    const slowBody = await errorOf(dripping.getExperiment("1"));
    expect(slowBody.errorCode).toBe("TEMPORARILY_UNAVAILABLE");
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("createFluent: the instance's connection options apply to every URI it sets", async () => {
    const mlflow = createFluent({
      trackingUri: lockedUri,
      auth: TOKEN,
      allowInsecureAuth: true,
      retry: false,
      env: NOTHING,
      endRunsOnExit: false,
      contextTags: async () => ({}),
    });
    await mlflow.setExperiment(unique("fluent-auth"));
    mlflow.setTrackingUri(lockedUri);
    await mlflow.setExperiment(unique("fluent-auth-again"));
  });

  it("setTrackingUri(uri, options) on an instance and on the module", async () => {
    const mlflow = createFluent({
      env: NOTHING,
      endRunsOnExit: false,
      contextTags: async () => ({}),
    });
    mlflow.setTrackingUri(lockedUri, { auth: TOKEN, allowInsecureAuth: true, retry: false });
    await mlflow.setExperiment(unique("set-uri-auth"));
    mlflow.setTrackingUri(lockedUri);
    expect((await errorOf(mlflow.setExperiment(unique("no-auth")))).errorCode).toBe(
      "UNAUTHENTICATED",
    );

    setTrackingUri(lockedUri, { auth: TOKEN, allowInsecureAuth: true, retry: false });
    const { setExperiment, getTrackingUri } = await import("../../src/index.js");
    expect(getTrackingUri()).toBe(lockedUri);
    await setExperiment(unique("module-auth"));
  });

  it("a store is shared per URI, but not by callers with their own connection options or env", () => {
    const uri = "modelregistry+http://127.0.0.1:9";
    const shared: MlflowStore = getTrackingStore(uri);
    expect(getTrackingStore(uri)).toBe(shared);
    expect(createMlflowClient({ trackingUri: uri }).store).toBe(shared);
    expect(createMlflowClient({ trackingUri: uri, timeoutMs: 1_000 }).store).not.toBe(shared);
    expect(createMlflowClient({ trackingUri: uri, env: {} }).store).not.toBe(shared);
  });
});

describe("option keys are checked", () => {
  it.each([
    {
      where: "createMlflowClient",
      key: "timeout",
      action: () => createMlflowClient({ timeout: 5 } as never),
      suggestion: "timeoutMs",
    },
    {
      where: "createMlflowClient",
      key: "token",
      action: () => createMlflowClient({ token: "x" } as never),
      suggestion: undefined,
    },
    {
      where: "createFluent",
      key: "trackinguri",
      action: () => createFluent({ trackinguri: "x" } as never),
      suggestion: "trackingUri",
    },
    {
      where: "setTrackingUri",
      key: "allowInsecure",
      action: () =>
        createFluent().setTrackingUri("modelregistry://h", { allowInsecure: true } as never),
      suggestion: "allowInsecureAuth",
    },
    {
      where: "createMlflowStore",
      key: "retries",
      action: () => createMlflowStore({ trackingUri: "modelregistry://h", retries: 3 } as never),
      suggestion: "retry",
    },
  ])("$where rejects unknown option '$key'", ({ where, key, action, suggestion }) => {
    const error = thrown(action);
    expect(error.errorCode).toBe("INVALID_PARAMETER_VALUE");
    expect(error.message).toContain(`${where}: unknown option '${key}'.`);
    if (suggestion) expect(error.message).toContain(`Did you mean '${suggestion}'?`);
    else expect(error.message).not.toContain("Did you mean");
    expect(error.message).toContain("Known options:");
  });

  it("options must be an object; a store cannot be combined with connection options", () => {
    expect(thrown(() => createMlflowClient("modelregistry://h" as never)).message).toContain(
      "createMlflowClient: options must be an object.",
    );
    const store = getTrackingStore("modelregistry+http://127.0.0.1:9");
    expect(thrown(() => createMlflowClient({ store, auth: "t" })).message).toContain(
      "auth configure the store it creates from trackingUri; they cannot be combined with store",
    );
  });

  it("concurrency must be a positive integer", () => {
    for (const concurrency of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      const error = thrown(() =>
        createMlflowStore({ trackingUri: "modelregistry://h:1", concurrency }),
      );
      expect(error.errorCode).toBe("INVALID_PARAMETER_VALUE");
      expect(error.message).toContain("concurrency");
    }
    expect(() =>
      createMlflowStore({ trackingUri: "modelregistry://h:1", concurrency: 1 }),
    ).not.toThrow();
  });

  it("known keys set to undefined are fine", () => {
    expect(() =>
      createMlflowClient({ trackingUri: "modelregistry://h:1", auth: undefined, tls: undefined }),
    ).not.toThrow();
  });
});

describe("tracking URIs", () => {
  const withCredentials = "modelregistry+http://alice:hunter2@registry.example:8080";

  it.each([
    ["resolveTrackingUri", () => resolveTrackingUri(withCredentials, {})],
    ["createMlflowStore", () => createMlflowStore({ trackingUri: withCredentials })],
    ["createMlflowClient", () => createMlflowClient({ trackingUri: withCredentials })],
    [
      "createMlflowClient from MLFLOW_TRACKING_URI",
      () => createMlflowClient({ env: { MLFLOW_TRACKING_URI: withCredentials } }),
    ],
    ["getTrackingStore", () => getTrackingStore(withCredentials)],
    ["createFluent", () => createFluent({ trackingUri: withCredentials })],
    ["setTrackingUri", () => createFluent().setTrackingUri(withCredentials)],
    ["module setTrackingUri", () => setTrackingUri("modelregistry://bob@registry.example")],
    ["plain http form", () => createMlflowStore({ trackingUri: "http://u:p@h:1" })],
  ])("credentials in the URI are rejected by %s, without repeating them", (_name, action) => {
    const error = thrown(action);
    expect(error.errorCode).toBe("INVALID_PARAMETER_VALUE");
    expect(error.message).toContain("contains credentials (user:password@)");
    expect(error.message).toContain("auth option or MODEL_REGISTRY_TOKEN");
    expect(error.message).not.toMatch(/hunter2|alice|bob|u:p/);
  });

  it("a blank MLFLOW_TRACKING_URI means not set", () => {
    for (const blank of ["", "   "]) {
      const env = {
        MLFLOW_TRACKING_URI: blank,
        MODEL_REGISTRY_HOST: "h",
        MODEL_REGISTRY_PORT: "1",
      };
      expect(resolveTrackingUri(undefined, env).baseUrl).toBe("http://h:1");
      expect(createFluent({ env }).getTrackingUri()).toBe("modelregistry://");
      expect(() => createMlflowClient({ env })).not.toThrow();
      const registry = createTrackingStoreRegistry();
      expect(() => registry.getTrackingStore(undefined, { env })).not.toThrow();
    }
  });

  it("an http:// tracking URI is refused by the tracking-store registry with the modelregistry+http:// form to use", () => {
    const error = thrown(() =>
      createMlflowClient({ trackingUri: "http://registry.example:8080/x" }),
    );
    expect(error.errorCode).toBe("INVALID_PARAMETER_VALUE");
    expect(error.message).toContain("Unexpected URI scheme 'http'");
    expect(error.message).toContain("use 'modelregistry+http://registry.example:8080/x'");
    const secure = thrown(() => getTrackingStore("https://u:p@registry.example"));
    expect(secure.message).toContain("use 'modelregistry+https://registry.example'");
    expect(secure.message).not.toContain("u:p");
  });
});
