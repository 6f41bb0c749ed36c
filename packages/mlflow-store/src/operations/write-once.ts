import {
  isRegistryHttpError,
  isRegistryNetworkError,
  isRegistryTimeoutError,
} from "@model-registry/registry-client";
import { isMlflowError } from "../mlflow-error.js";
import type { StoreContext } from "../store-context.js";

/**
 * What a failed registry write says about the registry's state:
 * - `"not-applied"`: the registry did not apply it and another attempt may succeed (HTTP 429, or
 *   a connection that provably never reached the server);
 * - `"unknown"`: it may have been applied (a connection lost after the request was sent, a
 *   timeout, any 5xx: a proxy's 502/503/504 or the server's 500 can follow a write that landed);
 * - `"permanent"`: it was refused and repeating it cannot help (validation, 4xx, TLS, auth, a
 *   malformed answer).
 * @internal
 */
export type FailedWrite = "not-applied" | "unknown" | "permanent";

const MAX_CAUSE_DEPTH = 8;

/** Classifies the error of one registry write (an MlflowError keeps the registry error as `cause`). @internal */
export function classifyFailedWrite(error: unknown): FailedWrite {
  let current: unknown = error;
  for (let depth = 0; depth < MAX_CAUSE_DEPTH && current != null; depth++) {
    if (isRegistryHttpError(current)) {
      if (current.status === 429) return "not-applied";
      return current.status >= 500 ? "unknown" : "permanent";
    }
    if (isRegistryNetworkError(current)) {
      if (current.code === "TLS_ERROR") return "permanent";
      return current.reachedServer ? "unknown" : "not-applied";
    }
    if (isRegistryTimeoutError(current)) return "unknown";
    if (!isMlflowError(current)) {
      // A fetch failure that did not go through the registry client's transport.
      const { name, message } = current as { name?: unknown; message?: unknown };
      const fetchFailed =
        name === "TypeError" && typeof message === "string" && message.startsWith("fetch failed");
      return fetchFailed || name === "AbortError" || name === "TimeoutError"
        ? "unknown"
        : "permanent";
    }
    current = current.cause;
  }
  return "permanent";
}

/**
 * The wait the registry asked for with the answer that failed a write: the `Retry-After` of a
 * 429 or 503 (`RegistryHttpError.retryAfterMs`), in ms; undefined when it asked for none.
 * @internal
 */
export function retryAfterMsOf(error: unknown): number | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < MAX_CAUSE_DEPTH && current != null; depth++) {
    if (isRegistryHttpError(current)) {
      const { retryAfterMs } = current as { retryAfterMs?: unknown };
      return typeof retryAfterMs === "number" && Number.isFinite(retryAfterMs) && retryAfterMs >= 0
        ? retryAfterMs
        : undefined;
    }
    if (!isMlflowError(current)) return undefined;
    current = current.cause;
  }
  return undefined;
}

/** True for a translated registry 409. */
function isConflict(error: unknown): boolean {
  return isMlflowError(error) && error.errorCode === "RESOURCE_ALREADY_EXISTS";
}

/** Options of {@link writeOnce}. @internal */
export interface WriteOnceOptions<T> {
  /** One attempt of the write (throws the translated registry error). */
  send(): Promise<T>;
  /**
   * Looks the write up by its unique key after an attempt whose outcome is unknown: what the
   * write produced when it landed, `undefined` when it did not. Leave it out for writes whose
   * repetition cannot duplicate anything (upserts); they are simply repeated.
   */
  landed?: () => Promise<T | undefined>;
  /** An earlier call already left this write's outcome unknown: look it up before sending. */
  uncertain?: boolean;
  /** Told when the write fails for good while its outcome is unknown (e.g. to remember that). */
  onUncertainFailure?: () => void;
  /**
   * Tells a failure that provably did not apply the write and is worth repeating at once: it is
   * sent again after a few milliseconds, without counting as an attempt (at most
   * {@link MAX_CLASHES} times per write).
   */
  clashed?: (error: unknown) => boolean;
}

/** Immediate resends after clashes (see {@link WriteOnceOptions.clashed}) per write. @internal */
export const MAX_CLASHES = 8;

/**
 * Performs a non-idempotent registry write exactly once, as far as the registry lets anyone
 * know: a failure that provably left the registry unchanged is retried; after a failure whose
 * outcome is unknown the write is first looked up by its unique key (`landed`) and only sent
 * again when it is not there; a 409 after an unknown outcome is looked up too (it may be this
 * write's own earlier attempt). Attempts, backoff and the time bound come from `ctx.writeRetry`;
 * a lookup that fails counts as an attempt. After a 429 or 503 with `Retry-After` the wait is at
 * least what the registry asked for; when that wait would end past `maxElapsedMs`, the write
 * gives up at once instead. The last error is thrown when attempts or time run out.
 * @internal
 */
export async function writeOnce<T>(ctx: StoreContext, options: WriteOnceOptions<T>): Promise<T> {
  const { maxAttempts, baseDelayMs, maxDelayMs, maxElapsedMs } = ctx.writeRetry;
  const started = ctx.now();
  let uncertain = options.uncertain === true;
  let everUncertain = uncertain;
  let lastError: unknown;
  /** The wait the last failure's answer asked for (`Retry-After`). */
  let retryAfterMs: number | undefined;
  let clashes = 0;
  let clashed = false;
  let attempt = 0;
  for (;;) {
    if (clashed) {
      // Not an attempt: sent again a few milliseconds later, past the clash.
      clashed = false;
      await ctx.sleep(1 + Math.floor(Math.random() * 4));
    } else {
      attempt += 1;
      if (attempt > maxAttempts) break;
      if (attempt > 1) {
        const backoff = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 2));
        const delay = Math.max(backoff, retryAfterMs ?? 0);
        if (ctx.now() - started + delay > maxElapsedMs) break;
        await ctx.sleep(delay);
      }
    }
    if (uncertain && options.landed) {
      let found: T | undefined;
      try {
        found = await options.landed();
      } catch (error) {
        if (classifyFailedWrite(error) === "permanent") throw error;
        lastError ??= error;
        retryAfterMs = retryAfterMsOf(error);
        continue;
      }
      if (found !== undefined) return found;
      uncertain = false;
    }
    try {
      return await options.send();
    } catch (error) {
      lastError = error;
      retryAfterMs = retryAfterMsOf(error);
      if (clashes < MAX_CLASHES && options.clashed?.(error) === true) {
        clashes += 1;
        clashed = true;
        continue;
      }
      const outcome = classifyFailedWrite(error);
      if (outcome === "permanent") {
        if (everUncertain && options.landed && isConflict(error)) {
          const found = await options.landed();
          if (found !== undefined) return found;
        }
        throw error;
      }
      if (outcome === "unknown") {
        uncertain = true;
        everUncertain = true;
      }
    }
  }
  if (uncertain) options.onUncertainFailure?.();
  throw lastError;
}
