import {
  createRegistryClient,
  REGISTRY_API_PREFIX,
  type RegistryClient,
} from "@model-registry/registry-client";
import { afterAll, beforeAll, type TestContext } from "vitest";
import type { FakeRegistry, FakeRegistryOptions } from "../../src/index.js";
import { setupFakeRegistry, startFakeRegistryServer } from "../../src/node.js";
import { checkResponse } from "./spec-check.js";

/** With this set, behaviour tests run against a real registry instead of the fake. */
export const E2E_URL = process.env["MODEL_REGISTRY_E2E_URL"];
const E2E_TOKEN = process.env["MODEL_REGISTRY_E2E_TOKEN"];

/** A raw HTTP answer. */
export interface RawResponse {
  readonly status: number;
  readonly contentType: string | null;
  readonly headers: Headers;
  readonly text: string;
  /** Parsed JSON (undefined when the body is not JSON). */
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary response JSON.
  readonly json: any;
}

/** Where behaviour tests send requests. */
export interface Target {
  readonly kind: "fake (in-process MSW)" | "fake (HTTP server)" | "real registry (E2E)";
  /** The origin (no API prefix). */
  readonly baseUrl: string;
  /** The fake, or undefined in E2E mode. */
  readonly fake: FakeRegistry | undefined;
  /** A typed registry client (no retries) for this target. */
  readonly client: RegistryClient;
  /** A raw request; `path` is relative to the API prefix unless `absolute` is set. */
  request(method: string, path: string, options?: RequestOptions): Promise<RawResponse>;
}

/** Options of {@link Target.request}. */
export interface RequestOptions {
  readonly body?: unknown;
  /** Sent as is (no JSON encoding). */
  readonly rawBody?: string;
  readonly headers?: Record<string, string>;
  readonly absolute?: boolean;
}

let counter = 0;
/** A name no other test (or earlier run against a real registry) uses. */
export function unique(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}-${Math.random().toString(36).slice(2, 6)}`;
}

/** Skips a test that needs a fake-only feature when running against a real registry, saying why. */
export function fakeOnly(context: TestContext, target: Target, reason: string): void {
  if (target.fake) return;
  console.log(`skipped against the real registry: ${reason}`);
  context.skip();
}

/**
 * Registers the hooks of a behaviour test file and returns its target: the fake in-process
 * (`msw`) or on a real port (`server`), or the registry at MODEL_REGISTRY_E2E_URL.
 */
export function useTarget(mode: "msw" | "server", options: FakeRegistryOptions = {}): Target {
  const state: { target?: Target; stop?: () => Promise<void> } = {};
  beforeAll(async () => {
    if (E2E_URL) {
      state.target = makeTarget("real registry (E2E)", E2E_URL, undefined, E2E_TOKEN);
    } else if (mode === "msw") {
      const fake = setupFakeRegistry({ ...options, onResponse: checkResponse });
      fake.listen();
      state.stop = () => fake.close();
      state.target = makeTarget("fake (in-process MSW)", "http://registry.test", fake, undefined);
    } else {
      const server = await startFakeRegistryServer({ ...options, onResponse: checkResponse });
      state.stop = () => server.close();
      state.target = makeTarget("fake (HTTP server)", server.url, server.registry, undefined);
    }
    console.log(`behaviour tests target: ${state.target.kind} at ${state.target.baseUrl}`);
  });
  afterAll(async () => {
    await state.stop?.();
  });
  const current = (): Target => {
    if (!state.target) throw new Error("target used before beforeAll");
    return state.target;
  };
  return {
    get kind() {
      return current().kind;
    },
    get baseUrl() {
      return current().baseUrl;
    },
    get fake() {
      return current().fake;
    },
    get client() {
      return current().client;
    },
    request: (method, path, requestOptions) => current().request(method, path, requestOptions),
  };
}

function makeTarget(
  kind: Target["kind"],
  baseUrl: string,
  fake: FakeRegistry | undefined,
  token: string | undefined,
): Target {
  const client = createRegistryClient({
    baseUrl,
    retry: false,
    fetch: (input, init) => globalThis.fetch(input, init),
    ...(token ? { auth: token, allowInsecureAuth: true } : {}),
  });
  return {
    kind,
    baseUrl,
    fake,
    client,
    async request(method, path, options = {}) {
      const url = `${baseUrl}${options.absolute ? "" : REGISTRY_API_PREFIX}${path}`;
      const headers: Record<string, string> = { ...options.headers };
      if (token) headers["authorization"] ??= `Bearer ${token}`;
      let body: string | undefined = options.rawBody;
      if (options.body !== undefined) {
        body = JSON.stringify(options.body);
        headers["content-type"] = "application/json";
      }
      const response = await globalThis.fetch(url, {
        method,
        headers,
        ...(body !== undefined ? { body } : {}),
      });
      const text = await response.text();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      return {
        status: response.status,
        contentType: response.headers.get("content-type"),
        headers: response.headers,
        text,
        json,
      };
    },
  };
}
