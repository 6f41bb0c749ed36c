/**
 * The API version this client is generated for.
 * @public
 */
export const REGISTRY_API_VERSION = "v1alpha3";

/**
 * Path prefix of every Model Registry REST route.
 * @public
 */
export const REGISTRY_API_PREFIX = "/api/model_registry/v1alpha3";

/**
 * Per-attempt timeout when `timeoutMs` is not given.
 * @public
 */
export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Largest response body read when `maxResponseBytes` is not given: 32 MiB. The largest answer
 * the SDK asks for in normal use is a page of at most 1000 items (a few MB even with large custom
 * properties); 32 MiB leaves room for whole-list reads of big registries while bounding what a
 * broken or hostile server can make the process hold (the buffer, then its text and parsed
 * objects, a few times the size).
 * @public
 */
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

/**
 * Time allowed for reading a response body, from its headers on, when `bodyTimeoutMs` is not
 * given: 10 s (32 MiB at 3.3 MB/s). A body that trickles in stops there instead of holding the
 * attempt for the whole `timeoutMs`.
 * @public
 */
export const DEFAULT_BODY_TIMEOUT_MS = 10_000;

/**
 * Pages `paginate()` follows at most when `maxPages` is not given (a million items at the default
 * page size).
 * @public
 */
export const DEFAULT_MAX_PAGES = 10_000;

/**
 * Page size `paginate()` sends when none is given (the server's own default is "unlimited").
 * @public
 */
export const DEFAULT_PAGE_SIZE = 100;

/**
 * Kubernetes mounts the cluster CA here in every pod.
 * @public
 */
export const IN_CLUSTER_CA_PATH = "/run/secrets/kubernetes.io/serviceaccount/ca.crt";

/**
 * Environment variable naming a PEM CA bundle to trust.
 * @public
 */
export const CA_CERT_PATH_ENV = "MODELREGISTRY_CA_CERT_PATH";

/**
 * Environment variable that selects TLS for `modelregistry://` URIs (`true` → https).
 * @public
 */
export const SECURE_ENV = "MODEL_REGISTRY_SECURE";

/**
 * Environment variable that allows tokens over plain http for the whole process (`true`), as the
 * `allowInsecureAuth` option does for one client.
 * @public
 */
export const ALLOW_INSECURE_AUTH_ENV = "MODEL_REGISTRY_ALLOW_INSECURE_AUTH";

/** Host fallback (env) for `modelregistry://` URIs without a host. @internal */
export const HOST_ENV = "MODEL_REGISTRY_HOST";
/** Port fallback (env) for `modelregistry://` URIs without a port. @internal */
export const PORT_ENV = "MODEL_REGISTRY_PORT";
/** Host when neither the URI nor the env names one, as in the Python plugin. @internal */
export const DEFAULT_HOST = "localhost";
/** Port when neither the URI nor the env names one, as in the Python plugin. @internal */
export const DEFAULT_PORT = "8080";
