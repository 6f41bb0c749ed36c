/**
 * Retry settings. Delays use exponential backoff with full jitter:
 * `delay = random() × min(maxDelayMs, baseDelayMs × 2^(retry − 1))`.
 * @public
 */
export interface RetryOptions {
  /** Total attempts including the first. @default 4 */
  readonly maxAttempts?: number | undefined;
  /** Backoff base. @default 200 */
  readonly baseDelayMs?: number | undefined;
  /** Cap of one backoff delay. @default 5000 */
  readonly maxDelayMs?: number | undefined;
  /**
   * No retry is scheduled whose delay would end later than this after the first attempt began.
   * Twice the default timeout, so that a timed-out idempotent request gets another chance.
   * @default 60000
   */
  readonly maxElapsedMs?: number | undefined;
}

/** @internal */
export type ResolvedRetryOptions = { readonly [K in keyof RetryOptions]-?: number };

/** Retry settings when none are given. @internal */
export const DEFAULT_RETRY: ResolvedRetryOptions = {
  maxAttempts: 4,
  baseDelayMs: 200,
  maxDelayMs: 5_000,
  maxElapsedMs: 60_000,
};

/** Statuses worth another attempt of an idempotent request. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

/** Methods whose repetition cannot duplicate data on the registry. */
export const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set([
  "GET",
  "HEAD",
  "OPTIONS",
  "PUT",
  "DELETE",
  "PATCH",
]);

/** Validates retry options and fills in defaults; `false` means one attempt. @internal */
export function resolveRetryOptions(retry: false | RetryOptions | undefined): ResolvedRetryOptions {
  if (retry === false) return { ...DEFAULT_RETRY, maxAttempts: 1 };
  const resolved = { ...DEFAULT_RETRY };
  for (const key of Object.keys(DEFAULT_RETRY) as (keyof RetryOptions)[]) {
    const value = retry?.[key];
    if (value !== undefined) {
      if (!Number.isFinite(value) || value < 0) {
        throw new RangeError(`retry.${key} must be a finite number >= 0`);
      }
      resolved[key] = value;
    }
  }
  resolved.maxAttempts = Math.max(1, Math.floor(resolved.maxAttempts));
  return resolved;
}

/** Full-jitter backoff before retry number `retry` (1 for the first retry). */
export function backoffDelay(
  retry: number,
  options: ResolvedRetryOptions,
  random: () => number,
): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (retry - 1));
  return Math.floor(random() * ceiling);
}

/**
 * `Retry-After` as milliseconds: delta-seconds or an HTTP date; undefined when absent or invalid.
 * Every HTTP-date form starts with the day's name, which keeps out the loose forms `Date.parse`
 * also reads as dates (`-5`, `1.5`).
 */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,? /i.test(text)) return undefined;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
