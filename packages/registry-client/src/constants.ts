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
