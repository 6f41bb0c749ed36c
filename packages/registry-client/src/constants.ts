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

/** Per-attempt timeout when `timeoutMs` is not given. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** Page size `paginate()` sends when none is given (the server's own default is "unlimited"). */
export const DEFAULT_PAGE_SIZE = 100;

/** Kubernetes mounts the cluster CA here in every pod. */
export const IN_CLUSTER_CA_PATH = "/run/secrets/kubernetes.io/serviceaccount/ca.crt";

/** Environment variable naming a PEM CA bundle to trust. */
export const CA_CERT_PATH_ENV = "MODELREGISTRY_CA_CERT_PATH";

/** Environment variable that selects TLS for `modelregistry://` URIs (`true` → https). */
export const SECURE_ENV = "MODEL_REGISTRY_SECURE";

/** Host and port fallbacks for `modelregistry://` URIs without them. */
export const HOST_ENV = "MODEL_REGISTRY_HOST";
export const PORT_ENV = "MODEL_REGISTRY_PORT";
export const DEFAULT_HOST = "localhost";
export const DEFAULT_PORT = "8080";
