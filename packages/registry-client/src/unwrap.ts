import { RegistryHttpError } from "./errors.js";
import { failureHintOf, requestSummaryOf } from "./request-summary.js";

/**
 * The shape of an openapi-fetch result.
 * @public
 */
export interface FetchResultLike<T> {
  readonly data?: T;
  readonly error?: unknown;
  readonly response: Response;
}

const MAX_MESSAGE_LENGTH = 2000;

function messageOf(
  body: unknown,
  response: Response,
): { serverCode?: string; serverMessage: string } {
  if (typeof body === "object" && body !== null) {
    const { code, message } = body as { code?: unknown; message?: unknown };
    if (typeof message === "string") {
      const serverMessage = message.slice(0, MAX_MESSAGE_LENGTH);
      return typeof code === "string"
        ? { serverCode: code.slice(0, MAX_MESSAGE_LENGTH), serverMessage }
        : { serverMessage };
    }
  }
  if (typeof body === "string" && body.trim() !== "") {
    return { serverMessage: body.trim().slice(0, MAX_MESSAGE_LENGTH) };
  }
  return { serverMessage: response.statusText || `HTTP ${response.status}` };
}

/**
 * Builds the {@link RegistryHttpError} for a non-2xx openapi-fetch result. The error body may be
 * the registry's JSON `{code, message}` or plain text (start-up 503, `404 page not found`).
 * @public
 */
export function toRegistryHttpError(result: FetchResultLike<unknown>): RegistryHttpError {
  const { response } = result;
  const hint = failureHintOf(response);
  return new RegistryHttpError({
    ...requestSummaryOf(response),
    status: response.status,
    ...messageOf(result.error, response),
    body: result.error,
    ...(hint === undefined ? {} : { hint }),
  });
}

/**
 * Turns an openapi-fetch `{ data, error, response }` into `data`, or throws
 * {@link RegistryHttpError} when the status is not 2xx.
 * @example const experiment = await unwrap(client.GET(path, { params }));
 * @public
 */
export async function unwrap<T>(
  result: FetchResultLike<T> | PromiseLike<FetchResultLike<T>>,
): Promise<T> {
  const settled = await result;
  if (!settled.response.ok) throw toRegistryHttpError(settled);
  return settled.data as T;
}
