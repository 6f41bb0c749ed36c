import { chain } from "./chain.js";
import { type EnvRecord, type FromEnvOptions, fromEnv } from "./from-env.js";
import { type FromKubeconfigOptions, fromKubeconfig } from "./from-kubeconfig.js";
import {
  type FromServiceAccountTokenFileOptions,
  fromServiceAccountTokenFile,
} from "./from-service-account-token-file.js";
import { memoize } from "./memoize.js";
import type { TokenProvider } from "./types.js";

/**
 * Options for {@link defaultTokenProvider}.
 * @public
 */
export interface DefaultTokenProviderOptions {
  /** Environment for `fromEnv` and `fromKubeconfig`. Default: `process.env`. */
  readonly env?: EnvRecord;
  /** Options for the `fromEnv` step (its `env` defaults to the `env` above). */
  readonly fromEnv?: FromEnvOptions;
  /** Options for the `fromServiceAccountTokenFile` step. */
  readonly serviceAccount?: FromServiceAccountTokenFileOptions;
  /** Options for the `fromKubeconfig` step (its `env` defaults to the `env` above). */
  readonly kubeconfig?: FromKubeconfigOptions;
  /** Passed to `memoize`. Default: 300 000 ms. */
  readonly refreshWindowMs?: number;
  /** Clock for `memoize` and the service-account step. Default: `Date.now`. */
  readonly now?: () => number;
}

function withEnv<T extends { readonly env?: EnvRecord }>(base: T | undefined, env?: EnvRecord): T {
  const options = { ...base } as T;
  return env === undefined || options.env !== undefined ? options : { ...options, env };
}

/**
 * The provider most programs want: `MODEL_REGISTRY_TOKEN`, else the pod's service-account token,
 * else the current kubeconfig context, memoized:
 * `memoize(chain(fromEnv(), fromServiceAccountTokenFile(), fromKubeconfig()))`.
 *
 * @example
 * ```ts
 * const client = createRegistryClient({ baseUrl, auth: defaultTokenProvider() });
 * ```
 * @public
 */
export function defaultTokenProvider(options: DefaultTokenProviderOptions = {}): TokenProvider {
  const serviceAccount =
    options.now === undefined || options.serviceAccount?.now !== undefined
      ? options.serviceAccount
      : { ...options.serviceAccount, now: options.now };
  const memoizeOptions = {
    ...(options.refreshWindowMs === undefined ? {} : { refreshWindowMs: options.refreshWindowMs }),
    ...(options.now === undefined ? {} : { now: options.now }),
  };
  return memoize(
    chain(
      fromEnv(withEnv(options.fromEnv, options.env)),
      fromServiceAccountTokenFile(serviceAccount),
      fromKubeconfig(withEnv(options.kubeconfig, options.env)),
    ),
    memoizeOptions,
  );
}
