import type { Client, MaybeOptionalInit } from "openapi-fetch";
import { DEFAULT_PAGE_SIZE } from "./constants.js";
import { RegistryError } from "./errors.js";
import type { paths } from "./generated/schema.js";
import { unwrap } from "./unwrap.js";

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

/**
 * Iterates over every item of a list operation, page by page. It always sends `pageSize` (the
 * server's default is "everything") and resends the same query, e.g. `filterQuery`, with each
 * `nextPageToken`. HTTP errors throw {@link RegistryHttpError}.
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
  const pageSize = options?.pageSize ?? Number(query["pageSize"] ?? DEFAULT_PAGE_SIZE);
  if (!Number.isInteger(pageSize) || pageSize < 1) {
    throw new RegistryError(`pageSize must be a positive integer, got ${pageSize}`, {
      code: "INVALID_OPTIONS",
    });
  }
  let token = typeof query["nextPageToken"] === "string" ? query["nextPageToken"] : "";
  const seen = new Set<string>();
  const get = client.GET as (path: string, init: unknown) => Promise<{ response: Response }>;
  for (;;) {
    const pageQuery: QueryRecord = { ...query, pageSize: String(pageSize) };
    if (token) pageQuery["nextPageToken"] = token;
    else delete pageQuery["nextPageToken"];
    const page = (await unwrap(
      get(path, { ...base, params: { ...base.params, query: pageQuery } }),
    )) as {
      items: ListItem<P>[];
      nextPageToken?: string;
    };
    for (const item of page.items) yield item;
    const next = page.nextPageToken ?? "";
    if (next === "") return;
    if (seen.has(next)) {
      throw new RegistryError(`the server repeated the page token "${next}" for ${path}`, {
        code: "PAGINATION_ERROR",
      });
    }
    seen.add(next);
    token = next;
  }
}
