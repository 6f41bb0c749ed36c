import { isMlflowError } from "../mlflow-error.js";

/** MLflow codes that mean "try again later" whatever caused them. */
const TRANSIENT_CODES = new Set([
  "TEMPORARILY_UNAVAILABLE",
  "DEADLINE_EXCEEDED",
  "REQUEST_LIMIT_EXCEEDED",
  "RESOURCE_EXHAUSTED",
]);

/** Node/undici error codes of connections that failed before or while talking to the server. */
const NETWORK_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EAI_AGAIN",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
]);

const MAX_CAUSE_DEPTH = 8;

/**
 * The default retry rule of the async logging queue: true for failures that another attempt may
 * cure — `MlflowError`s coded TEMPORARILY_UNAVAILABLE, DEADLINE_EXCEEDED, REQUEST_LIMIT_EXCEEDED
 * or RESOURCE_EXHAUSTED; INTERNAL_ERROR only when caused by an HTTP 5xx or 429 answer; and
 * network failures (connection reset/refused, timeouts). Validation errors, missing entities and
 * conflicts are permanent.
 * @public
 */
export function isTransientLoggingError(error: unknown): boolean {
  let current: unknown = error;
  for (
    let depth = 0;
    depth < MAX_CAUSE_DEPTH && current !== undefined && current !== null;
    depth++
  ) {
    if (isMlflowError(current)) {
      if (TRANSIENT_CODES.has(current.errorCode)) return true;
      if (current.errorCode !== "INTERNAL_ERROR") return false;
    } else if (typeof current === "object") {
      const record = current as { status?: unknown; code?: unknown; name?: unknown };
      if (typeof record.status === "number") {
        return record.status >= 500 || record.status === 429;
      }
      if (typeof record.code === "string" && NETWORK_CODES.has(record.code)) return true;
      if (record.name === "RegistryNetworkError" || record.name === "RegistryTimeoutError") {
        return true;
      }
    }
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
