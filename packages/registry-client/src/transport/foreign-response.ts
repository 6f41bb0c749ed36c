const JSON_TYPE = /[/+]json\b/i;

/**
 * Whether `response` to a request for a registry API route cannot have come from a Model Registry,
 * whose routes always answer JSON (application/json; charset=UTF-8) except for its start-up 503:
 *
 * - a 2xx with a body that is not JSON (an HTML web UI or login page, a plain-text "OK");
 * - a 404 or 405 that is not JSON: the server has no such route (the registry's "no such
 *   resource" answers are JSON `{code, message}`; its router answers `404 page not found` in
 *   plain text only for paths outside its API, so the URL's host, port or path prefix is wrong,
 *   or the server is not a registry).
 *
 * Other statuses (401/403 from an authenticating proxy, 5xx from a gateway) stay HTTP errors.
 */
export function isForeignResponse(response: Response): boolean {
  const { status } = response;
  if (status !== 404 && status !== 405 && (status < 200 || status > 299)) return false;
  const type = response.headers.get("content-type");
  if (type !== null && JSON_TYPE.test(type)) return false;
  if (status === 404 || status === 405) return true;
  // 2xx: only an explicit non-JSON type with a body is foreign (no body: nothing to misread).
  return (
    type !== null &&
    status !== 204 &&
    status !== 205 &&
    response.headers.get("content-length") !== "0"
  );
}
