import { isRegistryError, RegistryNetworkError, RegistryTimeoutError } from "../errors.js";
import { redactUrl } from "../request-summary.js";
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
  readonly signal: AbortSignal;
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

function hopHeaders(
  input: AttemptInput,
  url: string,
  hasBody: boolean,
): [Record<string, string>, boolean] {
  const headers = { ...input.headers };
  if (!hasBody) delete headers["content-type"];
  if (new URL(url).origin !== input.apiOrigin) {
    // A redirect to another origin never carries credentials, ours or the caller's.
    delete headers["authorization"];
    return [headers, false];
  }
  if (input.token === undefined || headers["authorization"] !== undefined) return [headers, false];
  headers["authorization"] = `Bearer ${input.token}`;
  return [headers, true];
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
    const location = response.headers.get("location");
    if (REDIRECT_STATUSES.has(response.status) && location !== null && hop < input.maxRedirects) {
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
    const content = NULL_BODY_STATUSES.has(response.status) ? null : await response.arrayBuffer();
    const buffered = new Response(content, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
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
  const onCallerAbort = () => attempt.abort(input.signal.reason);
  if (input.signal.aborted) onCallerAbort();
  else input.signal.addEventListener("abort", onCallerAbort, { once: true });
  try {
    return await follow(input, attempt.signal);
  } catch (error) {
    if (input.signal.aborted) throw input.signal.reason;
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
    input.signal.removeEventListener("abort", onCallerAbort);
  }
}
