import { RegistryHttpError } from "./errors.js";
import { failureHintOf, requestSummaryOf } from "./request-summary.js";
import { parseRetryAfter } from "./transport/retry-policy.js";

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

/** The wait a 429 or 503 asks for (`Retry-After`), in ms; undefined for other statuses. */
function retryAfterOf(response: Response): number | undefined {
  if (response.status !== 429 && response.status !== 503) return undefined;
  return parseRetryAfter(response.headers.get("retry-after"), Date.now());
}

/**
 * Builds the {@link RegistryHttpError} for a non-2xx openapi-fetch result. The error body may be
 * the registry's JSON `{code, message}` or plain text (start-up 503, `404 page not found`); a
 * 429's or 503's valid `Retry-After` becomes `retryAfterMs`.
 * @public
 */
export function toRegistryHttpError(result: FetchResultLike<unknown>): RegistryHttpError {
  const { response } = result;
  const hint = failureHintOf(response);
  const retryAfterMs = retryAfterOf(response);
  return new RegistryHttpError({
    ...requestSummaryOf(response),
    status: response.status,
    ...messageOf(result.error, response),
    body: result.error,
    ...(hint === undefined ? {} : { hint }),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
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
