import { decodeError, HttpError } from "./http-error.js";

/**
 * The query string of a request, parsed like Go's `url.ParseQuery` on first use: the first value
 * of a repeated parameter wins, and a malformed escape is a 400 (only on endpoints that read it).
 * @internal
 */
export class Query {
  private values: Map<string, string> | undefined;
  private error: string | undefined;

  constructor(private readonly search: string) {}

  /** True when there is no query string at all. */
  isEmpty(): boolean {
    return this.search === "" || this.search === "?";
  }

  get(name: string): string | undefined {
    if (this.values === undefined) this.parse();
    if (this.error !== undefined) throw decodeError(this.error);
    return this.values?.get(name);
  }

  /** Every value, malformed pairs skipped (what the validation middleware sees). */
  allValues(): Array<[string, string]> {
    if (this.values === undefined) this.parse();
    return [...(this.values ?? new Map<string, string>())];
  }

  private parse(): void {
    const values = new Map<string, string>();
    const text = this.search.startsWith("?") ? this.search.slice(1) : this.search;
    for (const pair of text.split("&")) {
      if (pair === "") continue;
      const eq = pair.indexOf("=");
      const rawKey = eq < 0 ? pair : pair.slice(0, eq);
      const rawValue = eq < 0 ? "" : pair.slice(eq + 1);
      const key = decodeQueryPart(rawKey);
      const value = decodeQueryPart(rawValue);
      if (key === null || value === null) {
        this.error ??= `invalid URL escape ${JSON.stringify(firstBadEscape(pair))}`;
        continue;
      }
      if (!values.has(key)) values.set(key, value);
    }
    this.values = values;
  }
}

function decodeQueryPart(text: string): string | null {
  if (!text.includes("%") && !text.includes("+")) return text;
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return null;
  }
}

function firstBadEscape(text: string): string {
  const match = /%(?![0-9A-Fa-f]{2}).{0,2}/.exec(text);
  return match?.[0] ?? text;
}

/** The validation middleware: NUL bytes (or the text `\u0000`) in query values or the body. @internal */
export function assertNoNullBytes(query: Query, body: string | null): void {
  if (query.isEmpty() && body === null) return;
  for (const [name, value] of query.allValues()) {
    if (value.includes("\u0000") || value.includes("\\u0000")) {
      throw new HttpError(
        400,
        `Invalid ${name} query parameter: invalid ${name} parameter: contains null bytes which are not allowed`,
      );
    }
  }
  if (body !== null && (body.includes("\u0000") || body.includes("\\u0000"))) {
    throw new HttpError(400, "Request body contains null bytes which are not allowed");
  }
}
