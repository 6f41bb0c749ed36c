import { MlflowError } from "../mlflow-error.js";
import type { StoreContext } from "../store-context.js";
import type { TranslationMessages } from "../translate-registry-error.js";
import { registryCall } from "./registry-call.js";
import type { ResponseShape } from "./response-shapes.js";

type FetchResult<T> = { data?: T; error?: unknown; response: Response };

function pagingError(what: string, problem: string): MlflowError {
  return new MlflowError(`${what} failed: ${problem}`, "INTERNAL_ERROR");
}

/**
 * Follows one registry listing's `nextPageToken`s safely: `next(token)` returns the token to send
 * for the next page, or undefined when the listing is complete (an absent or empty token). A
 * token that is not a string, a token the registry already sent, or more than `maxPages` pages
 * is an `INTERNAL_ERROR` rather than an endless loop.
 * @internal
 */
export function createPageGuard(
  what: string,
  maxPages: number,
): (token: unknown) => string | undefined {
  const seen = new Set<string>();
  let pages = 0;
  return (token) => {
    pages++;
    if (token === undefined || token === null || token === "") return undefined;
    if (typeof token !== "string") {
      throw pagingError(what, `the registry sent a page token that is not a string`);
    }
    if (seen.has(token)) {
      throw pagingError(what, "the registry sent the same page token twice (paging would not end)");
    }
    if (pages >= maxPages) {
      throw pagingError(
        what,
        `the registry listing did not end after ${maxPages} pages (the store's maxPages limit)`,
      );
    }
    seen.add(token);
    return token;
  };
}

/**
 * Reads a registry listing page by page (each page checked against `shape`, the paging guarded
 * by {@link createPageGuard}) and hands each page's items to `onPage`; `onPage` returning `false`
 * stops early. `request(token)` sends one page request.
 * @internal
 */
export async function forEachPage<I>(
  ctx: StoreContext,
  what: string,
  shape: ResponseShape,
  request: (
    token: string | undefined,
  ) => Promise<FetchResult<{ items: I[]; nextPageToken?: string }>>,
  onPage: (items: I[]) => boolean | undefined,
  messages?: TranslationMessages,
): Promise<void> {
  const next = createPageGuard(what, ctx.maxPages);
  let token: string | undefined;
  do {
    const page = await registryCall(what, shape, request(token), messages);
    if (onPage(page.items) === false) return;
    token = next(page.nextPageToken);
  } while (token !== undefined);
}

/**
 * Every item of a registry listing, read page by page with {@link forEachPage}'s checks.
 * @internal
 */
export async function readAllPages<I>(
  ctx: StoreContext,
  what: string,
  shape: ResponseShape,
  request: (
    token: string | undefined,
  ) => Promise<FetchResult<{ items: I[]; nextPageToken?: string }>>,
  messages?: TranslationMessages,
): Promise<I[]> {
  const all: I[] = [];
  await forEachPage(
    ctx,
    what,
    shape,
    request,
    (items) => {
      all.push(...items);
      return undefined;
    },
    messages,
  );
  return all;
}
