import type { TokenProvider } from "@model-registry/auth";
import type { RetryOptions, TlsOptions } from "@model-registry/registry-client";

/**
 * How a store created from a tracking URI connects to the registry. `createMlflowStore`,
 * `createMlflowClient`, `createFluent` and `setTrackingUri` accept them.
 * @public
 */
export interface ConnectionOptions {
  /**
   * Bearer token or token provider. Sent only over https unless insecure auth is allowed; an
   * explicit `auth` with a plain-http URI is then an error rather than silently dropped.
   * @default defaultTokenProvider() from @model-registry/auth (MODEL_REGISTRY_TOKEN, the service-account token, kubeconfig); no Authorization header when none of them is configured; over plain http only when insecure auth is allowed
   */
  auth?: string | TokenProvider | undefined;
  /**
   * Send tokens over plain http too (e.g. through a local port-forward), the explicit `auth` or
   * the default provider's.
   * @default env MODEL_REGISTRY_ALLOW_INSECURE_AUTH === "true", else false
   */
  allowInsecureAuth?: boolean | undefined;
  /** CA and verification settings for https. @default env MODELREGISTRY_CA_CERT_PATH, else the in-cluster CA when present, else the system CAs */
  tls?: TlsOptions | undefined;
  /** Per-attempt timeout of registry requests, in ms. @default 30000 */
  timeoutMs?: number | undefined;
  /**
   * Time allowed for reading one response body, in ms (within `timeoutMs`); a registry that
   * drips its answer fails with TEMPORARILY_UNAVAILABLE instead of holding the call. @default 10000
   */
  bodyTimeoutMs?: number | undefined;
  /**
   * Largest registry response read, in bytes (at most 512 MiB); a larger one is cut off as soon
   * as it crosses the limit and the call fails with INTERNAL_ERROR. @default 33554432 (32 MiB)
   */
  maxResponseBytes?: number | undefined;
  /**
   * Retry settings of registry requests, or false for one attempt each. A store also repeats a
   * write whose outcome it can settle (see docs/mapping.md, "Exactly-once writes") with these
   * attempts and delays (default 5 attempts, 100 ms doubling to 2 s, within 60 s).
   */
  retry?: false | RetryOptions | undefined;
}

/** The keys of {@link ConnectionOptions}. @internal */
export const CONNECTION_OPTION_KEYS = [
  "auth",
  "allowInsecureAuth",
  "tls",
  "timeoutMs",
  "bodyTimeoutMs",
  "maxResponseBytes",
  "retry",
] as const satisfies readonly (keyof ConnectionOptions)[];

/** The connection options set in `options`, or undefined when none is. @internal */
export function pickConnectionOptions(
  options: ConnectionOptions | undefined,
): ConnectionOptions | undefined {
  if (options === undefined) return undefined;
  const picked: Record<string, unknown> = {};
  let any = false;
  for (const key of CONNECTION_OPTION_KEYS) {
    if (options[key] !== undefined) {
      picked[key] = options[key];
      any = true;
    }
  }
  return any ? (picked as ConnectionOptions) : undefined;
}
