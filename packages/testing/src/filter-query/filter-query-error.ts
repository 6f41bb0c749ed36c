/**
 * A filterQuery the registry server would reject. `message` is the server's error message text,
 * e.g. `invalid filter query syntax: error parsing filter query: 1:8: unexpected token "bar"
 * (expected Value). Hint: …: bad request`, so a fake can answer
 * `{ "code": "Bad Request", "message": error.message }` with HTTP {@link FilterQueryError.status}.
 */
export class FilterQueryError extends Error {
  /** The HTTP status the server answers with: 400 for syntax errors, 500 for SQL errors. */
  readonly status: 400 | 500;
  /** The `code` field of the server's error body (the status text). */
  readonly code: "Bad Request" | "Internal Server Error";
  /** The bare parser message, e.g. `1:8: unexpected token "bar" (expected Value)`. */
  readonly detail: string;

  constructor(message: string, options: { status?: 400 | 500; detail?: string } = {}) {
    super(message);
    this.name = "FilterQueryError";
    this.status = options.status ?? 400;
    this.code = this.status === 400 ? "Bad Request" : "Internal Server Error";
    this.detail = options.detail ?? message;
  }
}

/** Type guard for {@link FilterQueryError}. */
export function isFilterQueryError(value: unknown): value is FilterQueryError {
  return value instanceof FilterQueryError;
}
