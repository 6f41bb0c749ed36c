import { pathToFileURL } from "node:url";
import { defaultTokenProvider, type TokenProvider } from "@model-registry/auth";
import {
  createRegistryClient,
  type RegistryClient,
  type RetryOptions,
  type TlsOptions,
} from "@model-registry/registry-client";
import { createAsyncLoggingQueue } from "./async-logging/create-async-logging-queue.js";
import { createDatasetOperations } from "./datasets/create-dataset-operations.js";
import { createLoggedModelOperations } from "./logged-models/create-logged-model-operations.js";
import { MlflowError } from "./mlflow-error.js";
import { createExperimentOperations } from "./operations/experiments.js";
import { createMetricHistoryOperations } from "./operations/metric-history.js";
import { createRunWriteOperations } from "./operations/run-writes.js";
import { createRunOperations } from "./operations/runs.js";
import { createSearchRunsOperation } from "./operations/search-runs.js";
import { validateBatchItems } from "./operations/validate.js";
import { createStoreContext, DEFAULT_WRITE_RETRY } from "./store-context.js";
import { traceOperations } from "./traces.js";
import { resolveTrackingUri } from "./tracking-uri.js";
import type { MlflowStore } from "./types.js";

/**
 * Options of {@link createMlflowStore}.
 * @public
 */
export interface MlflowStoreOptions {
  /**
   * `modelregistry://host:port` (TLS iff `MODEL_REGISTRY_SECURE=true`), `modelregistry+https://…`,
   * `modelregistry+http://…` or `http(s)://…`. Ignored when `client` is given.
   * @default env MLFLOW_TRACKING_URI, else modelregistry:// with MODEL_REGISTRY_HOST/PORT (localhost:8080)
   */
  trackingUri?: string;
  /** A ready registry client (then `trackingUri`, `auth`, `fetch` and `timeoutMs` are not used, and `retry` only for `false`). */
  client?: RegistryClient;
  /**
   * Root of the artifact locations given to new experiments that do not name one.
   * @default a `file://` URL of `./mlruns` in the current directory
   */
  artifactLocation?: string;
  /**
   * Bearer token or token provider. Sent only over https unless `allowInsecureAuth` is set; an
   * explicit `auth` with a plain-http URI is an error rather than silently dropped.
   * @default defaultTokenProvider() from @model-registry/auth (MODEL_REGISTRY_TOKEN, the service-account token, kubeconfig) when the URI is https; none over http
   */
  auth?: string | TokenProvider;
  /**
   * Send the explicit `auth` token over plain http too (e.g. through a local port-forward). The
   * default token provider is never used over http.
   * @default false
   */
  allowInsecureAuth?: boolean;
  /** Environment to read (MLFLOW_TRACKING_URI, MODEL_REGISTRY_*, MODELREGISTRY_CA_CERT_PATH). @default process.env */
  env?: Record<string, string | undefined>;
  /** fetch used by the registry client it creates. @default globalThis.fetch at each request */
  fetch?: typeof globalThis.fetch;
  /**
   * Retry settings of the registry client it creates. `false` also stops the store from
   * repeating a write itself (see [docs/mapping.md](docs/mapping.md#exactly-once-writes)).
   */
  retry?: false | RetryOptions;
  /** CA and verification settings for https. @default env MODELREGISTRY_CA_CERT_PATH, else the in-cluster CA when present, else the system CAs */
  tls?: TlsOptions;
  /** Per-attempt timeout of the registry client it creates, in ms. @default 30000 */
  timeoutMs?: number;
  /** Registry requests one operation keeps in flight (log batches, cascades). @default 8 */
  concurrency?: number;
  /** How long a run's or experiment's lifecycle stage read from the registry is trusted for writes, in ms. @default 10000 */
  lifecycleTtlMs?: number;
  /**
   * Read searchRuns' candidates (runs, and the metric, param and dataset artifacts the filter and
   * order name) in registry pages of this size, keeping only the runs that can reach the requested
   * page: memory no longer grows with the experiments' size, but a search costs one request per
   * page of each list instead of one per list. A positive integer.
   * @default undefined (one request per list, at most 6 per search page)
   */
  searchPageSize?: number;
  /**
   * Truncate param values over 6000 and run-tag values over 8000 characters instead of rejecting
   * them, as MLflow does by default.
   * @default env MLFLOW_TRUNCATE_LONG_VALUES (true unless "false")
   */
  truncateLongValues?: boolean;
  /** Receives MLflow's warnings (e.g. a truncated value). @default console.warn */
  onWarning?: (message: string) => void;
  /**
   * Pages one registry listing may follow before the store gives up with an `INTERNAL_ERROR`
   * (a registry that keeps sending new page tokens would otherwise be paged forever). A positive
   * integer.
   * @default 10000
   */
  maxPages?: number;
  /** Clock in ms since the epoch (default timestamps, cache ages). @default Date.now */
  now?: () => number;
}

function createClientFor(options: MlflowStoreOptions): RegistryClient {
  const env = options.env ?? process.env;
  const target = resolveTrackingUri(options.trackingUri, env);
  if (options.auth !== undefined && !target.secure && options.allowInsecureAuth !== true) {
    throw MlflowError.invalidParameterValue(
      "[@model-registry/mlflow-store] refusing to send a token over plain http: use an https tracking URI " +
        "(modelregistry+https:// or MODEL_REGISTRY_SECURE=true), or set allowInsecureAuth: true",
    );
  }
  const auth = options.auth ?? (target.secure ? defaultTokenProvider({ env }) : undefined);
  return createRegistryClient({
    baseUrl: target.baseUrl,
    env,
    ...(auth !== undefined ? { auth } : {}),
    ...(options.allowInsecureAuth === true ? { allowInsecureAuth: true } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.retry !== undefined ? { retry: options.retry } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.tls !== undefined ? { tls: options.tls } : {}),
    userAgent: "model-registry-ts/mlflow-store",
  });
}

/**
 * Creates an MLflow tracking store backed by Kubeflow Model Registry, writing the Python MLflow
 * plugin's storage layout.
 * @example
 * const store = createMlflowStore({ trackingUri: "modelregistry+https://registry.example:443" });
 * const experimentId = await store.createExperiment("demo");
 * @public
 */
export function createMlflowStore(options: MlflowStoreOptions = {}): MlflowStore {
  const client = options.client ?? createClientFor(options);
  const ctx = createStoreContext({
    client,
    artifactRoot: options.artifactLocation ?? pathToFileURL(`${process.cwd()}/mlruns`).href,
    ...(options.now ? { now: options.now } : {}),
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
    ...(options.lifecycleTtlMs !== undefined ? { lifecycleTtlMs: options.lifecycleTtlMs } : {}),
    ...(options.searchPageSize !== undefined ? { searchPageSize: options.searchPageSize } : {}),
    ...(options.maxPages !== undefined ? { maxPages: options.maxPages } : {}),
    ...(options.retry === false ? { writeRetry: { ...DEFAULT_WRITE_RETRY, maxAttempts: 1 } } : {}),
    truncation: {
      truncateLongValues:
        options.truncateLongValues ??
        (options.env ?? process.env).MLFLOW_TRUNCATE_LONG_VALUES?.toLowerCase() !== "false",
      onWarning: options.onWarning ?? ((message) => console.warn(message)),
    },
  });
  const runWrites = createRunWriteOperations(ctx);
  const queue = createAsyncLoggingQueue({
    logBatch: (runId, batch) => runWrites.logBatch(runId, batch),
    validate: (_runId, batch) => validateBatchItems(batch),
    ...(options.now ? { now: options.now } : {}),
  });
  return {
    ...createExperimentOperations(ctx),
    ...createRunOperations(ctx),
    ...runWrites,
    ...createMetricHistoryOperations(ctx),
    searchRuns: createSearchRunsOperation(ctx),
    ...createDatasetOperations(ctx),
    ...createLoggedModelOperations(ctx),
    logBatchAsync: (runId, batch) => queue.logBatchAsync(runId, batch),
    flushAsyncLogging: () => queue.flush(),
    endAsyncLogging: () => queue.end(),
    shutDownAsyncLogging: () => queue.shutDown(),
    closeAsyncLogging: (closeOptions) => queue.close(closeOptions),
    ...traceOperations,
  };
}
