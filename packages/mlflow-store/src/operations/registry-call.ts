import { unwrap } from "@model-registry/registry-client";
import type { MlflowError } from "../mlflow-error.js";
import { type TranslationMessages, toMlflowError } from "../translate-registry-error.js";

type FetchResult<T> = { data?: T; error?: unknown; response: Response };

/**
 * Awaits one registry request and returns its body, or throws the translated {@link MlflowError}.
 * @internal
 */
export async function registryCall<T>(
  what: string,
  request: Promise<FetchResult<T>>,
  messages?: TranslationMessages,
): Promise<T> {
  try {
    return (await unwrap(request)) as T;
  } catch (error) {
    throw toMlflowError(error, what, messages);
  }
}

/** True when `error` is a translated registry 404. @internal */
export function isNotFound(error: unknown): error is MlflowError {
  return (error as MlflowError | undefined)?.errorCode === "RESOURCE_DOES_NOT_EXIST";
}
