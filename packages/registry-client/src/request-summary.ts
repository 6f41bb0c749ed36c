import type { RequestSummary } from "./errors.js";
import { scrubSecrets } from "./scrub-secrets.js";

const SENSITIVE_QUERY = /^(access_token|token|client_secret|password|api_key)$/i;

/**
 * Removes user info and credential-like query parameters from a URL before it is shown, and the
 * credentials a request carried (`secrets`, see {@link scrubSecrets}) wherever they appear in it.
 */
export function redactUrl(raw: string, secrets?: readonly string[]): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return scrubSecrets(raw, secrets);
  }
  url.username = "";
  url.password = "";
  for (const key of [...url.searchParams.keys()]) {
    if (SENSITIVE_QUERY.test(key)) url.searchParams.set(key, "[REDACTED]");
  }
  return scrubSecrets(url.toString(), secrets);
}

// Responses produced by the transport remember which request they answer, so that `unwrap()`
// can name the method and URL. Weak keys: nothing outlives the response. The URL is redacted
// when it is read, which is rare (errors), rather than for every response.
interface AnsweredRequest {
  readonly method: string;
  readonly rawUrl: string;
  /** Credentials the request carried, kept out of anything built from the response. */
  readonly secrets: readonly string[];
  /** Explanation of a 401/403 from this side (e.g. why no token was sent). */
  readonly hint: string | undefined;
}

const answered = new WeakMap<Response, AnsweredRequest>();

/** Records which request a transport response answers (and a hint about its failure). @internal */
export function rememberRequest(
  response: Response,
  method: string,
  rawUrl: string,
  secrets: readonly string[],
  hint?: string,
): void {
  answered.set(response, { method, rawUrl, secrets, hint });
}

/** The hint the transport recorded for a failed response, if any. @internal */
export function failureHintOf(response: Response): string | undefined {
  return answered.get(response)?.hint;
}

/** Method and redacted URL of the request a response answers, best effort. */
export function requestSummaryOf(response: Response): RequestSummary {
  const request = answered.get(response);
  return request === undefined
    ? { method: "UNKNOWN", url: redactUrl(response.url) }
    : { method: request.method, url: redactUrl(request.rawUrl, request.secrets) };
}

/** The credentials the request a response answers carried (empty when unknown). */
export function secretsOf(response: Response): readonly string[] | undefined {
  return answered.get(response)?.secrets;
}
