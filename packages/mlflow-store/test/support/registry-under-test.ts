/**
 * Contract-test harness: every contract test file runs its suite against a fresh fake registry
 * in-process (MSW) and over a real port (node:http on 127.0.0.1), validating every response
 * against the OpenAPI spec; with MODEL_REGISTRY_E2E_URL set it targets that registry instead.
 */
import { randomUUID } from "node:crypto";
import { createRegistryClient, type RegistryClient } from "@model-registry/registry-client";
import type {
  FakeRegistry,
  FakeRegistryOptions,
  FakeRegistrySnapshot,
} from "@model-registry/testing";
import { setupFakeRegistry, startFakeRegistryServer } from "@model-registry/testing/node";
import { createSpecValidator } from "@model-registry/testing/spec-validator";
import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
  type TestContext,
} from "vitest";
import { createMlflowStore, type MlflowStore, type MlflowStoreOptions } from "../../src/index.js";

/** Where a suite runs. */
export type Mode = "in-process" | "port" | "e2e";

const E2E_URL = process.env.MODEL_REGISTRY_E2E_URL;
const E2E_TOKEN = process.env.MODEL_REGISTRY_E2E_TOKEN;

/** The modes every contract file runs in: both fake modes, or only the real registry in E2E runs. */
export const MODES: readonly Mode[] = E2E_URL ? ["e2e"] : ["in-process", "port"];

if (E2E_URL) console.info(`[contract] target: real registry at ${E2E_URL}`);

/**
 * The modes for suites that need the fake (seeding, request counts, a registry with nothing else
 * in it). In E2E runs it returns no modes and registers one skipped test that prints `reason`.
 */
export function fakeModes(reason: string): readonly Mode[] {
  if (!E2E_URL) return MODES;
  describe("against a real registry", () => {
    it(`is skipped: ${reason}`, (ctx) => {
      console.info(`[contract] skipped against a real registry: ${reason}`);
      ctx.skip();
    });
  });
  return [];
}

const IN_PROCESS_URL = "http://registry.test:8080";

let validator: ReturnType<typeof createSpecValidator> | undefined;
function specValidator(): ReturnType<typeof createSpecValidator> {
  validator ??= createSpecValidator();
  return validator;
}

/** One request the fake answered. */
export interface LoggedRequest {
  method: string;
  route: string | null;
  url: string;
  status: number;
}

/** The registry a suite talks to, with the store bound to it. */
export interface RegistryUnderTest {
  readonly mode: Mode;
  /** A store on a fresh registry (recreated before each test). */
  readonly store: MlflowStore;
  /** A raw registry client on the same registry, for seeding and inspecting. */
  readonly client: RegistryClient;
  /** True for the fake (request log, seeding); false against a real registry. */
  readonly isFake: boolean;
  /** A new store on the same registry (e.g. another process's view), optionally with its own fetch. */
  newStore(
    options?: Omit<MlflowStoreOptions, "client" | "trackingUri">,
    fetch?: typeof globalThis.fetch,
  ): MlflowStore;
  /** Requests answered since the last `clearRequests()` (fake only). */
  requests(): LoggedRequest[];
  clearRequests(): void;
  /** Runs `action` and returns what it resolved to and the requests it made (fake only). */
  count<T>(action: () => Promise<T>): Promise<{ result: T; requests: LoggedRequest[] }>;
  /** A name unique to this test (real registries keep data between runs). */
  unique(name: string): string;
  /** Skips the current test against a real registry, printing why. */
  requireFake(ctx: TestContext, reason: string): void;
  /** The full fake state (fake only). */
  snapshot(): FakeRegistrySnapshot;
}

/** Options of {@link useRegistryUnderTest}. */
export interface HarnessOptions {
  /** State the fake starts from before each test (seeding: fake only). */
  initialState?: FakeRegistrySnapshot;
  /** Options for the store bound to the registry. */
  store?: Omit<MlflowStoreOptions, "client" | "trackingUri">;
  /** Extra fake options (latency, faults). */
  fake?: Omit<FakeRegistryOptions, "initialState" | "onResponse">;
}

/**
 * Installs before/after hooks for `mode` in the current `describe` and returns a handle whose
 * properties are valid inside tests.
 */
export function useRegistryUnderTest(mode: Mode, options: HarnessOptions = {}): RegistryUnderTest {
  const specErrors: string[] = [];
  let fake: FakeRegistry | undefined;
  let baseUrl = IN_PROCESS_URL;
  let teardown: () => Promise<void> | void = () => undefined;
  let store: MlflowStore | undefined;
  let client: RegistryClient | undefined;

  const fakeOptions: FakeRegistryOptions = {
    ...options.fake,
    ...(options.initialState ? { initialState: options.initialState } : {}),
    onResponse(response) {
      const result = specValidator().validateResponse(response);
      if (!result.valid)
        specErrors.push(
          `${response.method} ${response.route} ${response.status}: ${result.errors.join("; ")}`,
        );
    },
  };

  beforeAll(async () => {
    if (mode === "in-process") {
      const registry = setupFakeRegistry(fakeOptions);
      registry.listen();
      fake = registry;
      teardown = () => registry.close();
    } else if (mode === "port") {
      const server = await startFakeRegistryServer({ ...fakeOptions, host: "127.0.0.1", port: 0 });
      fake = server.registry;
      baseUrl = server.url;
      teardown = () => server.close();
    } else {
      baseUrl = E2E_URL ?? "";
    }
  });
  afterAll(async () => {
    await teardown();
  });

  function makeClient(fetch?: typeof globalThis.fetch): RegistryClient {
    const auth = mode === "e2e" && E2E_TOKEN ? { auth: E2E_TOKEN, allowInsecureAuth: true } : {};
    return createRegistryClient({ baseUrl, retry: false, ...auth, ...(fetch ? { fetch } : {}) });
  }
  function makeStore(
    extra: Omit<MlflowStoreOptions, "client" | "trackingUri"> = {},
    fetch?: typeof globalThis.fetch,
  ): MlflowStore {
    return createMlflowStore({
      artifactLocation: "s3://bucket/mlflow",
      ...options.store,
      ...extra,
      client: makeClient(fetch),
    });
  }

  beforeEach(() => {
    fake?.reset();
    fake?.clearRequests();
    specErrors.length = 0;
    client = makeClient();
    store = makeStore();
  });
  afterEach(() => {
    expect(specErrors, "registry responses must match the OpenAPI spec").toEqual([]);
  });

  function requireFakeRegistry(): FakeRegistry {
    if (!fake) throw new Error("this needs the fake registry (not available in E2E runs)");
    return fake;
  }

  return {
    mode,
    get store() {
      if (!store) throw new Error("store is only available inside tests");
      return store;
    },
    get client() {
      if (!client) throw new Error("client is only available inside tests");
      return client;
    },
    get isFake() {
      return mode !== "e2e";
    },
    newStore: makeStore,
    requests: () =>
      requireFakeRegistry().requests.map(({ method, route, url, status }) => ({
        method,
        route,
        url,
        status,
      })),
    clearRequests: () => requireFakeRegistry().clearRequests(),
    async count(action) {
      const registry = requireFakeRegistry();
      registry.clearRequests();
      const result = await action();
      const requests = registry.requests.map(({ method, route, url, status }) => ({
        method,
        route,
        url,
        status,
      }));
      return { result, requests };
    },
    unique: (name) => (mode === "e2e" ? `${name}-${randomUUID().slice(0, 8)}` : name),
    requireFake(ctx, reason) {
      if (mode === "e2e") {
        console.info(`[contract] skipped against a real registry: ${reason}`);
        ctx.skip();
      }
    },
    snapshot: () => requireFakeRegistry().snapshot(),
  };
}

/** Short summary of requests for assertion messages: "POST /experiments". */
export function describeRequests(requests: readonly LoggedRequest[]): string[] {
  return requests.map(
    (r) => `${r.method} ${(r.route ?? r.url).replace("/api/model_registry/v1alpha3", "")}`,
  );
}
