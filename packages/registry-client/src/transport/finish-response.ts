import { RegistryResponseError } from "../errors.js";
import { redactUrl } from "../request-summary.js";
import { scrubSecrets, secretForms } from "../scrub-secrets.js";
import { BufferedResponse } from "./buffered-response.js";

const utf8 = new TextDecoder();
const utf8Encoder = new TextEncoder();

/** Characters of the body quoted in an error about it. */
const SNIPPET_CHARS = 120;
/** Bytes of the body decoded to find that quote (and any credential overlapping it). */
const SNIPPET_WINDOW_BYTES = 64 * 1024;

/** What {@link finishResponse} needs besides the response. */
export interface FinishInput {
  /** Method and URL of the request that got the response (the final hop). */
  readonly method: string;
  readonly url: string;
  /** Credentials sent on this request, in every form they may come back in. */
  readonly secrets: readonly string[];
}

/**
 * The first characters of a body, for an error message, without any credential: the cut is moved
 * past any credential that starts before it, then credentials are replaced.
 */
export function bodySnippet(bytes: Uint8Array, credentials: readonly string[]): string {
  const secrets = secretForms(credentials);
  const text = utf8.decode(bytes.subarray(0, SNIPPET_WINDOW_BYTES));
  let end = Math.min(text.length, SNIPPET_CHARS);
  for (let grown = true; grown; ) {
    grown = false;
    for (const secret of secrets) {
      for (
        let at = text.indexOf(secret);
        at !== -1 && at < end;
        at = text.indexOf(secret, at + 1)
      ) {
        if (at + secret.length > end) {
          end = at + secret.length;
          grown = true;
        }
      }
    }
  }
  const quoted = JSON.stringify(scrubSecrets(text.slice(0, end), credentials));
  return end < bytes.byteLength ? `${quoted.slice(0, -1)}…"` : quoted;
}

function invalid(
  input: FinishInput,
  status: number,
  contentType: string | null,
  problem: string,
): RegistryResponseError {
  return new RegistryResponseError({
    method: input.method,
    url: redactUrl(input.url, input.secrets),
    code: "INVALID_RESPONSE",
    status,
    problem,
    contentType: contentType ?? undefined,
  });
}

/**
 * Turns a response whose body has been read into the one openapi-fetch gets.
 * - A success status (other than 204/205, or a HEAD) must carry a JSON body: an empty body or,
 *   when openapi-fetch parses it, invalid JSON throw {@link RegistryResponseError}
 *   (`INVALID_RESPONSE`). (A non-JSON content type never gets here: such an answer is not the
 *   registry's, see `isForeignResponse`.)
 * - The body and status text of an error status are scrubbed of the request's credentials,
 *   so a server echoing the `Authorization` header cannot put the token into errors.
 *
 * `bytes` is undefined for a status that has no body (204, 205, 304), which is not read.
 */
export function finishResponse(
  input: FinishInput,
  response: Response,
  bytes: Uint8Array<ArrayBuffer> | undefined,
): Response {
  const { status } = response;
  let { headers, statusText } = response;
  if (bytes === undefined) {
    return new Response(null, { status, statusText, headers });
  }
  const contentType = headers.get("content-type");
  if (response.ok && input.method !== "HEAD") {
    if (bytes.byteLength === 0) {
      throw invalid(input, status, contentType, "the body is empty where JSON was expected");
    }
    if (!headers.has("content-length")) {
      // openapi-fetch parses a body without a declared length itself (a bare SyntaxError on
      // invalid JSON); with the length it calls `json()`, which throws the typed error.
      headers = new Headers(headers);
      headers.set("content-length", String(bytes.byteLength));
    }
    const invalidJson = (body: Uint8Array | undefined) =>
      invalid(
        input,
        status,
        contentType,
        body === undefined
          ? "the body is not valid JSON"
          : `the body is not valid JSON: ${bodySnippet(body, input.secrets)}`,
      );
    return new BufferedResponse(bytes, { status, statusText, headers }, invalidJson);
  }
  let body = bytes;
  if (input.secrets.length > 0 && !response.ok) {
    statusText = scrubSecrets(statusText, input.secrets);
    const text = utf8.decode(bytes);
    const scrubbed = scrubSecrets(text, input.secrets);
    if (scrubbed !== text) {
      body = utf8Encoder.encode(scrubbed) as Uint8Array<ArrayBuffer>;
      if (headers.has("content-length")) {
        headers = new Headers(headers);
        headers.set("content-length", String(body.byteLength));
      }
    }
  }
  return new BufferedResponse(body, { status, statusText, headers });
}
