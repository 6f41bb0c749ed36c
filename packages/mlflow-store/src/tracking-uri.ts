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

/**
 * Resolves an MLflow tracking URI for Kubeflow Model Registry, with the Python plugin's forms:
 * `modelregistry://host:port` (TLS iff `MODEL_REGISTRY_SECURE=true`), `modelregistry+https://…`,
 * `modelregistry+http://…`, and plain `http(s)://…`. A missing URI falls back to
 * `MLFLOW_TRACKING_URI`, then to `modelregistry://`; a missing host or port falls back to
 * `MODEL_REGISTRY_HOST` (default `localhost`) and `MODEL_REGISTRY_PORT` (default `8080`).
 * @public
 */
export function resolveTrackingUri(
  uri: string | undefined,
  env: TrackingEnv = process.env,
): ResolvedTrackingUri {
  const raw = (uri ?? env.MLFLOW_TRACKING_URI ?? "modelregistry://").trim();
  const schemeMatch = /^([a-z][a-z0-9+.-]*:)(.*)$/i.exec(raw);
  const scheme = schemeMatch?.[1]?.toLowerCase();
  if (!scheme || !SCHEMES.has(scheme)) {
    throw MlflowError.invalidParameterValue(
      `Unsupported tracking URI '${raw}'. Use modelregistry://host:port, modelregistry+https://host:port, modelregistry+http://host:port or http(s)://host:port.`,
    );
  }
  const rest = (schemeMatch?.[2] ?? "").replace(/^\/\//, "");
  const slash = rest.indexOf("/");
  const authority = slash === -1 ? rest : rest.slice(0, slash);
  const path = slash === -1 ? "" : rest.slice(slash).replace(/\/+$/, "");
  const at = authority.lastIndexOf("@");
  const hostPort = at === -1 ? authority : authority.slice(at + 1);
  const portMatch = /^(.*?)(?::(\d*))?$/.exec(hostPort);
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
