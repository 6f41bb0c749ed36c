import { isRegistryError, RegistryNetworkError, RegistryTimeoutError } from "../errors.js";
import { redactUrl } from "../request-summary.js";
import { BufferedResponse } from "./buffered-response.js";
import { classifyNetworkError } from "./classify-network-error.js";

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
  readonly token: string | undefined;
  readonly timeoutMs: number;
  /** The caller's signal, if any. */
  readonly signal: AbortSignal | undefined;
  readonly dispatcher: unknown;
  readonly maxRedirects: number;
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

async function follow(input: AttemptInput, signal: AbortSignal): Promise<AttemptResult> {
  let { method, url, body } = input;
  for (let hop = 0; ; hop++) {
    const [headers, tokenSent] = hopHeaders(input, url, body !== undefined);
    const init: RequestInit & { dispatcher?: unknown } = {
      method,
      headers,
      redirect: "manual",
      signal,
    };
    if (body !== undefined) init.body = body;
    if (input.dispatcher !== undefined) init.dispatcher = input.dispatcher;
    const response = await input.fetch(url, init);
    const location = REDIRECT_STATUSES.has(response.status)
      ? response.headers.get("location")
      : null;
    if (location !== null && hop < input.maxRedirects) {
      await response.body?.cancel();
      url = new URL(location, url).toString();
      const toGet = response.status === 303 || (response.status <= 302 && method === "POST");
      if (toGet) {
        method = "GET";
        body = undefined;
      }
      continue;
    }
    // Reading the body inside the attempt keeps it under the same timeout.
    const meta = {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    };
    const buffered = NULL_BODY_STATUSES.has(response.status)
      ? new Response(null, meta)
      : new BufferedResponse(new Uint8Array(await response.arrayBuffer()), meta);
    return { response: buffered, url, tokenSent };
  }
}

/**
 * One attempt: follows redirects by hand (so the token never crosses origins), bounded by
 * `timeoutMs` from the first byte sent to the last byte of the body.
 * Throws {@link RegistryTimeoutError}, {@link RegistryNetworkError}, or the caller's abort reason.
 */
export async function sendAttempt(input: AttemptInput): Promise<AttemptResult> {
  // One controller per attempt, aborted by the timer or by the caller's signal. (A listener is
  // much cheaper than AbortSignal.any() on Node 20.)
  const attempt = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    attempt.abort();
  }, input.timeoutMs);
  const caller = input.signal;
  const onCallerAbort = () => attempt.abort(caller?.reason);
  if (caller?.aborted) onCallerAbort();
  else caller?.addEventListener("abort", onCallerAbort, { once: true });
  try {
    return await follow(input, attempt.signal);
  } catch (error) {
    if (caller?.aborted) throw caller.reason;
    const summary = { method: input.method, url: redactUrl(input.url) };
    if (timedOut) throw new RegistryTimeoutError({ ...summary, timeoutMs: input.timeoutMs });
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
    caller?.removeEventListener("abort", onCallerAbort);
  }
}
