import {
  DEFAULT_HOST,
  DEFAULT_PORT,
  HOST_ENV,
  PORT_ENV,
  REGISTRY_API_PREFIX,
  SECURE_ENV,
} from "./constants.js";
import { RegistryError } from "./errors.js";
import { redactUrl } from "./request-summary.js";

/**
 * Where the registry lives, as derived from a `baseUrl` option.
 * @public
 */
export interface ResolvedBaseUrl {
  /** `https://host:port` or `http://host:port`. */
  readonly origin: string;
  /** Path before the API prefix (a gateway path), `""` when none. */
  readonly basePath: string;
  /** `origin + basePath + REGISTRY_API_PREFIX`. */
  readonly apiBaseUrl: string;
  readonly secure: boolean;
}

const REGISTRY_SCHEMES: Record<string, "https" | "http" | "env"> = {
  "modelregistry:": "env",
  "modelregistry+https:": "https",
  "modelregistry+http:": "http",
};

function invalid(baseUrl: string, why: string): RegistryError {
  return new RegistryError(`invalid baseUrl "${redactUrl(baseUrl)}": ${why}`, {
    code: "INVALID_OPTIONS",
  });
}

/**
 * Accepts `https://h:p`, `http://h:p` (with or without the API prefix, optionally behind a
 * gateway path) and the tracking-URI forms `modelregistry://h:p` (TLS iff env
 * `MODEL_REGISTRY_SECURE=true`), `modelregistry+https://h:p` and `modelregistry+http://h:p`.
 * For the `modelregistry` forms a missing host or port falls back to env `MODEL_REGISTRY_HOST`
 * (default `localhost`) and `MODEL_REGISTRY_PORT` (default `8080`).
 * @public
 */
export function resolveBaseUrl(
  baseUrl: string,
  env: Record<string, string | undefined> = {},
): ResolvedBaseUrl {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw invalid(baseUrl, "not an absolute URL");
  }
  if (url.username || url.password)
    throw invalid(baseUrl, "credentials in the URL are not allowed");
  if (url.search || url.hash) throw invalid(baseUrl, "query and fragment are not allowed");

  const mode = REGISTRY_SCHEMES[url.protocol];
  let protocol: string;
  let host = url.hostname;
  let port = url.port;
  if (mode !== undefined) {
    const secure =
      mode === "env" ? env[SECURE_ENV]?.trim().toLowerCase() === "true" : mode === "https";
    protocol = secure ? "https:" : "http:";
    host ||= env[HOST_ENV] || DEFAULT_HOST;
    port ||= env[PORT_ENV] || DEFAULT_PORT;
  } else if (url.protocol === "https:" || url.protocol === "http:") {
    protocol = url.protocol;
    if (!host) throw invalid(baseUrl, "missing host");
  } else {
    throw invalid(baseUrl, `unsupported scheme "${url.protocol}"`);
  }

  const origin = new URL(`${protocol}//${host}${port ? `:${port}` : ""}`).origin;
  let path = url.pathname.replace(/\/+$/, "");
  if (path.endsWith(REGISTRY_API_PREFIX)) path = path.slice(0, -REGISTRY_API_PREFIX.length);
  return {
    origin,
    basePath: path,
    apiBaseUrl: `${origin}${path}${REGISTRY_API_PREFIX}`,
    secure: protocol === "https:",
  };
}
