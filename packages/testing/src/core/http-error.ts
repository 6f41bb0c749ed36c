/**
 * An error that becomes a registry error response: `{"code": <status text>, "message": <text>}`.
 * The 422 of the required-field checks keeps `code: "Bad Request"`, as the real server does.
 * @internal
 */
export class HttpError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, message: string, code: string = STATUS_TEXT[status] ?? "Error") {
    super(message);
    this.name = "HttpError";
    this.status = status;
    this.code = code;
  }
}

/** @internal */
export const STATUS_TEXT: Readonly<Record<number, string>> = {
  200: "OK",
  201: "Created",
  400: "Bad Request",
  401: "Unauthorized",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  413: "Request Entity Too Large",
  422: "Unprocessable Entity",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

/** 400 with the `: bad request` suffix of service-layer errors. @internal */
export function badRequest(message: string): HttpError {
  return new HttpError(400, `${message}: bad request`);
}

/** 400 for a JSON decode error (no suffix: the Go decoder's own text). @internal */
export function decodeError(message: string): HttpError {
  return new HttpError(400, message);
}

/** @internal */
export function notFound(message: string): HttpError {
  return new HttpError(404, `${message}: not found`);
}

/** @internal */
export function conflict(message: string): HttpError {
  return new HttpError(409, `${message}: conflict`);
}

/** 422 from the required-field checks; the body code stays "Bad Request". @internal */
export function requiredField(field: string): HttpError {
  return new HttpError(422, `required field '${field}' is zero value.`, "Bad Request");
}

/**
 * The server's handler panics (nil name on a conflict) and the connection is dropped without a
 * response; the fake drops it too.
 * @internal
 */
export class DroppedConnection extends Error {
  constructor() {
    super("connection dropped (the server panics here)");
    this.name = "DroppedConnection";
  }
}
