/**
 * What openapi-fetch hands the transport when no middleware can see the request: the parts of a
 * `Request` the transport reads, without the cost of a `Request` (a parsed copy of the headers,
 * an `AbortSignal` and a body stream each time).
 */
export class LeanRequest {
  constructor(
    readonly method: string,
    /** Absolute and normalised, as `Request.url`. */
    readonly url: string,
    readonly headers: Headers,
    /** The serialised body; only strings (JSON, form-encoded) take this path. */
    readonly body: string | undefined,
    /** The caller's signal, if one was given. */
    readonly signal: AbortSignal | undefined,
  ) {}
}

/** A `Request`, or a {@link LeanRequest} standing in for one. */
export type OutgoingRequest = Request | LeanRequest;

// Methods a Request keeps exactly as given; anything else (lower case, TRACE, invalid tokens)
// is left to the Request constructor, which normalises or rejects it.
const PLAIN_METHODS: ReadonlySet<string> = new Set([
  "GET",
  "HEAD",
  "POST",
  "PUT",
  "DELETE",
  "OPTIONS",
  "PATCH",
]);
const REDIRECT_MODES: ReadonlySet<unknown> = new Set(["follow", "error", "manual"]);
const LEAN_INIT_KEYS: ReadonlySet<string> = new Set([
  "method",
  "headers",
  "body",
  "signal",
  "redirect",
]);

function leanRequest(input: unknown, init: RequestInit | undefined): LeanRequest | undefined {
  if (typeof input !== "string" || init === undefined) return undefined;
  for (const key in init) if (!LEAN_INIT_KEYS.has(key)) return undefined;
  const { method = "GET", headers, body, signal, redirect } = init;
  if (!PLAIN_METHODS.has(method) || !(headers instanceof Headers)) return undefined;
  if (redirect !== undefined && !REDIRECT_MODES.has(redirect)) return undefined;
  if (signal !== undefined && signal !== null && !(signal instanceof AbortSignal)) return undefined;
  const hasBody = body !== undefined && body !== null;
  if (hasBody && (typeof body !== "string" || method === "GET" || method === "HEAD")) {
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return undefined;
  }
  if (url.username !== "" || url.password !== "") return undefined;
  // As the Request constructor does for a string body without a declared type.
  if (hasBody && !headers.has("content-type")) {
    headers.set("content-type", "text/plain;charset=UTF-8");
  }
  return new LeanRequest(
    method,
    url.href,
    headers,
    hasBody ? body : undefined,
    signal ?? undefined,
  );
}

/**
 * The `Request` constructor given to openapi-fetch: a {@link LeanRequest} for the common case,
 * a real `Request` for everything else (so errors for invalid input are the Request's own).
 * Only for requests that go straight to the transport: middleware must see real Requests.
 */
export const LeanRequestConstructor = function LeanRequestConstructor(
  input: unknown,
  init?: RequestInit,
): OutgoingRequest {
  return leanRequest(input, init) ?? new Request(input as RequestInfo, init);
} as unknown as typeof Request;

const utf8 = new TextEncoder();

/** The body of an outgoing request as bytes; undefined when it has none. */
export async function readRequestBody(request: OutgoingRequest): Promise<ArrayBuffer | undefined> {
  if (!(request instanceof LeanRequest)) {
    return request.body === null ? undefined : request.arrayBuffer();
  }
  if (request.body === undefined) return undefined;
  const bytes = utf8.encode(request.body);
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
    ? bytes.buffer
    : bytes.slice().buffer;
}
