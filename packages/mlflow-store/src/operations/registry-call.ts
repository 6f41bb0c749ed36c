import { unwrap } from "@model-registry/registry-client";
import type { MlflowError } from "../mlflow-error.js";
import { type TranslationMessages, toMlflowError } from "../translate-registry-error.js";
import type { ResponseShape } from "./response-shapes.js";

type FetchResult<T> = { data?: T; error?: unknown; response: Response };

/**
 * Awaits one registry request and returns its body after checking it has `shape`, or throws the
 * translated {@link MlflowError} (a body of another shape is an `INTERNAL_ERROR`, never a
 * TypeError later on).
 * @internal
 */
export async function registryCall<T>(
  what: string,
  shape: ResponseShape,
  request: Promise<FetchResult<T>>,
  messages?: TranslationMessages,
): Promise<T> {
  let body: T;
  try {
    body = (await unwrap(request)) as T;
  } catch (error) {
    throw toMlflowError(error, what, messages);
  }
  shape.check(body, what);
  return body;
}

/** True when `error` is a translated registry 404. @internal */
export function isNotFound(error: unknown): error is MlflowError {
  return (error as MlflowError | undefined)?.errorCode === "RESOURCE_DOES_NOT_EXIST";
}
