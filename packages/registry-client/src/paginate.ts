import type { Client, MaybeOptionalInit } from "openapi-fetch";
import { DEFAULT_MAX_PAGES, DEFAULT_PAGE_SIZE } from "./constants.js";
import { RegistryError, RegistryResponseError } from "./errors.js";
import type { paths } from "./generated/schema.js";
import { requestSummaryOf, secretsOf } from "./request-summary.js";
import { scrubSecrets } from "./scrub-secrets.js";
import { toRegistryHttpError } from "./unwrap.js";

type JsonOk<Op> = Op extends { responses: { 200: { content: { "application/json": infer Body } } } }
  ? Body
  : never;

/**
 * Paths whose GET answers a list (`{ items, nextPageToken, ... }`).
 * @public
 */
export type ListPath = {
  [P in keyof paths]: paths[P] extends { get: infer Op }
    ? JsonOk<Op> extends { items: readonly unknown[]; nextPageToken: string }
      ? P
      : never
    : never;
}[keyof paths];

/**
 * The item type of a list path.
 * @public
 */
export type ListItem<P extends ListPath> =
  JsonOk<paths[P]["get"]> extends { items: readonly (infer I)[] } ? I : never;

/**
 * Request options of a list path (path and query parameters, headers, signal).
 * @public
 */
export type ListInit<P extends ListPath> = MaybeOptionalInit<paths[P], "get">;

/**
 * Options of {@link paginate}.
 * @public
 */
export interface PaginateOptions {
  /** Items per request. Wins over `params.query.pageSize`. @default 100 */
  readonly pageSize?: number | undefined;
  /** Pages fetched at most; one more is a `PAGINATION_ERROR`. @default 10000 */
  readonly maxPages?: number | undefined;
}

/**
 * The arguments of {@link paginate} after the client and path: the list operation's init
 * (required when the path has required parameters) and the options.
 * @public
 */
export type PaginateArgs<P extends ListPath> =
  undefined extends ListInit<P>
    ? [init?: ListInit<P>, options?: PaginateOptions]
    : [init: ListInit<P>, options?: PaginateOptions];

type QueryRecord = Record<string, unknown>;

/** The registry rejects longer page tokens (HTTP 400), so a longer one cannot be genuine. */
const MAX_TOKEN_LENGTH = 1024;

function positiveInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new RegistryError(`${name} must be a positive integer, got ${value}`, {
      code: "INVALID_OPTIONS",
    });
  }
  return value;
}

/** A page token for a message: short, and without the request's credentials. */
function quoteToken(token: string, response: Response): string {
  const shown = token.length > 64 ? `${token.slice(0, 64)}…` : token;
  return JSON.stringify(scrubSecrets(shown, secretsOf(response)));
}

/** The page's items and next token, or a typed error when the answer is not a list page. */
function readPage(data: unknown, response: Response): { items: unknown[]; next: unknown } {
  const malformed = (problem: string) =>
    new RegistryResponseError({
      ...requestSummaryOf(response),
      code: "INVALID_RESPONSE",
      status: response.status,
      problem,
    });
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw malformed("the body is not a list page (an object with items)");
  }
  const { items, nextPageToken } = data as { items?: unknown; nextPageToken?: unknown };
  if (!Array.isArray(items)) throw malformed("the list page has no items array");
  for (const item of items) {
    if (typeof item !== "object" || item === null || Array.isArray(item)) {
      throw malformed("the list page has an item that is not an object");
    }
  }
  return { items, next: nextPageToken };
}

/**
 * Iterates over every item of a list operation, page by page. It always sends `pageSize` (the
 * server's default is "everything") and resends the same query, e.g. `filterQuery`, with each
 * `nextPageToken`. HTTP errors throw {@link RegistryHttpError}; a page that is not a list (no
 * `items` array, an item that is not an object) throws {@link RegistryResponseError}; a next
 * token that repeats, is not a string or is implausibly long, or more than `maxPages` pages,
 * throw `PAGINATION_ERROR`, so a broken server cannot make it loop forever.
 * @example
 * for await (const run of paginate(client, "/api/model_registry/v1alpha3/experiment_runs", {
 *   params: { query: { filterQuery: 'status = "RUNNING"' } },
 * })) console.log(run.id);
 * @public
 */
export async function* paginate<P extends ListPath>(
  client: Pick<Client<paths>, "GET">,
  path: P,
  ...[init, options]: PaginateArgs<P>
): AsyncGenerator<ListItem<P>, void, undefined> {
  const base = (init ?? {}) as { params?: { query?: QueryRecord } & Record<string, unknown> };
  const query: QueryRecord = { ...base.params?.query };
  const pageSize = positiveInteger(
    options?.pageSize ?? Number(query["pageSize"] ?? DEFAULT_PAGE_SIZE),
    "pageSize",
  );
  const maxPages = positiveInteger(options?.maxPages ?? DEFAULT_MAX_PAGES, "maxPages");
  let token = typeof query["nextPageToken"] === "string" ? query["nextPageToken"] : "";
  const seen = new Set<string>(token ? [token] : []);
  const get = client.GET as (
    path: string,
    init: unknown,
  ) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
  for (let pages = 1; ; pages++) {
    const pageQuery: QueryRecord = { ...query, pageSize: String(pageSize) };
    if (token) pageQuery["nextPageToken"] = token;
    else delete pageQuery["nextPageToken"];
    const result = await get(path, { ...base, params: { ...base.params, query: pageQuery } });
    const { response } = result;
    if (!response.ok) throw toRegistryHttpError(result);
    const { items, next } = readPage(result.data, response);
    for (const item of items) yield item as ListItem<P>;
    if (next === undefined || next === null || next === "") return;
    const fail = (problem: string) =>
      new RegistryError(`${problem} (${path}, page ${pages})`, { code: "PAGINATION_ERROR" });
    if (typeof next !== "string") {
      throw fail(`the server sent a page token that is not a string (${typeof next})`);
    }
    if (next.length > MAX_TOKEN_LENGTH) {
      throw fail(
        `the server sent a page token of ${next.length} characters (at most ${MAX_TOKEN_LENGTH})`,
      );
    }
    if (seen.has(next)) {
      throw fail(`the server repeated the page token ${quoteToken(next, response)}`);
    }
    if (pages >= maxPages) {
      throw fail(`more than maxPages (${maxPages}) pages`);
    }
    seen.add(next);
    token = next;
  }
}
