import type { HttpHandler } from "msw";

/** One request the fake answered (or dropped), in arrival order. @public */
export interface RecordedRequest {
  /** HTTP method, upper case. */
  readonly method: string;
  /** The spec path key that matched, e.g. `/api/model_registry/v1alpha3/experiments/{experimentId}`; null for unknown paths. */
  readonly route: string | null;
  /** The full request URL. */
  readonly url: string;
  /** Response status; 0 when a fault dropped the connection or the request hung. */
  readonly status: number;
}

/** What `onResponse` sees for every response. @public */
export interface ResponseRecord {
  readonly method: string;
  readonly route: string | null;
  readonly status: number;
  readonly contentType: string | null;
  /** Parsed JSON for JSON responses, the text otherwise (`""` for an empty body). */
  readonly body: unknown;
}

/**
 * An injected fault. Rules are tried in order; the first that matches the request and wins its
 * (seeded) draw applies.
 * @public
 */
export interface FaultRule {
  /**
   * What happens: an error `status` response (registry error body), `"unavailable"` (the server's
   * start-up answer before its database is reachable: 503 with a text/plain body), a dropped
   * connection (`"reset"`), or a request that hangs.
   */
  readonly kind: "status" | "unavailable" | "reset" | "hang";
  /** Restrict to one route: the spec path key, with or without the API prefix. Default: all. */
  readonly route?: string;
  /** Restrict to one HTTP method. Default: all. */
  readonly method?: string;
  /** Probability per matching request, 0–1. @defaultValue 1 */
  readonly rate?: number;
  /** Apply at most this many times. @defaultValue unlimited */
  readonly times?: number;
  /** Status of a `"status"` fault. @defaultValue 503 */
  readonly status?: number;
  /** `Retry-After` header value (seconds) sent with a `"status"` fault. */
  readonly retryAfter?: number;
  /** How long a `"hang"` fault holds the request before dropping it. @defaultValue 30000 */
  readonly hangMs?: number;
  /** `"before"` faults skip the handler; `"after"` faults run it (state changes) and then fail. @defaultValue "before" */
  readonly phase?: "before" | "after";
}

/** JSON-serialisable state of a fake registry (entities in their API shape). @public */
export interface FakeRegistrySnapshot {
  readonly format: "model-registry-fake/v1";
  /** The next id of each sequence (contexts, artifacts incl. metric history, serve models). */
  readonly nextIds?: {
    readonly context?: number;
    readonly artifact?: number;
    readonly serveModel?: number;
  };
  readonly experiments?: readonly Record<string, unknown>[];
  /** Runs; `extraParentIds` lists further experiments a run was linked to (upsert by id). */
  readonly experimentRuns?: readonly Record<string, unknown>[];
  readonly registeredModels?: readonly Record<string, unknown>[];
  readonly modelVersions?: readonly Record<string, unknown>[];
  readonly servingEnvironments?: readonly Record<string, unknown>[];
  readonly inferenceServices?: readonly Record<string, unknown>[];
  /** Serve models, each with the `inferenceServiceId` it belongs to. */
  readonly serveModels?: readonly Record<string, unknown>[];
  /**
   * Artifacts, each optionally with `parentIds` (runs or model versions it is attributed to;
   * defaults to `experimentRunId`) and `storedName` (defaults to `<first parent or uuid>:<name>`).
   */
  readonly artifacts?: readonly Record<string, unknown>[];
  /** Metric-history records (API `Metric` shape, `experimentRunId` required). */
  readonly metricHistory?: readonly Record<string, unknown>[];
}

/** Options of `createFakeRegistry`. @public */
export interface FakeRegistryOptions {
  /** State to start from (and to return to on `reset()`). @defaultValue empty */
  readonly initialState?: FakeRegistrySnapshot;
  /** Require `Authorization: Bearer <token>`; otherwise 401 with the registry error body. */
  readonly requireToken?: string;
  /** Delay before answering: fixed, or uniform in `[min, max]` (seeded). @defaultValue 0 */
  readonly latencyMs?: number | { readonly min: number; readonly max: number };
  /** Injected faults (seeded). */
  readonly faults?: readonly FaultRule[];
  /** Seed for latency and fault draws. @defaultValue 1 */
  readonly seed?: number;
  /** Persist state to this JSON file: loaded at start, written atomically ≤ ~200 ms after changes and on `close()`. Node only. */
  readonly stateFile?: string;
  /** Clock in ms. @defaultValue Date.now */
  readonly now?: () => number;
  /** Name generator for entities created without a name. @defaultValue crypto.randomUUID */
  readonly uuid?: () => string;
  /**
   * Compare names, externalIds and `LIKE` patterns exactly, as the server does on Postgres. By
   * default they compare case-insensitively, as on MySQL (the server's default database).
   * @defaultValue false
   */
  readonly caseSensitive?: boolean;
  /**
   * Largest request body read, in bytes. The token is checked first (a request without it is
   * answered 401 unread); a body over the limit (declared or streamed) is answered
   * `413 {"code":"Request Entity Too Large",…}` without reading the rest. The real server has no
   * limit of its own; proxies in front of it usually do. @defaultValue 16777216 (16 MiB)
   */
  readonly maxRequestBodyBytes?: number;
  /** Keep at most this many entries in `requests` (oldest dropped). @defaultValue 100000 */
  readonly requestLogLimit?: number;
  /**
   * Reproduce the server's 500 when the same metric is logged to a run twice in one millisecond
   * (the history record's name clashes; the metric itself is still updated). @defaultValue false
   */
  readonly metricHistoryCollisions?: boolean;
  /**
   * Reproduce the database's column limits: a name longer than 255 characters (counting the
   * `<parentId>:` prefix of runs, versions, inference services, serve models and artifacts, and the
   * `<uuid>:` prefix of unattached artifacts and datasets), an externalId or a custom-property key
   * longer than 255 characters fails with the server's 500 (MySQL's text, or Postgres' with
   * `caseSensitive`), and nothing is written. @defaultValue false
   */
  readonly databaseLimits?: boolean;
  /** Called for every response (tests validate bodies against the spec here). */
  readonly onResponse?: (response: ResponseRecord) => void;
}

/** A fake registry instance. @public */
export interface FakeRegistry {
  /** MSW handlers (origin-agnostic) that answer every request under the API prefix. */
  readonly handlers: HttpHandler[];
  /** A `fetch` answered by this fake directly (no MSW, no network): pass it to a client. */
  fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
  /** Back to `initialState` (or empty). */
  reset(): void;
  /** A JSON-serialisable copy of the full state. */
  snapshot(): FakeRegistrySnapshot;
  /** Live log of every request. */
  readonly requests: RecordedRequest[];
  /** Empties `requests`. */
  clearRequests(): void;
  /** Writes the state file now (no-op without `stateFile`). */
  flush(): Promise<void>;
  /** Flushes the state file and cancels pending timers. */
  close(): Promise<void>;
}
