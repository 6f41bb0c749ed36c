import {
  isRegistryError,
  NotAModelRegistryError,
  RegistryNetworkError,
  RegistryResponseError,
  RegistryTimeoutError,
} from "../errors.js";
import { redactUrl } from "../request-summary.js";
import { classifyNetworkError } from "./classify-network-error.js";
import { finishResponse } from "./finish-response.js";
import { isForeignResponse } from "./foreign-response.js";
import { BodyTooLarge, readCappedBody } from "./read-capped-body.js";

/** A fetch-compatible function; `dispatcher` is passed through to undici-based fetches. */
export type FetchLike = (
  input: string,
  init: RequestInit & { dispatcher?: unknown },
) => Promise<Response>;

/** Everything one attempt needs. */
export interface AttemptInput {
  readonly fetch: FetchLike;
  readonly method: string;
  readonly url: string;
  /** Request headers without the token, names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: ArrayBuffer | undefined;
  /** Origin the token belongs to; it is never sent anywhere else. */
  readonly apiOrigin: string;
  /** Origin and path before the API prefix, as configured (for messages). */
  readonly server: string;
  readonly token: string | undefined;
  readonly timeoutMs: number;
  /** Time allowed for reading the final response's body, from its headers on. */
  readonly bodyTimeoutMs: number;
  /** Largest response body read; a larger one fails with `RESPONSE_TOO_LARGE`. */
  readonly maxResponseBytes: number;
  /** The caller's signal, if any. */
  readonly signal: AbortSignal | undefined;
  readonly dispatcher: unknown;
  readonly maxRedirects: number;
  /** Credentials sent on this request (in every form they may come back in), kept out of errors. */
  readonly secrets: readonly string[];
}

/** The buffered final response of an attempt. */
export interface AttemptResult {
  readonly response: Response;
  readonly url: string;
  /** Whether the client's token was on the request that produced `response`. */
  readonly tokenSent: boolean;
}

const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);
const NULL_BODY_STATUSES: ReadonlySet<number> = new Set([204, 205, 304]);

/** Where an attempt failed, for the error: its request and the final hop's URL. */
interface AttemptState {
  method: string;
  url: string;
  status: number;
  contentType: string | null;
}

/** Whether `url` (absolute, normalised) is on `origin`, without parsing it in the common case. */
function isOnOrigin(url: string, origin: string): boolean {
  if (url.startsWith(origin) && url.charCodeAt(origin.length) === 47 /* "/" */) return true;
  return new URL(url).origin === origin;
}

/** The headers of one hop, and whether they carry the client's token. */
function hopHeaders(
  input: AttemptInput,
  url: string,
  hasBody: boolean,
): [Readonly<Record<string, string>>, boolean] {
  const { headers, token } = input;
  const onOrigin = isOnOrigin(url, input.apiOrigin);
  const dropType = !hasBody && headers["content-type"] !== undefined;
  // A redirect to another origin never carries credentials, ours or the caller's.
  const dropAuth = !onOrigin && headers["authorization"] !== undefined;
  const addToken = onOrigin && token !== undefined && headers["authorization"] === undefined;
  if (!dropType && !dropAuth && !addToken) return [headers, false];
  const copy: Record<string, string> = { ...headers };
  if (dropType) delete copy["content-type"];
  if (dropAuth) delete copy["authorization"];
  if (addToken) copy["authorization"] = `Bearer ${token}`;
  return [copy, addToken];
}

async function follow(
  input: AttemptInput,
  signal: AbortSignal,
  state: AttemptState,
  startBodyClock: () => void,
): Promise<AttemptResult> {
  let { method, url, body } = input;
  for (let hop = 0; ; hop++) {
    state.method = method;
    state.url = url;
    const [headers, tokenSent] = hopHeaders(input, url, body !== undefined);
    const init: RequestInit & { dispatcher?: unknown } = {
      method,
      headers,
      redirect: "manual",
      signal,
    };
    if (body !== undefined) init.body = body;
    if (input.dispatcher !== undefined) init.dispatcher = input.dispatcher;
    // Called on its own, not as a method of `input`: a browser's fetch throws "Illegal
    // invocation" when `this` is anything but the global object (or undefined).
    const fetch = input.fetch;
    const response = await fetch(url, init);
    if (response.type === "opaqueredirect") {
      // Browsers answer `redirect: "manual"` with a redirect whose target they hide from scripts,
      // so it cannot be followed by hand (with the token kept on the registry's origin).
      throw new RegistryResponseError({
        method,
        url: redactUrl(url, input.secrets),
        code: "INVALID_RESPONSE",
        status: 0,
        problem:
          "the server answered with a redirect, which the browser does not let the client follow " +
          "(its target is hidden from scripts); use the URL the registry answers on as the base URL",
      });
    }
    const location = REDIRECT_STATUSES.has(response.status)
      ? response.headers.get("location")
      : null;
    if (location !== null && hop < input.maxRedirects) {
      response.body?.cancel().catch(() => undefined);
      url = new URL(location, url).toString();
      const toGet = response.status === 303 || (response.status <= 302 && method === "POST");
      if (toGet) {
        method = "GET";
        body = undefined;
      }
      continue;
    }
    // Reading the body inside the attempt keeps it under the same timeout, and under the
    // body's own deadline.
    state.status = response.status;
    state.contentType = response.headers.get("content-type");
    if (isForeignResponse(response)) {
      // Not the registry's answer (an HTML page, a router's plain-text 404): nothing in its body
      // is worth reading.
      response.body?.cancel().catch(() => undefined);
      throw new NotAModelRegistryError({
        server: input.server,
        method,
        url: redactUrl(url, input.secrets),
        status: response.status,
        contentType: state.contentType ?? undefined,
      });
    }
    let bytes: Uint8Array<ArrayBuffer> | undefined;
    if (!NULL_BODY_STATUSES.has(response.status)) {
      startBodyClock();
      bytes = await readCappedBody(response, input.maxResponseBytes, signal);
    }
    const finished = finishResponse({ method, url, secrets: input.secrets }, response, bytes);
    return { response: finished, url, tokenSent };
  }
}

/**
 * One attempt: follows redirects by hand (so the token never crosses origins), bounded by
 * `timeoutMs` from the first byte sent to the last byte of the body, by `bodyTimeoutMs` for
 * reading the body and by `maxResponseBytes` for its size.
 * Throws {@link RegistryTimeoutError}, {@link RegistryNetworkError},
 * {@link RegistryResponseError}, or the caller's abort reason.
 */
export async function sendAttempt(input: AttemptInput): Promise<AttemptResult> {
  // One controller per attempt, aborted by the timers or by the caller's signal. (A listener is
  // much cheaper than AbortSignal.any() on Node 20.)
  const attempt = new AbortController();
  let expired: "attempt" | "body" | undefined;
  const timer = setTimeout(() => {
    expired ??= "attempt";
    attempt.abort();
  }, input.timeoutMs);
  let bodyTimer: ReturnType<typeof setTimeout> | undefined;
  const startBodyClock = () => {
    if (input.bodyTimeoutMs >= input.timeoutMs) return;
    bodyTimer = setTimeout(() => {
      expired ??= "body";
      attempt.abort();
    }, input.bodyTimeoutMs);
  };
  const caller = input.signal;
  const onCallerAbort = () => attempt.abort(caller?.reason);
  if (caller?.aborted) onCallerAbort();
  else caller?.addEventListener("abort", onCallerAbort, { once: true });
  const state: AttemptState = {
    method: input.method,
    url: input.url,
    status: 0,
    contentType: null,
  };
  try {
    return await follow(input, attempt.signal, state, startBodyClock);
  } catch (error) {
    if (caller?.aborted) throw caller.reason;
    // Whatever went wrong, nothing more is read from this response.
    attempt.abort();
    const summary = {
      method: input.method,
      url: redactUrl(input.url, input.secrets),
    };
    if (expired !== undefined) {
      const timeoutMs = expired === "body" ? input.bodyTimeoutMs : input.timeoutMs;
      throw new RegistryTimeoutError({ ...summary, timeoutMs, phase: expired });
    }
    if (error instanceof BodyTooLarge) {
      throw new RegistryResponseError({
        method: state.method,
        url: redactUrl(state.url, input.secrets),
        code: "RESPONSE_TOO_LARGE",
        status: state.status,
        problem: `the body is larger than maxResponseBytes (${error.limitBytes} bytes)`,
        contentType: state.contentType ?? undefined,
        limitBytes: error.limitBytes,
      });
    }
    if (isRegistryError(error)) throw error;
    const failure = classifyNetworkError(error);
    throw new RegistryNetworkError({
      ...summary,
      reachedServer: failure.reachedServer,
      ...(failure.causeCode === undefined ? {} : { causeCode: failure.causeCode }),
      code: failure.tls ? "TLS_ERROR" : "NETWORK_ERROR",
      cause: error,
    });
  } finally {
    clearTimeout(timer);
    if (bodyTimer !== undefined) clearTimeout(bodyTimer);
    caller?.removeEventListener("abort", onCallerAbort);
  }
}
