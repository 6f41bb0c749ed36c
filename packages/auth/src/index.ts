export { chain } from "./chain.js";
export {
  DEFAULT_REFRESH_WINDOW_MS,
  DEFAULT_SA_CA_PATH,
  DEFAULT_SA_RELOAD_INTERVAL_MS,
  DEFAULT_SA_TOKEN_PATH,
  DEFAULT_TOKEN_ENV_VAR,
  KUBECONFIG_ENV_VAR,
} from "./constants.js";
export {
  type DefaultTokenProviderOptions,
  defaultTokenProvider,
} from "./default-token-provider.js";
export type { FileIdentity, ReadTextFile, StatFile } from "./file-access.js";
export { type EnvRecord, type FromEnvOptions, fromEnv } from "./from-env.js";
export { type FromKubeconfigOptions, fromKubeconfig } from "./from-kubeconfig.js";
export {
  type FromServiceAccountTokenFileOptions,
  fromServiceAccountTokenFile,
} from "./from-service-account-token-file.js";
export { fromStaticToken } from "./from-static-token.js";
export { type MemoizeOptions, memoize } from "./memoize.js";
export { type OptionalOptions, optional } from "./optional.js";
export {
  isTokenProviderError,
  TokenProviderError,
  type TokenProviderErrorCode,
  type TokenProviderErrorOptions,
} from "./token-provider-error.js";
export type {
  AccessToken,
  OptionalTokenProvider,
  TokenProvider,
  TokenRequestOptions,
} from "./types.js";
