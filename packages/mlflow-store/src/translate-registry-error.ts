import { isMlflowError, MlflowError, type MlflowErrorCode } from "./mlflow-error.js";

/** Messages that replace the generic text for particular registry answers. @internal */
export interface TranslationMessages {
  /** Used for a registry 404. */
  notFound?: string;
  /** Used for a registry 409. */
  conflict?: string;
}

interface ErrorShape {
  name?: unknown;
  status?: unknown;
  serverMessage?: unknown;
  hint?: unknown;
  message?: unknown;
  code?: unknown;
  cause?: unknown;
}

const REGISTRY_CLIENT_PREFIX = /^\[@model-registry\/registry-client\] /;

/** A registry-client message without its package prefix. */
function bare(message: unknown): string {
  return String(message ?? "").replace(REGISTRY_CLIENT_PREFIX, "");
}

/** MLflow error code for a registry HTTP status. */
function codeForStatus(status: number): MlflowErrorCode {
  if (status === 404) return "RESOURCE_DOES_NOT_EXIST";
  if (status === 409) return "RESOURCE_ALREADY_EXISTS";
  if (status === 400 || status === 422) return "INVALID_PARAMETER_VALUE";
  if (status === 401) return "UNAUTHENTICATED";
  if (status === 403) return "PERMISSION_DENIED";
  if (status === 429) return "REQUEST_LIMIT_EXCEEDED";
  if (status === 503 || status === 502) return "TEMPORARILY_UNAVAILABLE";
  if (status === 504) return "DEADLINE_EXCEEDED";
  return "INTERNAL_ERROR";
}

function isTransportFailure(shape: ErrorShape): boolean {
  const name = typeof shape.name === "string" ? shape.name : "";
  return (
    name === "RegistryNetworkError" ||
    name === "RegistryTimeoutError" ||
    name === "TimeoutError" ||
    name === "AbortError" ||
    (name === "TypeError" && shape.message === "fetch failed")
  );
}

/**
 * Translates anything a registry call throws into an {@link MlflowError}: 404 →
 * RESOURCE_DOES_NOT_EXIST, 409 → RESOURCE_ALREADY_EXISTS, 400/422 → INVALID_PARAMETER_VALUE,
 * 401/403 → UNAUTHENTICATED/PERMISSION_DENIED, 429 → REQUEST_LIMIT_EXCEEDED, timeouts and network
 * failures → TEMPORARILY_UNAVAILABLE, 5xx → INTERNAL_ERROR, a server that is not a Model Registry
 * → ENDPOINT_NOT_FOUND. The registry error is kept as `cause`;
 * the message names the operation (`what`) and the registry's own message, never credentials.
 * MlflowErrors pass through unchanged.
 * @internal
 */
export function toMlflowError(
  error: unknown,
  what: string,
  messages: TranslationMessages = {},
): MlflowError {
  if (isMlflowError(error)) return error;
  const shape: ErrorShape =
    typeof error === "object" && error !== null ? (error as ErrorShape) : {};
  if (shape.code === "NOT_A_MODEL_REGISTRY") {
    return new MlflowError(`${what} failed: ${bare(shape.message)}`, "ENDPOINT_NOT_FOUND", {
      cause: error,
    });
  }
  if (typeof shape.status === "number") {
    const status = shape.status;
    if (status === 404 && messages.notFound)
      return new MlflowError(messages.notFound, "RESOURCE_DOES_NOT_EXIST", { cause: error });
    if (status === 409 && messages.conflict)
      return new MlflowError(messages.conflict, "RESOURCE_ALREADY_EXISTS", { cause: error });
    const detail =
      typeof shape.serverMessage === "string" && shape.serverMessage
        ? `: ${shape.serverMessage}`
        : "";
    const hint = typeof shape.hint === "string" && shape.hint ? `. ${shape.hint}` : "";
    return new MlflowError(
      `${what} failed: the registry answered HTTP ${status}${detail}${hint}`,
      codeForStatus(status),
      {
        cause: error,
      },
    );
  }
  if (shape.name === "TokenProviderError" || shape.code === "AUTH_ERROR") {
    // A provider's reason (unreadable token file, unsupported kubeconfig user) never holds a token.
    const reason = (shape.cause as { message?: unknown } | undefined)?.message;
    const because = typeof reason === "string" && reason ? `: ${reason}` : "";
    return new MlflowError(
      `${what} failed: no usable token (${bare(shape.message)}${because})`,
      "UNAUTHENTICATED",
      {
        cause: error,
      },
    );
  }
  if (isTransportFailure(shape)) {
    return new MlflowError(
      `${what} failed: the registry could not be reached (${String(shape.message ?? shape.name)})`,
      "TEMPORARILY_UNAVAILABLE",
      {
        cause: error,
      },
    );
  }
  const text = error instanceof Error ? error.message : String(error);
  return new MlflowError(`${what} failed: ${text}`, "INTERNAL_ERROR", { cause: error });
}
