/**
 * Auth defaults against fakes that do and do not require a token, over https (in process) and
 * over plain http (a real port).
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type FakeRegistryServer,
  setupFakeRegistry,
  startFakeRegistryServer,
} from "@model-registry/testing/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMlflowClient, createMlflowStore } from "../../src/index.js";
import { errorOf } from "../support/error-of.js";

const TOKEN = "s3cret-token";
/** An environment with nothing configured: no token variable, no kubeconfig. */
const NOTHING = { KUBECONFIG: "/nonexistent/kubeconfig" };

/** A fetch that records each request's Authorization header and then fetches. */
function recordingFetch() {
  const authorization: (string | null)[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    authorization.push(new Headers(init?.headers).get("authorization"));
    return globalThis.fetch(input, init);
  }) as typeof globalThis.fetch;
  return { fetch, authorization };
}

const unique = (name: string) => `${name}-${Math.random().toString(16).slice(2, 10)}`;

describe("auth defaults over https (in-process fakes)", () => {
  const open = setupFakeRegistry();
  const locked = setupFakeRegistry({ requireToken: TOKEN });

  it("a registry that needs no token works with the defaults: no Authorization header is sent", async () => {
    open.listen();
    try {
      const { fetch, authorization } = recordingFetch();
      const store = createMlflowStore({
        trackingUri: "modelregistry+https://registry.test:443",
        env: NOTHING,
        fetch,
        retry: false,
      });
      const id = await store.createExperiment(unique("no-auth"));
      expect((await store.getExperiment(id)).experimentId).toBe(id);
      expect(authorization).toEqual([null, null]);
    } finally {
      await open.close();
    }
  });

  it("a registry that needs a token gets MODEL_REGISTRY_TOKEN; without one it answers UNAUTHENTICATED", async () => {
    locked.listen();
    try {
      const trackingUri = "modelregistry+https://registry.test:443";
      const store = createMlflowStore({
        trackingUri,
        env: { ...NOTHING, MODEL_REGISTRY_TOKEN: TOKEN },
        retry: false,
      });
      await store.createExperiment(unique("with-token"));
      const anonymous = createMlflowStore({ trackingUri, env: NOTHING, retry: false });
      const failure = await errorOf(anonymous.createExperiment("x"));
      expect(failure.errorCode).toBe("UNAUTHENTICATED");
      expect(failure.message).not.toContain("A token was found");
    } finally {
      await locked.close();
    }
  });

  it("a configured provider that fails is an error, and nothing is sent", async () => {
    const dir = await mkdtemp(join(tmpdir(), "mr-kubeconfig-"));
    try {
      const kubeconfig = join(dir, "config");
      await writeFile(
        kubeconfig,
        `current-context: c
contexts: [{ name: c, context: { user: u } }]
users: [{ name: u, user: { tokenFile: ${join(dir, "missing-token")} } }]
`,
      );
      const { fetch, authorization } = recordingFetch();
      const store = createMlflowStore({
        trackingUri: "modelregistry+https://registry.test:443",
        env: { KUBECONFIG: kubeconfig },
        fetch,
        retry: false,
      });
      const failure = await errorOf(store.createExperiment("x"));
      expect(failure.errorCode).toBe("UNAUTHENTICATED");
      expect(failure.message).toContain("no usable token");
      expect(failure.message).toContain("missing-token");
      expect(authorization).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("auth defaults over plain http (real port)", () => {
  let locked: FakeRegistryServer;
  let trackingUri: string;

  beforeAll(async () => {
    locked = await startFakeRegistryServer({ host: "127.0.0.1", port: 0, requireToken: TOKEN });
    trackingUri = locked.url.replace("http://", "modelregistry+http://");
  });
  afterAll(async () => {
    await locked.close();
  });

  it("a 401 while a token was found but withheld says so and names both ways to opt in, without the token", async () => {
    const store = createMlflowStore({
      trackingUri,
      env: { ...NOTHING, MODEL_REGISTRY_TOKEN: TOKEN },
      retry: false,
    });
    const failure = await errorOf(store.createExperiment("x"));
    expect(failure.errorCode).toBe("UNAUTHENTICATED");
    expect(failure.message).toContain("the registry answered HTTP 401");
    expect(failure.message).toContain("A token was found");
    expect(failure.message).toContain("not sent, because the registry URL is plain http");
    expect(failure.message).toContain("allowInsecureAuth: true");
    expect(failure.message).toContain("MODEL_REGISTRY_ALLOW_INSECURE_AUTH=true");
    expect(failure.message).not.toContain(TOKEN);
  });

  it("a 401 with no token anywhere has no such hint", async () => {
    const store = createMlflowStore({ trackingUri, env: NOTHING, retry: false });
    const failure = await errorOf(store.createExperiment("x"));
    expect(failure.errorCode).toBe("UNAUTHENTICATED");
    expect(failure.message).not.toContain("A token was found");
  });

  it("MODEL_REGISTRY_ALLOW_INSECURE_AUTH=true sends the default token over http, for the store and the client", async () => {
    const env = {
      ...NOTHING,
      MODEL_REGISTRY_TOKEN: TOKEN,
      MODEL_REGISTRY_ALLOW_INSECURE_AUTH: "true",
    };
    const store = createMlflowStore({ trackingUri, env, retry: false });
    const id = await store.createExperiment(unique("env-opt-in"));
    const client = createMlflowClient({ env: { ...env, MLFLOW_TRACKING_URI: trackingUri } });
    expect((await client.getExperiment(id)).experimentId).toBe(id);
  });

  it("allowInsecureAuth: true sends the default token over http; an explicit false wins over the env", async () => {
    const env = { ...NOTHING, MODEL_REGISTRY_TOKEN: TOKEN };
    const store = createMlflowStore({ trackingUri, env, allowInsecureAuth: true, retry: false });
    await store.createExperiment(unique("option-opt-in"));
    const refused = createMlflowStore({
      trackingUri,
      env: { ...env, MODEL_REGISTRY_ALLOW_INSECURE_AUTH: "true" },
      allowInsecureAuth: false,
      retry: false,
    });
    expect((await errorOf(refused.createExperiment("x"))).errorCode).toBe("UNAUTHENTICATED");
  });

  it("an explicit token over http is refused with both opt-ins named, and accepted with the env opt-in", () => {
    expect(() => createMlflowStore({ trackingUri, auth: TOKEN, env: NOTHING })).toThrow(
      /allowInsecureAuth: true or MODEL_REGISTRY_ALLOW_INSECURE_AUTH=true/,
    );
    expect(() =>
      createMlflowStore({
        trackingUri,
        auth: TOKEN,
        env: { MODEL_REGISTRY_ALLOW_INSECURE_AUTH: "true" },
      }),
    ).not.toThrow();
  });
});
