import { isTransientLoggingError } from "./is-transient-logging-error.js";

/** How the queue retries a batch that failed transiently. @public */
export interface AsyncLoggingRetryOptions {
  /** Attempts per batch, the first included. @default 4 */
  maxAttempts?: number;
  /** Delay before the second attempt; doubles for each further one. @default 250 */
  baseDelayMs?: number;
  /**
   * Ceiling of one backoff delay; a registry's longer `Retry-After` (429, 503) is still waited
   * out, within `maxElapsedMs`. @default 5000
   */
  maxDelayMs?: number;
  /** No new attempt starts this long after the first one. @default 30000 */
  maxElapsedMs?: number;
  /** Which failures are worth another attempt. @default isTransientLoggingError */
  isRetryable?: (error: unknown) => boolean;
}

/** Retry settings with defaults applied; `false` when retry is off. @internal */
export interface ResolvedRetry {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  maxElapsedMs: number;
  isRetryable: (error: unknown) => boolean;
}

/** Applies the defaults of {@link AsyncLoggingRetryOptions}. @internal */
export function resolveRetry(
  retry: false | AsyncLoggingRetryOptions | undefined,
): ResolvedRetry | false {
  if (retry === false) return false;
  return {
    maxAttempts: positiveInteger(retry?.maxAttempts, 4, "retry.maxAttempts"),
    baseDelayMs: retry?.baseDelayMs ?? 250,
    maxDelayMs: retry?.maxDelayMs ?? 5_000,
    maxElapsedMs: retry?.maxElapsedMs ?? 30_000,
    isRetryable: retry?.isRetryable ?? isTransientLoggingError,
  };
}

/** `value`, or `fallback` when undefined; throws RangeError for anything but a positive integer. @internal */
export function positiveInteger(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`[@model-registry/mlflow-store] ${name} must be a positive integer`);
  }
  return value;
}
/** Delay before attempt `attemptNo + 1`: capped exponential backoff. @internal */
export function retryDelay(retry: ResolvedRetry, attemptNo: number): number {
  return Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attemptNo - 1));
}
