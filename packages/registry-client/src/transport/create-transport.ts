import type { OptionalTokenProvider } from "@model-registry/auth";
import {
  isRegistryNetworkError,
  isRegistryTimeoutError,
  RegistryError,
  type RegistryNetworkError,
  type RegistryTimeoutError,
} from "../errors.js";
import { redactUrl, rememberRequest } from "../request-summary.js";
import { type OutgoingRequest, readRequestBody } from "./lean-request.js";
import { RETRY_MODE_HEADER } from "./retry-mode.js";
import {
  backoffDelay,
  IDEMPOTENT_METHODS,
  parseRetryAfter,
  RETRYABLE_STATUSES,
  type ResolvedRetryOptions,
} from "./retry-policy.js";
import { type FetchLike, sendAttempt } from "./send-attempt.js";

/** Settings of the transport behind the openapi-fetch client. */
export interface TransportOptions {
  /** Resolved at each request, so a fetch patched later (MSW) is still used. */
  readonly resolveFetch: () => FetchLike;
  readonly apiOrigin: string;
  /** Origin and path before the API prefix, as configured (for messages). */
  readonly server: string;
  readonly auth: string | OptionalTokenProvider | undefined;
  readonly authFailureHint: AuthFailureHint | undefined;
  readonly timeoutMs: number;
  readonly bodyTimeoutMs: number;
  readonly maxResponseBytes: number;
  readonly retry: ResolvedRetryOptions;
  readonly userAgent: string;
  readonly dispatcher: () => Promise<unknown>;
  readonly now: () => number;
  readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  readonly random: () => number;
  readonly maxRedirects: number;
}

/** How many distinct credentials sent earlier are still scrubbed from errors. */
const RECENT_CREDENTIALS = 4;

/**
 * A request that ended with 401 or 403, as given to `authFailureHint`.
 * @public
 */
export interface AuthFailure {
  readonly status: 401 | 403;
  /** Whether the request carried the client's token. */
  readonly tokenSent: boolean;
  readonly method: string;
  /** The request URL, with credentials removed. */
  readonly url: string;
}

/**
 * Explains a 401 or 403 from this side (e.g. why no token was sent); the text goes into the
 * error's message and `hint`. It must never contain a token.
 * @public
 */
export type AuthFailureHint = (
  failure: AuthFailure,
) => string | undefined | Promise<string | undefined>;

/** The provider's token, or undefined when it has none to offer (`null`). */
async function readToken(
  auth: OptionalTokenProvider,
  forceRefresh: boolean,
): Promise<string | undefined> {
  let value: Awaited<ReturnType<OptionalTokenProvider>>;
  try {
    value = await auth(forceRefresh ? { forceRefresh: true } : undefined);
  } catch (error) {
    throw new RegistryError("could not obtain an access token", {
      code: "AUTH_ERROR",
      cause: error,
    });
  }
  if (value === null) return undefined;
  if (typeof value?.token !== "string" || value.token === "") {
    throw new RegistryError(
      "the token provider returned no token (a provider with nothing to send resolves to null)",
      { code: "AUTH_ERROR" },
    );
  }
  return value.token;
}

async function explainAuthFailure(
  hint: AuthFailureHint,
  failure: AuthFailure,
): Promise<string | undefined> {
  try {
    const text = await hint(failure);
    return typeof text === "string" && text !== "" ? text : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether a failed attempt may be repeated: idempotent requests after any network error or
 * timeout; other requests (POST) only when the request provably never reached the server.
 * TLS failures are never retried: they do not heal by themselves.
 */
function mayRetryFailure(error: unknown, idempotent: boolean): boolean {
  if (isRegistryTimeoutError(error)) return idempotent;
  if (!isRegistryNetworkError(error) || error.code === "TLS_ERROR") return false;
  return idempotent || !error.reachedServer;
}

/** Builds the `fetch` given to openapi-fetch: auth, user agent, timeouts, retries, redirects. */
export function createTransport(
  options: TransportOptions,
): (request: OutgoingRequest) => Promise<Response> {
  const { retry, auth } = options;
  // Loaded by the first request, then shared (a failure to load repeats for every request).
  let dispatcher: unknown;
  let dispatcherLoaded = false;
  // The last few credentials sent, newest first: a server may echo a token it was sent before a
  // provider rotated it, and errors must not show that one either.
  const recent: string[] = [];
  const remember = (credential: string) => {
    if (recent[0] === credential) return;
    const at = recent.indexOf(credential);
    if (at !== -1) recent.splice(at, 1);
    recent.unshift(credential);
    if (recent.length > RECENT_CREDENTIALS) recent.pop();
  };
  return async function transport(request: OutgoingRequest): Promise<Response> {
    const method = request.method;
    const headers: Record<string, string> = Object.create(null);
    let mode: string | undefined;
    request.headers.forEach((value, name) => {
      if (name === RETRY_MODE_HEADER) mode = value;
      else headers[name] = value;
    });
    headers["user-agent"] ??= options.userAgent;
    const body = request.body == null ? undefined : await readRequestBody(request);
    const idempotent = mode === "idempotent" || IDEMPOTENT_METHODS.has(method);
    const maxAttempts = mode === "never" ? 1 : retry.maxAttempts;
    const started = options.now();
    const fetch = options.resolveFetch();
    if (!dispatcherLoaded) {
      dispatcher = await options.dispatcher();
      dispatcherLoaded = true;
    }
    const signal = request.signal ?? undefined;

    const nextDelay = (attempt: number, retryAfterMs: number | undefined): number | undefined => {
      if (attempt >= maxAttempts) return undefined;
      const delay = retryAfterMs ?? backoffDelay(attempt, retry, options.random);
      return options.now() - started + delay > retry.maxElapsedMs ? undefined : delay;
    };
    // Sleeping always gets a signal, even when the caller gave none.
    const sleep = (delay: number) => options.sleep(delay, signal ?? new AbortController().signal);

    let token = typeof auth === "function" ? await readToken(auth, false) : auth;
    // Every credential this request sends (a provider may hand out a new token on a 401) and the
    // ones sent recently, so that none comes back in an error built from the server's answer.
    if (headers["authorization"] !== undefined) remember(headers["authorization"]);
    if (token !== undefined) remember(`Bearer ${token}`);
    const secrets = recent.slice();
    let attempt = 0;
    let refreshed = false;
    for (;;) {
      attempt++;
      let result: Awaited<ReturnType<typeof sendAttempt>>;
      try {
        result = await sendAttempt({
          fetch,
          method,
          url: request.url,
          headers,
          body,
          apiOrigin: options.apiOrigin,
          server: options.server,
          token,
          timeoutMs: options.timeoutMs,
          bodyTimeoutMs: options.bodyTimeoutMs,
          maxResponseBytes: options.maxResponseBytes,
          signal,
          dispatcher,
          maxRedirects: options.maxRedirects,
          secrets,
        });
      } catch (error) {
        const delay = mayRetryFailure(error, idempotent)
          ? nextDelay(attempt, undefined)
          : undefined;
        if (delay === undefined) {
          if (isRegistryNetworkError(error) || isRegistryTimeoutError(error)) {
            (error as RegistryNetworkError | RegistryTimeoutError).attempts = attempt;
          }
          throw error;
        }
        await sleep(delay);
        continue;
      }
      const { response } = result;
      if (
        response.status === 401 &&
        !refreshed &&
        typeof auth === "function" &&
        (result.tokenSent || (token === undefined && headers["authorization"] === undefined))
      ) {
        // The token may have been rotated or revoked (or one may have appeared since the provider
        // last had none): ask once for a fresh one and repeat once. This extra attempt does not
        // count against maxAttempts.
        refreshed = true;
        const fresh = await readToken(auth, true);
        if (result.tokenSent || fresh !== undefined) {
          token = fresh;
          if (token !== undefined) {
            remember(`Bearer ${token}`);
            secrets.unshift(`Bearer ${token}`);
          }
          attempt--;
          continue;
        }
      }
      if (idempotent && RETRYABLE_STATUSES.has(response.status)) {
        const retryAfter = parseRetryAfter(response.headers.get("retry-after"), Date.now());
        const delay = nextDelay(attempt, retryAfter);
        if (delay !== undefined) {
          await sleep(delay);
          continue;
        }
      }
      let hint: string | undefined;
      if ((response.status === 401 || response.status === 403) && options.authFailureHint) {
        hint = await explainAuthFailure(options.authFailureHint, {
          status: response.status,
          tokenSent: result.tokenSent,
          method,
          url: redactUrl(result.url),
        });
      }
      rememberRequest(response, method, result.url, secrets, hint);
      return response;
    }
  };
}
