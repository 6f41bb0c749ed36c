import { defaultTokenProvider, type OptionalTokenProvider, optional } from "@model-registry/auth";
import {
  ALLOW_INSECURE_AUTH_ENV,
  type AuthFailureHint,
  createRegistryClient,
  type RegistryClient,
} from "@model-registry/registry-client";
import { createAsyncLoggingQueue } from "./async-logging/create-async-logging-queue.js";
import { checkOptionKeys } from "./check-option-keys.js";
import { CONNECTION_OPTION_KEYS, type ConnectionOptions } from "./connection-options.js";
import { createDatasetOperations } from "./datasets/create-dataset-operations.js";
import { createLoggedModelOperations } from "./logged-models/create-logged-model-operations.js";
import { MlflowError } from "./mlflow-error.js";
import { createModelRegistryOperations } from "./model-registry/create-model-registry-operations.js";
import { withDefaultExperiment } from "./operations/default-experiment.js";
import { createExperimentOperations } from "./operations/experiments.js";
import { createMetricHistoryOperations } from "./operations/metric-history.js";
import { createRunWriteOperations } from "./operations/run-writes.js";
import { createRunOperations } from "./operations/runs.js";
import { createSearchRunsOperation } from "./operations/search-runs.js";
import { validateBatchItems } from "./operations/validate.js";
import { defaultArtifactRoot, defaultEnv } from "./runtime.js";
import { createStoreContext, DEFAULT_WRITE_RETRY, type WriteRetry } from "./store-context.js";
import { traceOperations } from "./traces.js";
import { resolveTrackingUri } from "./tracking-uri.js";
import type { MlflowStore } from "./types.js";

/**
 * Options of {@link createMlflowStore}: where the registry is and how to connect to it (see
 * {@link ConnectionOptions}), and how the store behaves.
 * @public
 */
export interface MlflowStoreOptions extends ConnectionOptions {
  /**
   * `modelregistry://host:port` (TLS iff `MODEL_REGISTRY_SECURE=true`), `modelregistry+https://…`,
   * `modelregistry+http://…` or `http(s)://…`. Ignored when `client` is given.
   * @default env MLFLOW_TRACKING_URI (blank counts as unset), else modelregistry:// with MODEL_REGISTRY_HOST/PORT (localhost:8080)
   */
  trackingUri?: string | undefined;
  /**
   * A ready registry client (then `trackingUri`, the connection options and `fetch` are not used,
   * except `retry: false`, which also stops the store from repeating a write itself).
   */
  client?: RegistryClient | undefined;
  /**
   * Root of the artifact locations given to new experiments that do not name one.
   * @default a `file://` URL of `./mlruns` in the current directory (Node.js); `mlruns` in the
   * universal build (browsers, workers)
   */
  artifactLocation?: string | undefined;
  /**
   * Environment to read (MLFLOW_TRACKING_URI, MODEL_REGISTRY_*, MODELREGISTRY_CA_CERT_PATH).
   * @default process.env on Node.js; none in the universal build (browsers, workers)
   */
  env?: Record<string, string | undefined> | undefined;
  /** fetch used by the registry client it creates. @default globalThis.fetch at each request */
  fetch?: typeof globalThis.fetch | undefined;
  /**
   * Registry requests the store keeps in flight: every metric point and param it writes, for all
   * calls and runs together, goes through this many lanes; operations that fan out otherwise
   * (experiment delete/restore cascades, dataset inputs, registry lookups) use as many each. The
   * default was chosen with the benchmark's concurrency curve (see the README's "Concurrency"
   * section): lower it when many processes log to one registry at once.
   * @default 32
   */
  concurrency?: number | undefined;
  /** How long a run's or experiment's lifecycle stage read from the registry is trusted for writes, in ms. @default 10000 */
  lifecycleTtlMs?: number | undefined;
  /**
   * Read searchRuns' candidates (runs, and the metric, param and dataset artifacts the filter and
   * order name) in registry pages of this size, keeping only the runs that can reach the requested
   * page: memory no longer grows with the experiments' size, but a search costs one request per
   * page of each list instead of one per list. A positive integer.
   * @default undefined (one request per list, at most 6 per search page)
   */
  searchPageSize?: number | undefined;
  /**
   * Truncate param values over 6000 and run-tag values over 8000 characters instead of rejecting
   * them, as MLflow does by default.
   * @default env MLFLOW_TRUNCATE_LONG_VALUES (true unless "false")
   */
  truncateLongValues?: boolean | undefined;
  /** Receives MLflow's warnings (e.g. a truncated value). @default console.warn */
  onWarning?: ((message: string) => void) | undefined;
  /**
   * Pages one registry listing may follow before the store gives up with an `INTERNAL_ERROR`
   * (a registry that keeps sending new page tokens would otherwise be paged forever). A positive
   * integer.
   * @default 10000
   */
  maxPages?: number | undefined;
  /** Clock in ms since the epoch (default timestamps, cache ages). @default Date.now */
  now?: (() => number) | undefined;
}

/** Every key of {@link MlflowStoreOptions} (a type test checks that none is missing). @internal */
export const STORE_OPTION_KEYS = [
  "trackingUri",
  "client",
  "artifactLocation",
  "env",
  "fetch",
  "concurrency",
  "lifecycleTtlMs",
  "searchPageSize",
  "truncateLongValues",
  "onWarning",
  "maxPages",
  "now",
  ...CONNECTION_OPTION_KEYS,
] as const satisfies readonly (keyof MlflowStoreOptions)[];

/** What to do to send tokens to a plain-http registry, for messages. */
const INSECURE_AUTH_REMEDY =
  "use an https tracking URI (modelregistry+https://, or modelregistry:// with MODEL_REGISTRY_SECURE=true), " +
  `or allow tokens over plain http with allowInsecureAuth: true or ${ALLOW_INSECURE_AUTH_ENV}=true`;

/**
 * Over plain http the default provider's token is withheld. When the registry then answers 401
 * or 403, this says so if the provider does have a token (it is asked only then, never sent).
 */
function withheldTokenHint(provider: OptionalTokenProvider): AuthFailureHint {
  return async ({ tokenSent }) => {
    if (tokenSent) return undefined;
    const found = await provider().catch(() => null);
    return found === null
      ? undefined
      : "A token was found (MODEL_REGISTRY_TOKEN, the service-account token or kubeconfig) but not " +
          `sent, because the registry URL is plain http: ${INSECURE_AUTH_REMEDY}`;
  };
}

function createClientFor(options: MlflowStoreOptions): RegistryClient {
  const env = options.env ?? defaultEnv();
  const target = resolveTrackingUri(options.trackingUri, env);
  const allowInsecureAuth =
    options.allowInsecureAuth ?? env[ALLOW_INSECURE_AUTH_ENV]?.trim().toLowerCase() === "true";
  if (options.auth !== undefined && !target.secure && !allowInsecureAuth) {
    throw MlflowError.invalidParameterValue(
      `[@model-registry/mlflow-store] refusing to send a token over plain http to ${target.baseUrl}: ${INSECURE_AUTH_REMEDY}`,
    );
  }
  // The default provider: MODEL_REGISTRY_TOKEN, the service-account token, kubeconfig; no
  // Authorization header when none of them is configured, an error when one is but fails.
  const defaultAuth = () => optional(defaultTokenProvider({ env }));
  const sendsTokens = target.secure || allowInsecureAuth;
  const auth = options.auth ?? (sendsTokens ? defaultAuth() : undefined);
  const authFailureHint =
    options.auth === undefined && !sendsTokens ? withheldTokenHint(defaultAuth()) : undefined;
  return createRegistryClient({
    baseUrl: target.baseUrl,
    env,
    allowInsecureAuth,
    ...(auth !== undefined ? { auth } : {}),
    ...(authFailureHint !== undefined ? { authFailureHint } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.retry !== undefined ? { retry: options.retry } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.bodyTimeoutMs !== undefined ? { bodyTimeoutMs: options.bodyTimeoutMs } : {}),
    ...(options.maxResponseBytes !== undefined
      ? { maxResponseBytes: options.maxResponseBytes }
      : {}),
    ...(options.tls !== undefined ? { tls: options.tls } : {}),
    userAgent: "model-registry-ts/mlflow-store",
  });
}

/**
 * The store's own retries of a write whose outcome it can settle (see docs/mapping.md): `retry`'s
 * attempts and delays when given, one attempt for `retry: false`.
 */
function writeRetryOf(retry: MlflowStoreOptions["retry"]): WriteRetry {
  if (retry === false) return { ...DEFAULT_WRITE_RETRY, maxAttempts: 1 };
  const chosen: Partial<Record<keyof WriteRetry, number>> = {};
  for (const key of ["maxAttempts", "baseDelayMs", "maxDelayMs", "maxElapsedMs"] as const) {
    const value = retry?.[key];
    if (value === undefined) continue;
    const least = key === "maxAttempts" ? 1 : 0;
    if (typeof value !== "number" || !Number.isFinite(value) || value < least) {
      throw new MlflowError(
        `createMlflowStore: retry.${key} must be a finite number of at least ${least}, got ${String(value)}`,
        "INVALID_PARAMETER_VALUE",
      );
    }
    chosen[key] = key === "maxAttempts" ? Math.floor(value) : value;
  }
  return { ...DEFAULT_WRITE_RETRY, ...chosen };
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
  checkOptionKeys(options, STORE_OPTION_KEYS, "createMlflowStore");
  const client = options.client ?? createClientFor(options);
  const ctx = createStoreContext({
    client,
    artifactRoot: options.artifactLocation ?? defaultArtifactRoot(),
    ...(options.now ? { now: options.now } : {}),
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
    ...(options.lifecycleTtlMs !== undefined ? { lifecycleTtlMs: options.lifecycleTtlMs } : {}),
    ...(options.searchPageSize !== undefined ? { searchPageSize: options.searchPageSize } : {}),
    ...(options.maxPages !== undefined ? { maxPages: options.maxPages } : {}),
    writeRetry: writeRetryOf(options.retry),
    truncation: {
      truncateLongValues:
        options.truncateLongValues ??
        (options.env ?? defaultEnv()).MLFLOW_TRUNCATE_LONG_VALUES?.toLowerCase() !== "false",
      onWarning: options.onWarning ?? ((message) => console.warn(message)),
    },
  });
  const runWrites = createRunWriteOperations(ctx);
  const queue = createAsyncLoggingQueue({
    logBatch: (runId, batch) => runWrites.logBatch(runId, batch),
    validate: (runId, batch) => validateBatchItems(batch, runId),
    // The store orders each key's points itself: a run's next batch need not wait for its last.
    runConcurrency: 4,
    ...(options.now ? { now: options.now } : {}),
  });
  const operations = {
    ...createExperimentOperations(ctx),
    ...createRunOperations(ctx),
    ...runWrites,
    ...createMetricHistoryOperations(ctx),
    searchRuns: createSearchRunsOperation(ctx),
    ...createDatasetOperations(ctx),
    ...createLoggedModelOperations(ctx),
  };
  return {
    ...operations,
    // MLflow's default experiment "0" is the registry experiment named "Default".
    ...withDefaultExperiment(ctx, operations),
    ...createModelRegistryOperations(ctx),
    logBatchAsync: (runId, batch) => queue.logBatchAsync(runId, batch),
    flushAsyncLogging: () => queue.flush(),
    endAsyncLogging: () => queue.end(),
    shutDownAsyncLogging: () => queue.shutDown(),
    closeAsyncLogging: (closeOptions) => queue.close(closeOptions),
    ...traceOperations,
  };
}
