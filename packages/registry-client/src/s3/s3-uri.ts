import { S3StorageError } from "./s3-storage-error.js";

/**
 * An S3 object or prefix, as an `s3://` URI names it.
 * @public
 */
export interface S3Location {
  readonly bucket: string;
  /** Object key or key prefix, without a leading `/` (`""` for the whole bucket). */
  readonly key: string;
  /** S3 endpoint from the URI's `endpoint` query parameter (e.g. a MinIO URL). */
  readonly endpoint?: string;
  /** Region from the URI's `defaultRegion` query parameter. */
  readonly region?: string;
}

/**
 * Parses `s3://bucket/key/path` and the `s3://bucket/path?endpoint=…&defaultRegion=…` form that
 * the Python `model-registry` client's `s3_uri_from` builds. As MLflow reads S3 URIs, the key is
 * the URI path up to `?` or `#`, taken literally (no percent-decoding: S3 keys are not URL paths);
 * query values are decoded when they are percent-encoded. Other query parameters are ignored.
 * Throws {@link S3StorageError} `INVALID_S3_URI` for anything else.
 * @public
 */
export function parseS3Uri(uri: string): S3Location {
  const match = /^s3:\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?(?:#.*)?$/i.exec(uri);
  const bucket = match?.[1] ?? "";
  if (!match || bucket === "" || /[\s\\]/.test(bucket) || bucket.includes("@")) {
    throw new S3StorageError(
      `Invalid S3 URI '${redactUri(uri)}': expected s3://bucket/key (optionally ?endpoint=URL&defaultRegion=REGION)`,
      { code: "INVALID_S3_URI" },
    );
  }
  const key = (match[2] ?? "").replace(/^\/+/, "");
  const query = new URLSearchParams(match[3] ?? "");
  const endpoint = query.get("endpoint") || undefined;
  const region = query.get("defaultRegion") || undefined;
  return {
    bucket,
    key,
    ...(endpoint !== undefined ? { endpoint } : {}),
    ...(region !== undefined ? { region } : {}),
  };
}

/**
 * Builds an `s3://` URI from a location; `endpoint` and `region` become the
 * `?endpoint=…&defaultRegion=…` query exactly as the Python client writes it (values as given, not
 * percent-encoded), so both clients produce the same string.
 * @public
 */
export function formatS3Uri(location: S3Location): string {
  const base = `s3://${location.bucket}/${location.key}`;
  const query: string[] = [];
  if (location.endpoint) query.push(`endpoint=${location.endpoint}`);
  if (location.region) query.push(`defaultRegion=${location.region}`);
  return query.length === 0 ? base : `${base}?${query.join("&")}`;
}

/**
 * The location of `relativePath` under `location` (a key prefix): keys are joined with exactly
 * one `/`; endpoint and region are kept.
 * @public
 */
export function joinS3Location(location: S3Location, relativePath: string): S3Location {
  const prefix = location.key.replace(/\/+$/, "");
  const rest = relativePath.replace(/^\/+/, "");
  return { ...location, key: prefix === "" ? rest : rest === "" ? prefix : `${prefix}/${rest}` };
}

/** Hides `user:password@` in URLs before they go into a message. @internal */
export function redactUri(uri: string): string {
  return uri.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/@?#\s]*@/gi, "$1***@");
}
