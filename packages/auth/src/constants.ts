/**
 * Environment variable `fromEnv()` reads by default.
 * @public
 */
export const DEFAULT_TOKEN_ENV_VAR = "MODEL_REGISTRY_TOKEN";

/**
 * Where Kubernetes mounts a pod's projected service-account token.
 * @public
 */
export const DEFAULT_SA_TOKEN_PATH = "/var/run/secrets/kubernetes.io/serviceaccount/token";

/**
 * Where Kubernetes mounts the cluster CA bundle next to the service-account token.
 * @public
 */
export const DEFAULT_SA_CA_PATH = "/var/run/secrets/kubernetes.io/serviceaccount/ca.crt";

/**
 * How often the service-account token file is re-read even when it looks unchanged: one minute,
 * the period client-go uses for its cached file token source. The kubelet rotates projected tokens
 * at 80% of their lifetime (at least ten minutes), so one minute is always well inside it.
 * @public
 */
export const DEFAULT_SA_RELOAD_INTERVAL_MS = 60_000;

/**
 * How long before `expiresAt` `memoize()` fetches a new token: five minutes, enough to absorb clock
 * skew between this process and the token issuer and the latency of a slow request.
 * @public
 */
export const DEFAULT_REFRESH_WINDOW_MS = 300_000;

/**
 * Environment variable listing kubeconfig files, separated by the platform's path delimiter.
 * @public
 */
export const KUBECONFIG_ENV_VAR = "KUBECONFIG";
