import { S3StorageError } from "./s3-storage-error.js";
import type { S3Location } from "./s3-uri.js";

/**
 * Static AWS credentials, or a function that returns them (called by the SDK when it needs them).
 * @public
 */
export type S3Credentials =
  | { accessKeyId: string; secretAccessKey: string; sessionToken?: string }
  | (() => Promise<{ accessKeyId: string; secretAccessKey: string; sessionToken?: string }>);

/**
 * How to reach S3 (or an S3-compatible server such as MinIO or Ceph). Every option has an
 * environment default, the variables MLflow and Kubeflow users already set.
 * @public
 */
export interface S3ConnectionOptions {
  /**
   * Endpoint URL for S3-compatible servers, e.g. `http://minio.example:9000`. Precedence: this
   * option, the URI's `?endpoint=`, env `MLFLOW_S3_ENDPOINT_URL`, env `AWS_S3_ENDPOINT`, else the
   * SDK's own (AWS, or `AWS_ENDPOINT_URL_S3` / `AWS_ENDPOINT_URL`). An endpoint without a scheme
   * gets `https://`.
   */
  endpoint?: string;
  /**
   * Region. Precedence: this option, the URI's `?defaultRegion=`, env `AWS_REGION`, env
   * `AWS_DEFAULT_REGION`, else the SDK's (the shared config file's profile); `us-east-1` when an
   * endpoint is set and nothing names a region.
   */
  region?: string;
  /**
   * Path-style addressing (`https://host/bucket/key`). @default true when an endpoint is set (as
   * MinIO and Ceph need), else virtual-hosted style; env `MLFLOW_BOTO_CLIENT_ADDRESSING_STYLE`
   * (`path` | `virtual` | `auto`) overrides the default.
   */
  forcePathStyle?: boolean;
  /** Skip TLS certificate verification. @default env MLFLOW_S3_IGNORE_TLS === "true" */
  ignoreTls?: boolean;
  /** Extra CA certificates (PEM) to trust for https endpoints. */
  ca?: string | Buffer;
  /**
   * Credentials. @default env AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN when
   * `env` is given and sets them, else the SDK's default credential chain (environment, shared
   * files and profiles, SSO, web identity, container and instance metadata).
   */
  credentials?: S3Credentials;
  /** Attempts per S3 request, retries included (the SDK's standard retry mode). @default 3 */
  maxAttempts?: number;
  /** Environment to read. @default process.env */
  env?: Record<string, string | undefined>;
}

/** What one S3 client is built from (the cache key of a client). @internal */
export interface ResolvedS3Config {
  readonly endpoint?: string;
  readonly region?: string;
  readonly forcePathStyle: boolean;
  readonly ignoreTls: boolean;
}

function withScheme(endpoint: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(endpoint) ? endpoint : `https://${endpoint}`;
}

/**
 * Resolves endpoint, region, addressing style and TLS verification for one location from the
 * options, the location's URI parameters and the environment (see {@link S3ConnectionOptions}).
 * @internal
 */
export function resolveS3Config(
  options: S3ConnectionOptions,
  location: Pick<S3Location, "endpoint" | "region">,
): ResolvedS3Config {
  const env = options.env ?? process.env;
  const rawEndpoint =
    options.endpoint ||
    location.endpoint ||
    env.MLFLOW_S3_ENDPOINT_URL ||
    env.AWS_S3_ENDPOINT ||
    undefined;
  const endpoint = rawEndpoint === undefined ? undefined : withScheme(rawEndpoint.trim());
  if (endpoint !== undefined && !URL.canParse(endpoint)) {
    throw new S3StorageError(
      `Invalid S3 endpoint URL '${endpoint.replace(/\/\/[^/@]*@/, "//***@")}'`,
      {
        code: "INVALID_OPTIONS",
      },
    );
  }
  const region =
    options.region ||
    location.region ||
    env.AWS_REGION ||
    env.AWS_DEFAULT_REGION ||
    (endpoint !== undefined ? "us-east-1" : undefined);
  const style = (env.MLFLOW_BOTO_CLIENT_ADDRESSING_STYLE ?? "").toLowerCase();
  const forcePathStyle =
    options.forcePathStyle ??
    (style === "path" ? true : style === "virtual" ? false : endpoint !== undefined);
  const ignoreTls =
    options.ignoreTls ?? (env.MLFLOW_S3_IGNORE_TLS ?? "").trim().toLowerCase() === "true";
  return {
    ...(endpoint !== undefined ? { endpoint } : {}),
    ...(region ? { region } : {}),
    forcePathStyle,
    ignoreTls,
  };
}

/** Static credentials from `env`, when it sets both the key id and the secret. @internal */
export function credentialsFromEnv(
  env: Record<string, string | undefined>,
): { accessKeyId: string; secretAccessKey: string; sessionToken?: string } | undefined {
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) return undefined;
  const sessionToken = env.AWS_SESSION_TOKEN;
  return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
}
