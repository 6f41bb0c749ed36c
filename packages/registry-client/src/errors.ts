/**
 * Machine-readable kinds of {@link RegistryError}. Open union: new codes may be added.
 * @public
 */
export type RegistryErrorCode =
  | "HTTP_ERROR"
  | "NETWORK_ERROR"
  | "TLS_ERROR"
  | "TIMEOUT"
  | "AUTH_ERROR"
  | "INSECURE_AUTH"
  | "INVALID_OPTIONS"
  | "INVALID_CUSTOM_PROPERTY"
  | "PAGINATION_ERROR"
  | "NOT_FOUND"
  | "ALREADY_EXISTS"
  | "INVALID_ARGUMENT"
  | "RESPONSE_TOO_LARGE"
  | "INVALID_RESPONSE"
  | "NOT_A_MODEL_REGISTRY"
  | (string & {});

const BRAND = Symbol.for("@model-registry/registry-client.RegistryError");

/** Prefix of every message this package writes. */
export const MESSAGE_PREFIX = "[@model-registry/registry-client]";

/**
 * Options shared by every {@link RegistryError} constructor.
 * @public
 */
export interface RegistryErrorOptions {
  readonly code: RegistryErrorCode;
  readonly cause?: unknown;
}

/**
 * Base class of every error thrown by this package. Never carries credentials.
 * @public
 */
export class RegistryError extends Error {
  override readonly name: string = "RegistryError";
  readonly code: RegistryErrorCode;
  readonly [BRAND] = true;

  constructor(message: string, options: RegistryErrorOptions) {
    super(
      message.startsWith(MESSAGE_PREFIX) ? message : `${MESSAGE_PREFIX} ${message}`,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.code = options.code;
  }

  /** A JSON-safe summary (no headers, no tokens, no cause). */
  toJSON(): Record<string, unknown> {
    return { name: this.name, code: this.code, message: this.message };
  }
}

/**
 * The request a failure belongs to: method and URL, with credentials removed from the URL.
 * @public
 */
export interface RequestSummary {
  readonly method: string;
  readonly url: string;
}

/**
 * Options of {@link RegistryHttpError}.
 * @public
 */
export interface RegistryHttpErrorOptions extends RequestSummary {
  readonly status: number;
  /** The `code` of the registry's JSON error body (e.g. `"Not Found"`), when it sent one. */
  readonly serverCode?: string;
  /** The registry's `message`, or its plain-text body, or the HTTP status text. */
  readonly serverMessage: string;
  /** The parsed error body as received (JSON value or text). */
  readonly body?: unknown;
  /** More about the failure from this side, e.g. why no token was sent (see `authFailureHint`). */
  readonly hint?: string;
  /** For a 429 or 503: the wait the registry asked for in its `Retry-After` header, in ms. */
  readonly retryAfterMs?: number;
}

/**
 * The registry answered with a non-2xx status.
 * @public
 */
export class RegistryHttpError extends RegistryError {
  override readonly name = "RegistryHttpError";
  readonly status: number;
  readonly serverCode?: string;
  readonly serverMessage: string;
  readonly method: string;
  readonly url: string;
  readonly body?: unknown;
  /** More about the failure from this side, e.g. why no token was sent. */
  readonly hint?: string;
  /**
   * For a 429 or 503 with a valid `Retry-After` header (delta-seconds or an HTTP date): how long
   * the registry asked callers to wait before sending again, in ms (0 for a date already past).
   * Absent for other statuses and when the header is missing or invalid.
   */
  readonly retryAfterMs?: number;

  constructor(options: RegistryHttpErrorOptions) {
    const server = options.serverCode ? `${options.serverCode}: ` : "";
    const hint = options.hint ? `. ${options.hint}` : "";
    super(
      `${options.method} ${options.url} failed with HTTP ${options.status} (${server}${options.serverMessage})${hint}`,
      { code: "HTTP_ERROR" },
    );
    this.status = options.status;
    if (options.serverCode !== undefined) this.serverCode = options.serverCode;
    this.serverMessage = options.serverMessage;
    this.method = options.method;
    this.url = options.url;
    if (options.body !== undefined) this.body = options.body;
    if (options.hint !== undefined) this.hint = options.hint;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      status: this.status,
      serverCode: this.serverCode,
      serverMessage: this.serverMessage,
      method: this.method,
      url: this.url,
      ...(this.hint === undefined ? {} : { hint: this.hint }),
      ...(this.retryAfterMs === undefined ? {} : { retryAfterMs: this.retryAfterMs }),
    };
  }
}

/** The request an error belongs to and how many attempts were made (one unless said otherwise). */
function attemptedRequest(source: RequestSummary & { readonly attempts?: number | undefined }): {
  method: string;
  url: string;
  attempts: number;
} {
  return { method: source.method, url: source.url, attempts: source.attempts ?? 1 };
}

/**
 * Options of {@link RegistryNetworkError}.
 * @public
 */
export interface RegistryNetworkErrorOptions extends RequestSummary {
  /** False only when the request provably never reached the server (refused, DNS, unreachable). */
  readonly reachedServer: boolean;
  /** The system error code found in the cause chain, e.g. `ECONNREFUSED`. */
  readonly causeCode?: string;
  /** How many attempts were made. */
  readonly attempts?: number;
  readonly code?: "NETWORK_ERROR" | "TLS_ERROR";
  readonly cause?: unknown;
}

/**
 * The request failed below HTTP: no usable response arrived.
 * @public
 */
export class RegistryNetworkError extends RegistryError {
  override readonly name = "RegistryNetworkError";
  readonly reachedServer: boolean;
  readonly causeCode?: string;
  readonly method: string;
  readonly url: string;
  attempts: number;

  constructor(options: RegistryNetworkErrorOptions) {
    const detail = options.causeCode ? ` (${options.causeCode})` : "";
    super(`${options.method} ${options.url} failed: network error${detail}`, {
      code: options.code ?? "NETWORK_ERROR",
      cause: options.cause,
    });
    this.reachedServer = options.reachedServer;
    if (options.causeCode !== undefined) this.causeCode = options.causeCode;
    ({ method: this.method, url: this.url, attempts: this.attempts } = attemptedRequest(options));
  }

  override toJSON(): Record<string, unknown> {
    const { reachedServer, causeCode } = this;
    return { ...super.toJSON(), reachedServer, causeCode, ...attemptedRequest(this) };
  }
}

/**
 * Options of {@link RegistryTimeoutError}.
 * @public
 */
export interface RegistryTimeoutErrorOptions extends RequestSummary {
  readonly timeoutMs: number;
  readonly attempts?: number;
  /** Which limit ran out: the whole attempt (`timeoutMs`) or reading the body (`bodyTimeoutMs`). @default "attempt" */
  readonly phase?: "attempt" | "body";
}

/**
 * An attempt took longer than `timeoutMs` (response headers and body included), or reading a
 * response body took longer than `bodyTimeoutMs` (`phase: "body"`).
 * @public
 */
export class RegistryTimeoutError extends RegistryError {
  override readonly name = "RegistryTimeoutError";
  readonly timeoutMs: number;
  readonly phase: "attempt" | "body";
  readonly method: string;
  readonly url: string;
  attempts: number;

  constructor(options: RegistryTimeoutErrorOptions) {
    const phase = options.phase ?? "attempt";
    const what = phase === "body" ? " reading the response body" : "";
    super(`${options.method} ${options.url} timed out after ${options.timeoutMs} ms${what}`, {
      code: "TIMEOUT",
    });
    this.timeoutMs = options.timeoutMs;
    this.phase = phase;
    ({ method: this.method, url: this.url, attempts: this.attempts } = attemptedRequest(options));
  }

  override toJSON(): Record<string, unknown> {
    const { timeoutMs, phase } = this;
    return { ...super.toJSON(), timeoutMs, phase, ...attemptedRequest(this) };
  }
}

/**
 * Options of {@link RegistryResponseError}.
 * @public
 */
export interface RegistryResponseErrorOptions extends RequestSummary {
  readonly code: "RESPONSE_TOO_LARGE" | "INVALID_RESPONSE";
  /** The HTTP status of the unusable response. */
  readonly status: number;
  /** What is wrong with it, e.g. `"the body is not JSON"`; no credentials. */
  readonly problem: string;
  /** The response's `Content-Type`, if it had one. */
  readonly contentType?: string | undefined;
  /** The size limit that was exceeded (`RESPONSE_TOO_LARGE`). */
  readonly limitBytes?: number | undefined;
  readonly cause?: unknown;
}

/**
 * The registry (or something in front of it) answered, but the response cannot be used: its body
 * is larger than `maxResponseBytes` (`RESPONSE_TOO_LARGE`), or a success response is empty, not
 * JSON, invalid JSON or of another content type, or a redirect a browser hides from the client
 * (`INVALID_RESPONSE`, status 0). Never retried.
 * @public
 */
export class RegistryResponseError extends RegistryError {
  override readonly name = "RegistryResponseError";
  /** The HTTP status of the unusable response. (A 2xx here is a success status with a bad body.) */
  readonly httpStatus: number;
  readonly method: string;
  readonly url: string;
  readonly contentType?: string;
  readonly limitBytes?: number;

  constructor(options: RegistryResponseErrorOptions) {
    super(`${options.method} ${options.url} answered HTTP ${options.status}: ${options.problem}`, {
      code: options.code,
      cause: options.cause,
    });
    this.httpStatus = options.status;
    this.method = options.method;
    this.url = options.url;
    if (options.contentType !== undefined) this.contentType = options.contentType;
    if (options.limitBytes !== undefined) this.limitBytes = options.limitBytes;
  }

  override toJSON(): Record<string, unknown> {
    const { httpStatus, method, url, contentType, limitBytes } = this;
    return { ...super.toJSON(), httpStatus, method, url, contentType, limitBytes };
  }
}

/**
 * Options of {@link NotAModelRegistryError}.
 * @public
 */
export interface NotAModelRegistryErrorOptions extends RequestSummary {
  /** The server the client was pointed at: origin and path before the API prefix. */
  readonly server: string;
  readonly status: number;
  /** The response's `Content-Type`, or undefined when it had none. */
  readonly contentType?: string | undefined;
}

/** How a content type reads in a sentence. */
function describeContentType(contentType: string | undefined): string {
  if (contentType === undefined) return "a body without a content type";
  const type = contentType.split(";")[0]!.trim().toLowerCase();
  return /html/.test(type) ? "an HTML page" : type;
}

/**
 * The answer cannot have come from a Model Registry: an HTML page (a web UI, a login page), or a
 * 404/405 that is not the registry's JSON error body (the API route does not exist there: wrong
 * host, port or path prefix, or another kind of server).
 * @public
 */
export class NotAModelRegistryError extends RegistryError {
  override readonly name = "NotAModelRegistryError";
  readonly server: string;
  readonly status: number;
  readonly contentType?: string;
  readonly method: string;
  readonly url: string;

  constructor(options: NotAModelRegistryErrorOptions) {
    super(
      `the server at ${options.server} does not look like a Model Registry (${options.method} ` +
        `${options.url} answered HTTP ${options.status} with ` +
        `${describeContentType(options.contentType)}, where a Model Registry answers JSON); ` +
        "check the host, port and path of the registry URL",
      { code: "NOT_A_MODEL_REGISTRY" },
    );
    this.server = options.server;
    this.status = options.status;
    if (options.contentType !== undefined) this.contentType = options.contentType;
    this.method = options.method;
    this.url = options.url;
  }

  override toJSON(): Record<string, unknown> {
    const { server, status, contentType, method, url } = this;
    return { ...super.toJSON(), server, status, contentType, method, url };
  }
}

/**
 * True for any error of this package, across copies of the package (brand check).
 * @public
 */
export function isRegistryError(value: unknown): value is RegistryError {
  return typeof value === "object" && value !== null && BRAND in value;
}

/**
 * True for a {@link RegistryHttpError} (the server answered with an error status), across copies
 * of the package.
 * @public
 */
export function isRegistryHttpError(value: unknown): value is RegistryHttpError {
  return isRegistryError(value) && value.code === "HTTP_ERROR" && "status" in value;
}

/**
 * True for a {@link RegistryNetworkError} (the request failed below HTTP), across copies of the
 * package.
 * @public
 */
export function isRegistryNetworkError(value: unknown): value is RegistryNetworkError {
  return isRegistryError(value) && "reachedServer" in value;
}

/**
 * True for a {@link RegistryResponseError} (a response too large, or not the JSON expected),
 * across copies of the package.
 * @public
 */
export function isRegistryResponseError(value: unknown): value is RegistryResponseError {
  return (
    isRegistryError(value) &&
    (value.code === "RESPONSE_TOO_LARGE" || value.code === "INVALID_RESPONSE") &&
    "httpStatus" in value
  );
}

/**
 * True for a {@link RegistryTimeoutError} (an attempt exceeded `timeoutMs`), across copies of
 * the package.
 * @public
 */
export function isRegistryTimeoutError(value: unknown): value is RegistryTimeoutError {
  return isRegistryError(value) && value.code === "TIMEOUT";
}

/**
 * True for a {@link NotAModelRegistryError} (the server answered, but not as a Model Registry
 * would), across copies of the package.
 * @public
 */
export function isNotAModelRegistryError(value: unknown): value is NotAModelRegistryError {
  return isRegistryError(value) && value.code === "NOT_A_MODEL_REGISTRY";
}
