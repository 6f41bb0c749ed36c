import * as openapiFetch from "openapi-fetch";

type PathSerializer = (pathname: string, pathParams: Record<string, unknown>) => string;

const PLACEHOLDER = /\{([^{}]+)\}/;

/** Templates remembered per client; more distinct ones than this are parsed at each call. */
const MAX_TEMPLATES = 512;

/**
 * A template split at its placeholders: literal, name, literal, ..., literal. Undefined when a
 * placeholder uses a label, matrix or explode style, which only openapi-fetch's serializer handles.
 */
function parseTemplate(pathname: string): readonly string[] | undefined {
  const parts = pathname.split(PLACEHOLDER);
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i] as string;
    if (name.startsWith(".") || name.startsWith(";") || name.endsWith("*")) return undefined;
  }
  return parts;
}

/**
 * openapi-fetch's default path serializer with the template parsed once: plain `{name}`
 * placeholders with string, number or boolean values are filled in directly, everything else
 * (styles, arrays, objects) goes to `defaultPathSerializer`, so the result is always the same.
 */
export function createPathSerializer(): PathSerializer {
  const fallback = openapiFetch.defaultPathSerializer;
  const templates = new Map<string, readonly string[] | null>();
  return function serializePath(pathname, pathParams) {
    let parts = templates.get(pathname);
    if (parts === undefined) {
      parts = parseTemplate(pathname) ?? null;
      if (templates.size < MAX_TEMPLATES) templates.set(pathname, parts);
    }
    if (parts === null) return fallback(pathname, pathParams);
    let url = parts[0] as string;
    for (let i = 1; i < parts.length; i += 2) {
      const name = parts[i] as string;
      const value = pathParams[name];
      if (value === undefined || value === null) url += `{${name}}`;
      else if (typeof value === "string" || typeof value === "number" || typeof value === "boolean")
        url += encodeURIComponent(value);
      else return fallback(pathname, pathParams);
      url += parts[i + 1] as string;
    }
    return url;
  };
}
