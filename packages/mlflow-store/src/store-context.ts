import { DEFAULT_MAX_PAGES, type RegistryClient } from "@model-registry/registry-client";
import { MlflowError } from "./mlflow-error.js";
import { createWriteLanes, type WriteLanes } from "./operations/write-lanes.js";
import type { LifecycleStage, Metric } from "./types.js";
import type { TruncationOptions } from "./validation/index.js";

/** What the store remembers about an experiment between calls. @internal */
export interface KnownExperiment {
  readonly experimentId: string;
  readonly artifactLocation: string;
  lifecycleStage: LifecycleStage;
  /** `ctx.now()` when the registry last confirmed this entry. */
  confirmedAt: number;
}

/** What the store remembers about a run between calls. @internal */
export interface KnownRun {
  readonly runId: string;
  readonly experimentId: string;
  lifecycleStage: LifecycleStage;
  /** `ctx.now()` when the registry last confirmed the lifecycle stage. */
  confirmedAt: number;
  /** MLflow-latest point per metric key, as far as this store has seen (its writes and reads). */
  readonly latestMetrics: Map<string, Metric>;
  /** Params this store has seen on the run (its writes and reads). Params are write-once. */
  readonly params: Map<string, string>;
  /** Identity keys of metric points this store posted, to skip re-posting identical points. */
  readonly postedPoints: Set<string>;
  /**
   * True when `latestMetrics` holds every metric of the run as far as the registry showed it (the
   * store created the run, or read all its artifacts). When false, the first metric write reads the
   * run's metric artifacts first, so an older point is never posted over a newer one.
   */
  metricsComplete?: boolean;
  /** Registry ids of the run's metric and param artifacts, by kind and name (updates go by id). */
  artifactIds?: Map<string, string>;
  /** Ids of artifacts created unattached whose attach to the run has not succeeded yet. */
  unattachedIds?: Map<string, string>;
  /**
   * Identity keys of metric points whose post failed with an unknown outcome: the next post of
   * such a point first looks in the metric history whether it landed.
   */
  uncertainPoints?: Set<string>;
}

/**
 * Shared state of one store instance: the registry client, configuration and the caches every
 * operation group uses.
 * @internal
 */
export interface StoreContext {
  readonly client: RegistryClient;
  /** Root under which experiment artifact locations are made when none is given. */
  readonly artifactRoot: string;
  /** Clock in milliseconds since the epoch. */
  now(): number;
  /**
   * Registry requests the store keeps in flight: its logging writes (metric points and params)
   * across all calls and runs; operations that fan out otherwise use as many each.
   */
  readonly concurrency: number;
  /** The lanes every metric-point and param write goes through (`concurrency` of them). */
  readonly lanes: WriteLanes;
  /** How long a cached lifecycle stage is trusted before a write re-reads it from the registry. */
  readonly lifecycleTtlMs: number;
  /** Registry page size for searchRuns' candidate reads; absent: one request each. */
  readonly searchPageSize?: number;
  /** Random hex id (32 lowercase hex characters). */
  randomId(): string;
  readonly experiments: BoundedMap<string, KnownExperiment>;
  readonly runs: BoundedMap<string, KnownRun>;
  /** How over-long param and tag values are handled (MLflow truncates them with a warning). */
  readonly truncation: TruncationOptions;
  /** Serialises read-modify-write sequences per entity key (e.g. `run:5`). */
  exclusive<T>(key: string, task: () => Promise<T>): Promise<T>;
  /** Pages one registry listing may follow before the store gives up with an error. */
  readonly maxPages: number;
  /** How the store repeats a write that did not land (see `writeOnce`). */
  readonly writeRetry: WriteRetry;
  /** Waits between write attempts. */
  sleep(ms: number): Promise<void>;
}

/** Attempts and backoff of writes the store repeats itself. @internal */
export interface WriteRetry {
  /** Attempts per write, the first included (1: never repeat). */
  readonly maxAttempts: number;
  /** Delay before the second attempt; doubles for each further one. */
  readonly baseDelayMs: number;
  /** Ceiling of one backoff delay (a registry's longer `Retry-After` is waited out, within `maxElapsedMs`). */
  readonly maxDelayMs: number;
  /** No new attempt (or lookup) starts this long after the first one began. */
  readonly maxElapsedMs: number;
}

/** Write retry when none is configured. @internal */
export const DEFAULT_WRITE_RETRY: WriteRetry = {
  maxAttempts: 5,
  baseDelayMs: 100,
  maxDelayMs: 2_000,
  maxElapsedMs: 60_000,
};

/** A Map that forgets its least recently set entries beyond `limit`. @internal */
export class BoundedMap<K, V> extends Map<K, V> {
  readonly #limit: number;
  constructor(limit: number) {
    super();
    this.#limit = limit;
  }
  override set(key: K, value: V): this {
    if (this.has(key)) this.delete(key);
    super.set(key, value);
    while (this.size > this.#limit) {
      const oldest = this.keys().next();
      if (oldest.done) break;
      this.delete(oldest.value);
    }
    return this;
  }
}

/** Requests in flight when no `concurrency` is configured (see the README's trade-off). @internal */
export const DEFAULT_CONCURRENCY = 32;

/** Options of {@link createStoreContext}. @internal */
export interface StoreContextOptions {
  client: RegistryClient;
  artifactRoot: string;
  now?: () => number;
  concurrency?: number;
  lifecycleTtlMs?: number;
  searchPageSize?: number;
  randomId?: () => string;
  truncation?: TruncationOptions;
  /** Entries kept per cache. @default 10000 */
  cacheSize?: number;
  /** @default DEFAULT_MAX_PAGES */
  maxPages?: number;
  /** @default DEFAULT_WRITE_RETRY */
  writeRetry?: WriteRetry;
  /** @default a setTimeout-based sleep */
  sleep?: (ms: number) => Promise<void>;
}

/** A random UUID v4 as 32 hex digits (the Python plugin's `uuid4().hex`). */
function randomHexId(): string {
  const { crypto } = globalThis;
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID().replaceAll("-", "");
  // Browsers offer randomUUID only to secure (https or localhost) pages.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** Builds the shared context of a store. @internal */
export function createStoreContext(options: StoreContextOptions): StoreContext {
  const pageSize = options.searchPageSize;
  if (pageSize !== undefined && !(Number.isSafeInteger(pageSize) && pageSize >= 1)) {
    throw MlflowError.invalidParameterValue(
      `Invalid searchPageSize ${String(pageSize)}: it must be a positive integer.`,
    );
  }
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  if (!(Number.isSafeInteger(maxPages) && maxPages >= 1)) {
    throw MlflowError.invalidParameterValue(
      `Invalid maxPages ${String(maxPages)}: it must be a positive integer.`,
    );
  }
  const locks = new Map<string, Promise<unknown>>();
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  if (!(Number.isSafeInteger(concurrency) && concurrency >= 1)) {
    throw MlflowError.invalidParameterValue(
      `Invalid concurrency ${String(concurrency)}: it must be a positive integer.`,
    );
  }
  return {
    client: options.client,
    artifactRoot: options.artifactRoot.replace(/\/+$/, ""),
    now: options.now ?? Date.now,
    concurrency,
    lanes: createWriteLanes(concurrency),
    lifecycleTtlMs: options.lifecycleTtlMs ?? 10_000,
    ...(options.searchPageSize !== undefined ? { searchPageSize: options.searchPageSize } : {}),
    randomId: options.randomId ?? randomHexId,
    truncation: options.truncation ?? {},
    experiments: new BoundedMap(options.cacheSize ?? 10_000),
    runs: new BoundedMap(options.cacheSize ?? 10_000),
    maxPages,
    writeRetry: options.writeRetry ?? DEFAULT_WRITE_RETRY,
    sleep:
      options.sleep ??
      ((ms) =>
        new Promise((resolve) => {
          setTimeout(resolve, ms);
        })),
    exclusive<T>(key: string, task: () => Promise<T>): Promise<T> {
      const previous = locks.get(key) ?? Promise.resolve();
      const result = previous.then(task, task);
      const settled = result.then(
        () => undefined,
        () => undefined,
      );
      locks.set(key, settled);
      void settled.then(() => {
        if (locks.get(key) === settled) locks.delete(key);
      });
      return result;
    },
  };
}
