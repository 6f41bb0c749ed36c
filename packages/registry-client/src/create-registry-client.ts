import type { OptionalTokenProvider, TokenProvider } from "@model-registry/auth";
import type { Client, Middleware } from "openapi-fetch";
import * as openapiFetch from "openapi-fetch";
import {
  ALLOW_INSECURE_AUTH_ENV,
  DEFAULT_BODY_TIMEOUT_MS,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_TIMEOUT_MS,
} from "./constants.js";
import { createPathSerializer } from "./create-path-serializer.js";
import { RegistryError } from "./errors.js";
import type { paths } from "./generated/schema.js";
import { resolveBaseUrl } from "./resolve-base-url.js";
import { createDispatcherLoader, type TlsOptions } from "./tls-dispatcher.js";
import { type AuthFailureHint, createTransport } from "./transport/create-transport.js";
import { LeanRequestConstructor } from "./transport/lean-request.js";
import { type RetryOptions, resolveRetryOptions } from "./transport/retry-policy.js";
import type { FetchLike } from "./transport/send-attempt.js";

/**
 * Options of {@link createRegistryClient}.
 * @public
 */
export interface RegistryClientOptions {
  /**
   * Where the registry is: `https://host:port` or `http://host:port` (with or without
   * `/api/model_registry/v1alpha3`, optionally behind a gateway path), or a tracking URI
   * `modelregistry://host:port` (https iff env `MODEL_REGISTRY_SECURE=true`),
   * `modelregistry+https://host:port`, `modelregistry+http://host:port`.
   */
  readonly baseUrl: string;
  /**
   * A bearer token, or a provider of tokens (e.g. `defaultTokenProvider()` from
   * `@model-registry/auth`). A provider may resolve to `null` to send no `Authorization` header
   * (see `optional()` in `@model-registry/auth`).
   */
  readonly auth?: string | TokenProvider | OptionalTokenProvider | undefined;
  /**
   * Send the token over plain http. Without it, `auth` with an http `baseUrl` throws.
   * @default env MODEL_REGISTRY_ALLOW_INSECURE_AUTH === "true", else false
   */
  readonly allowInsecureAuth?: boolean | undefined;
  /**
   * Explains a final 401 or 403 from this side, e.g. that a token was found but not sent over
   * plain http; the text is added to the `RegistryHttpError` (`hint` and message). Never put a
   * token in it.
   */
  readonly authFailureHint?: AuthFailureHint | undefined;
  /** The fetch to use. @default globalThis.fetch, looked up at each request (so MSW installed later intercepts) */
  readonly fetch?: typeof globalThis.fetch | undefined;
  /** Per-attempt timeout covering response headers and body. @default 30000 */
  readonly timeoutMs?: number | undefined;
  /**
   * Time allowed for reading a response body, from its headers to its last byte (within
   * `timeoutMs`). Exceeding it is a `RegistryTimeoutError` with `phase: "body"`. @default 10000
   */
  readonly bodyTimeoutMs?: number | undefined;
  /**
   * Largest response body read, in bytes, at most 512 MiB. A larger body (declared or streamed)
   * is cut off as soon as it crosses the limit: `RegistryResponseError` with code
   * `RESPONSE_TOO_LARGE`. @default 33554432 (32 MiB)
   */
  readonly maxResponseBytes?: number | undefined;
  /** Retry settings, or false for a single attempt. @default { maxAttempts: 4, baseDelayMs: 200, maxDelayMs: 5000, maxElapsedMs: 60000 } */
  readonly retry?: false | RetryOptions | undefined;
  /** Product token put before the client's own in the `User-Agent` header, e.g. `"my-app/1.2"`. */
  readonly userAgent?: string | undefined;
  /** Custom CA and verification settings for https. */
  readonly tls?: TlsOptions | undefined;
  /** openapi-fetch middleware, run in order before the transport (auth, retries) on each call. */
  readonly middleware?: readonly Middleware[] | undefined;
  /** Environment to read (`MODEL_REGISTRY_SECURE`, `MODELREGISTRY_CA_CERT_PATH`, ...). @default process.env */
  readonly env?: Record<string, string | undefined> | undefined;
  /** Redirects followed per attempt; the token is dropped on a hop to another origin. @default 5 */
  readonly maxRedirects?: number | undefined;
  /** Clock for the retry time budget. @default Date.now */
  readonly now?: (() => number) | undefined;
  /** Waits between retries; must reject when `signal` aborts. @default a setTimeout-based sleep */
  readonly sleep?: ((ms: number, signal: AbortSignal) => Promise<void>) | undefined;
  /** Source of jitter in [0, 1). @default Math.random */
  readonly random?: (() => number) | undefined;
}

/**
 * The openapi-fetch client typed by the generated `paths` (full paths, e.g.
 * `client.GET("/api/model_registry/v1alpha3/experiments/{experimentId}", ...)`).
 * @public
 */
export type RegistryClient = Client<paths> & {
  /** `origin + gateway path + /api/model_registry/v1alpha3`. */
  readonly baseUrl: string;
};

const CLIENT_PRODUCT = "model-registry-ts/registry-client";

/** Bodies beyond this cannot become one string (V8's string length limit is about 2^29). */
const MAX_RESPONSE_BYTES_LIMIT = 512 * 1024 * 1024;

// openapi-fetch's CommonJS build sets `exports.default`; when this package is loaded through its
// own CommonJS build the namespace's `default` is that whole exports object, so unwrap once more.
type CreateClient = typeof openapiFetch.default;
const createClient: CreateClient =
  typeof openapiFetch.default === "function"
    ? openapiFetch.default
    : (openapiFetch.default as unknown as { default: CreateClient }).default;

function defaultSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

const METHODS = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"] as const;

type CallInit = {
  readonly middleware?: unknown;
  readonly fetch?: unknown;
  readonly Request?: unknown;
};
type Call = (...args: unknown[]) => unknown;

/**
 * The client builds requests with {@link LeanRequestConstructor}, whose requests only the
 * transport can read. Wherever something else would see the request (middleware, registered
 * now or later, or a call's own `middleware` or `fetch`), the call gets real Requests instead.
 */
function keepRequestsRealWhereSeen(client: Client<paths>, middleware: boolean): void {
  let middlewareSeen = middleware;
  const withRequest = (init: CallInit | undefined): CallInit | undefined =>
    middlewareSeen || init?.middleware !== undefined || init?.fetch !== undefined
      ? { ...init, Request: init?.Request ?? Request }
      : init;
  const methods = client as unknown as Record<string, Call>;
  for (const method of METHODS) {
    const call = methods[method] as Call;
    methods[method] = (path, init) => call(path, withRequest(init as CallInit | undefined));
  }
  const request = methods["request"] as Call;
  methods["request"] = (method, path, init) =>
    request(method, path, withRequest(init as CallInit | undefined));
  const use = client.use;
  client.use = (...added) => {
    middlewareSeen = true;
    use(...added);
  };
}

function defaultUserAgent(product: string | undefined): string {
  const own = `${CLIENT_PRODUCT} node/${process.versions.node}`;
  return product ? `${product} ${own}` : own;
}

/**
 * Creates a typed Model Registry client. HTTP errors are returned as `{ error, response }`
 * (use {@link unwrap} to throw); network failures and timeouts throw.
 * @public
 */
export function createRegistryClient(options: RegistryClientOptions): RegistryClient {
  const env = options.env ?? process.env;
  const base = resolveBaseUrl(options.baseUrl, env);
  const allowInsecureAuth =
    options.allowInsecureAuth ?? env[ALLOW_INSECURE_AUTH_ENV]?.trim().toLowerCase() === "true";
  if (options.auth !== undefined && !base.secure && !allowInsecureAuth) {
    throw new RegistryError(
      `refusing to send a token over plain http to ${base.origin}; use https, or allow it with ` +
        `allowInsecureAuth: true (or ${ALLOW_INSECURE_AUTH_ENV}=true for the whole process)`,
      { code: "INSECURE_AUTH" },
    );
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!(timeoutMs > 0)) {
    throw new RegistryError("timeoutMs must be > 0", { code: "INVALID_OPTIONS" });
  }
  const bodyTimeoutMs = options.bodyTimeoutMs ?? DEFAULT_BODY_TIMEOUT_MS;
  if (!(bodyTimeoutMs > 0)) {
    throw new RegistryError("bodyTimeoutMs must be > 0", { code: "INVALID_OPTIONS" });
  }
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  if (
    !Number.isSafeInteger(maxResponseBytes) ||
    maxResponseBytes < 1 ||
    maxResponseBytes > MAX_RESPONSE_BYTES_LIMIT
  ) {
    throw new RegistryError(
      `maxResponseBytes must be an integer from 1 to ${MAX_RESPONSE_BYTES_LIMIT}, got ${maxResponseBytes}`,
      { code: "INVALID_OPTIONS" },
    );
  }
  const transport = createTransport({
    resolveFetch: () => (options.fetch ?? globalThis.fetch) as FetchLike,
    apiOrigin: base.origin,
    server: `${base.origin}${base.basePath}`,
    auth: options.auth,
    authFailureHint: options.authFailureHint,
    timeoutMs,
    bodyTimeoutMs,
    maxResponseBytes,
    retry: resolveRetryOptions(options.retry),
    userAgent: defaultUserAgent(options.userAgent),
    dispatcher: createDispatcherLoader(base.secure, options.tls ?? {}, env),
    now: options.now ?? Date.now,
    sleep: options.sleep ?? defaultSleep,
    random: options.random ?? Math.random,
    maxRedirects: options.maxRedirects ?? 5,
  });
  const client = createClient<paths>({
    baseUrl: `${base.origin}${base.basePath}`,
    fetch: transport as (request: Request) => Promise<Response>,
    Request: LeanRequestConstructor,
    pathSerializer: createPathSerializer(),
  });
  keepRequestsRealWhereSeen(client, Boolean(options.middleware?.length));
  if (options.middleware?.length) client.use(...options.middleware);
  return Object.assign(client, { baseUrl: base.apiBaseUrl });
}
