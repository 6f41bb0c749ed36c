/**
 * The server's CORS middleware (go-chi/cors): origins `http://*` and `https://*`; methods GET, POST,
 * PUT, DELETE, OPTIONS (so not PATCH); headers Accept, Authorization, Content-Type, X-CSRF-Token,
 * X-PINGOTHER; `Link` exposed; preflights cached 300 s.
 * @internal
 */
const ALLOWED_METHODS = new Set(["GET", "POST", "PUT", "DELETE", "OPTIONS"]);
const ALLOWED_HEADERS = new Set([
  "accept",
  "authorization",
  "content-type",
  "x-csrf-token",
  "x-pingother",
  "origin",
]);

function allowedOrigin(origin: string | undefined): origin is string {
  return origin !== undefined && /^https?:\/\/./.test(origin);
}

/** Headers of a preflight answer (status 200, empty body); none when the preflight fails. @internal */
export function preflightHeaders(
  origin: string | undefined,
  requestMethod: string,
  requestHeaders: string | undefined,
): Record<string, string> {
  const vary = { vary: "Origin, Access-Control-Request-Method, Access-Control-Request-Headers" };
  const method = requestMethod.toUpperCase();
  const headers = (requestHeaders ?? "")
    .split(",")
    .map((header) => header.trim())
    .filter((header) => header !== "");
  if (
    !allowedOrigin(origin) ||
    !ALLOWED_METHODS.has(method) ||
    !headers.every((header) => ALLOWED_HEADERS.has(header.toLowerCase()))
  ) {
    return vary;
  }
  return {
    ...vary,
    "access-control-allow-origin": origin,
    "access-control-allow-methods": method,
    ...(headers.length > 0 ? { "access-control-allow-headers": headers.join(", ") } : {}),
    "access-control-max-age": "300",
  };
}

/** Headers added to an actual cross-origin request's response. @internal */
export function actualRequestHeaders(
  origin: string | undefined,
  method: string,
): Record<string, string> | undefined {
  if (origin === undefined) return undefined;
  if (!allowedOrigin(origin) || !ALLOWED_METHODS.has(method)) return { vary: "Origin" };
  return {
    vary: "Origin",
    "access-control-allow-origin": origin,
    "access-control-expose-headers": "Link",
  };
}
