/**
 * `path` appended to the path of `uri` with one `/`, before any `?query` or `#fragment` (MLflow's
 * `append_to_uri_path`), so that `s3://b/p?endpoint=…` + `x` is `s3://b/p/x?endpoint=…`.
 * @public
 */
export function appendToUriPath(uri: string, path: string): string {
  const cut = uri.search(/[?#]/);
  const base = cut < 0 ? uri : uri.slice(0, cut);
  const rest = cut < 0 ? "" : uri.slice(cut);
  const tail = path.replace(/^\/+/, "");
  if (tail === "") return uri;
  return `${base.endsWith("/") ? base : `${base}/`}${tail}${rest}`;
}
