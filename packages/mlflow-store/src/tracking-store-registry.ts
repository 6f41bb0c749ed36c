import type { ConnectionOptions } from "./connection-options.js";
import { createMlflowStore } from "./create-mlflow-store.js";
import { MlflowError } from "./mlflow-error.js";
import {
  effectiveTrackingUri,
  FALLBACK_TRACKING_URI,
  redactUserInfo,
  rejectUriCredentials,
} from "./tracking-uri.js";
import type { MlflowStore } from "./types.js";

/** What a tracking-store factory receives (MLflow passes `store_uri` and `artifact_uri`). @public */
export interface TrackingStoreFactoryOptions {
  /** The full tracking URI, e.g. `modelregistry+https://registry:8443`. */
  storeUri: string;
  /** Root for artifact locations, when the caller gave one. */
  artifactUri?: string;
  /** The environment the caller gave, when it is not `process.env`. */
  env?: Record<string, string | undefined>;
  /** How to connect (token, TLS, timeouts, retries), when the caller gave any. */
  connection?: ConnectionOptions;
}

/** Builds a store for one tracking URI. @public */
export type TrackingStoreFactory = (options: TrackingStoreFactoryOptions) => MlflowStore;

/** Options of {@link TrackingStoreRegistry.getTrackingStore}. @public */
export interface GetTrackingStoreOptions {
  artifactUri?: string;
  /**
   * Read for `MLFLOW_TRACKING_URI` when no URI is given (a blank value counts as unset), and given
   * to the store (`MODEL_REGISTRY_*`). @default process.env
   */
  env?: Record<string, string | undefined>;
  /** How the store connects to the registry (token, TLS, timeouts, retries). */
  connection?: ConnectionOptions;
}

/**
 * MLflow's tracking-store registry: URI scheme → store factory. Stores are cached per (URI,
 * artifact URI), as MLflow caches them, so every caller of one URI shares one store (and its
 * async logging queue). A call with its own `env` or `connection` options gets a store of its own.
 * @public
 */
export interface TrackingStoreRegistry {
  /** Registers (or replaces) the factory for `scheme`, and forgets stores it cached for it. */
  registerTrackingStore(scheme: string, factory: TrackingStoreFactory): void;
  /** The store for `uri` (default: env `MLFLOW_TRACKING_URI`, else `modelregistry://`). */
  getTrackingStore(uri?: string, options?: GetTrackingStoreOptions): MlflowStore;
  /** Registered schemes, sorted. */
  schemes(): string[];
}

/** The tracking URI used when neither an explicit URI nor `MLFLOW_TRACKING_URI` is given. @public */
export const DEFAULT_TRACKING_URI = FALLBACK_TRACKING_URI;

/** Schemes of Kubeflow Model Registry, built into every registry. @public */
export const MODEL_REGISTRY_SCHEMES: readonly string[] = Object.freeze([
  "modelregistry",
  "modelregistry+http",
  "modelregistry+https",
]);

const modelRegistryFactory: TrackingStoreFactory = ({ storeUri, artifactUri, env, connection }) =>
  createMlflowStore({
    trackingUri: storeUri,
    ...(artifactUri === undefined ? {} : { artifactLocation: artifactUri }),
    ...(env === undefined ? {} : { env }),
    ...connection,
  });

/** What a tracking URI with an unregistered scheme most likely meant, for the error message. */
function suggestionFor(scheme: string, uri: string): string {
  if (scheme !== "http" && scheme !== "https") return "";
  const suggested = uri
    .replace(/^([a-z]+:\/\/)[^/@]*@/i, "$1")
    .replace(/^https?:/i, `modelregistry+${scheme}:`);
  return ` For a Kubeflow Model Registry at that address, use '${suggested}'.`;
}

/**
 * Creates an isolated tracking-store registry with the `modelregistry`, `modelregistry+http` and
 * `modelregistry+https` schemes built in. The module functions {@link registerTrackingStore} and
 * {@link getTrackingStore} use one shared instance.
 * @public
 */
export function createTrackingStoreRegistry(): TrackingStoreRegistry {
  const factories = new Map<string, TrackingStoreFactory>();
  const cache = new Map<string, { scheme: string; store: MlflowStore }>();
  for (const scheme of MODEL_REGISTRY_SCHEMES) factories.set(scheme, modelRegistryFactory);

  return {
    registerTrackingStore(scheme, factory) {
      const key = normaliseScheme(scheme);
      factories.set(key, factory);
      for (const [cacheKey, entry] of cache) if (entry.scheme === key) cache.delete(cacheKey);
    },
    getTrackingStore(uri, options = {}) {
      const env = options.env ?? process.env;
      const storeUri = effectiveTrackingUri(uri, env);
      const scheme = uriScheme(storeUri);
      const factory = factories.get(scheme);
      if (factory === undefined) {
        throw MlflowError.invalidParameterValue(
          `Unexpected URI scheme '${scheme}' for tracking URI '${redactUserInfo(storeUri)}'. ` +
            `Registered tracking-store schemes: ${[...factories.keys()].sort().join(", ")}.` +
            `${suggestionFor(scheme, storeUri)} ` +
            "Register more with registerTrackingStore(scheme, factory).",
        );
      }
      checkRegistryTrackingUri(storeUri);
      const ownEnv = options.env !== undefined && options.env !== process.env;
      const shared = !ownEnv && options.connection === undefined;
      const cacheKey = JSON.stringify([storeUri, options.artifactUri ?? null]);
      const cached = shared ? cache.get(cacheKey) : undefined;
      if (cached) return cached.store;
      const store = factory({
        storeUri,
        ...(options.artifactUri === undefined ? {} : { artifactUri: options.artifactUri }),
        ...(ownEnv ? { env } : {}),
        ...(options.connection === undefined ? {} : { connection: options.connection }),
      });
      if (shared) cache.set(cacheKey, { scheme, store });
      return store;
    },
    schemes: () => [...factories.keys()].sort(),
  };
}

/**
 * Throws when a Kubeflow Model Registry tracking URI carries credentials (other schemes are their
 * factories' business). @internal
 */
export function checkRegistryTrackingUri(uri: string): void {
  if (MODEL_REGISTRY_SCHEMES.includes(uriScheme(uri))) rejectUriCredentials(uri);
}

/** The scheme of a URI, lowercased (`""` when it has none). @internal */
export function uriScheme(uri: string): string {
  const match = /^([a-z][a-z0-9+.-]*):/i.exec(uri);
  return match ? match[1]!.toLowerCase() : "";
}

function normaliseScheme(scheme: string): string {
  const key = scheme.replace(/:\/?\/?$/, "").toLowerCase();
  if (!/^[a-z][a-z0-9+.-]*$/.test(key)) {
    throw MlflowError.invalidParameterValue(`Invalid URI scheme '${scheme}'.`);
  }
  return key;
}

const defaultRegistry = createTrackingStoreRegistry();

/**
 * Registers a tracking-store factory for a URI scheme in the shared registry (a later
 * registration of the same scheme replaces the earlier one, as MLflow plugins replace built-ins).
 * @public
 */
export function registerTrackingStore(scheme: string, factory: TrackingStoreFactory): void {
  defaultRegistry.registerTrackingStore(scheme, factory);
}

/**
 * The store for a tracking URI from the shared registry. Unknown schemes throw an `MlflowError`
 * INVALID_PARAMETER_VALUE that lists the registered ones.
 * @public
 */
export function getTrackingStore(uri?: string, options?: GetTrackingStoreOptions): MlflowStore {
  return defaultRegistry.getTrackingStore(uri, options);
}
