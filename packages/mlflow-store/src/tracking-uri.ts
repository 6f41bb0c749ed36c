import { MlflowError } from "./mlflow-error.js";

/** Environment variables the tracking URI resolution reads. @public */
export type TrackingEnv = Record<string, string | undefined>;

/** Where a tracking URI points. @public */
export interface ResolvedTrackingUri {
  /** `http(s)://host:port[/path]`, ready for the registry client. */
  baseUrl: string;
  /** True for TLS. Tokens are only sent when this is true (as the Python plugin does). */
  secure: boolean;
}

const SCHEMES = new Set([
  "modelregistry:",
  "modelregistry+http:",
  "modelregistry+https:",
  "http:",
  "https:",
]);

/** The URI used when neither an explicit URI nor `MLFLOW_TRACKING_URI` is given. @internal */
export const FALLBACK_TRACKING_URI = "modelregistry://";

/** `uri` trimmed, or undefined when it is missing or blank ("not set"). @internal */
export function givenUri(uri: string | undefined): string | undefined {
  const trimmed = uri?.trim();
  return trimmed ? trimmed : undefined;
}

/**
 * The tracking URI a caller means: `uri` when given, else `MLFLOW_TRACKING_URI` (a blank value
 * counts as unset), else `modelregistry://`.
 * @internal
 */
export function effectiveTrackingUri(uri: string | undefined, env: TrackingEnv): string {
  return givenUri(uri) ?? givenUri(env.MLFLOW_TRACKING_URI) ?? FALLBACK_TRACKING_URI;
}

/** `scheme://user:secret@host` written as `scheme://***@host`, for messages. @internal */
export function redactUserInfo(uri: string): string {
  return uri.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, "$1***@");
}

/**
 * Throws when a tracking URI carries credentials (`user:password@`): they would be sent nowhere
 * and could end up in logs. Tokens go in the `auth` option or `MODEL_REGISTRY_TOKEN`.
 * @internal
 */
export function rejectUriCredentials(uri: string): void {
  if (!/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(uri)) return;
  throw MlflowError.invalidParameterValue(
    `Tracking URI '${redactUserInfo(uri)}' contains credentials (user:password@), which are not ` +
      "supported: remove them, and pass a token with the auth option or MODEL_REGISTRY_TOKEN instead.",
  );
}

/**
 * Resolves an MLflow tracking URI for Kubeflow Model Registry, with the Python plugin's forms:
 * `modelregistry://host:port` (TLS iff `MODEL_REGISTRY_SECURE=true`), `modelregistry+https://…`,
 * `modelregistry+http://…`, and plain `http(s)://…`. A missing or blank URI falls back to
 * `MLFLOW_TRACKING_URI` (blank counts as unset), then to `modelregistry://`; a missing host or
 * port falls back to `MODEL_REGISTRY_HOST` (default `localhost`) and `MODEL_REGISTRY_PORT`
 * (default `8080`). Credentials in the URI (`user:password@`) are rejected.
 * @public
 */
export function resolveTrackingUri(
  uri: string | undefined,
  env: TrackingEnv = process.env,
): ResolvedTrackingUri {
  const raw = effectiveTrackingUri(uri, env);
  const schemeMatch = /^([a-z][a-z0-9+.-]*:)(.*)$/i.exec(raw);
  const scheme = schemeMatch?.[1]?.toLowerCase();
  if (!scheme || !SCHEMES.has(scheme)) {
    throw MlflowError.invalidParameterValue(
      `Unsupported tracking URI '${redactUserInfo(raw)}'. Use modelregistry://host:port, modelregistry+https://host:port, modelregistry+http://host:port or http(s)://host:port.`,
    );
  }
  rejectUriCredentials(raw);
  const rest = (schemeMatch?.[2] ?? "").replace(/^\/\//, "");
  const slash = rest.indexOf("/");
  const authority = slash === -1 ? rest : rest.slice(0, slash);
  const path = slash === -1 ? "" : rest.slice(slash).replace(/\/+$/, "");
  const portMatch = /^(.*?)(?::(\d*))?$/.exec(authority);
  const host = portMatch?.[1] || env.MODEL_REGISTRY_HOST || "localhost";
  const plainHttp = scheme === "http:" || scheme === "https:";
  const port = portMatch?.[2] || (plainHttp ? "" : env.MODEL_REGISTRY_PORT || "8080");
  let secure: boolean;
  if (scheme === "modelregistry:")
    secure = (env.MODEL_REGISTRY_SECURE ?? "").toLowerCase() === "true";
  else secure = scheme === "https:" || scheme === "modelregistry+https:";
  return {
    baseUrl: `${secure ? "https" : "http"}://${host}${port ? `:${port}` : ""}${path}`,
    secure,
  };
}
