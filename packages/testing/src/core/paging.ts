import { encodeBase64 } from "./base64.js";
import { decodeBase64Strict } from "./custom-properties.js";
import { badRequest } from "./http-error.js";
import { parseInt32 } from "./int32.js";
import type { Query } from "./query.js";

/**
 * A decoded `nextPageToken`: the last row's id and the value part, which the server never parses
 * but hands to the database, where it is compared with the order column (see {@link sqlNumber}).
 * @internal
 */
export interface PageCursor {
  readonly id: number;
  readonly value: number;
}

/** The list options of §7: page size, order column, direction and cursor. @internal */
export interface ListParams {
  readonly pageSize: number;
  readonly orderBy: "ID" | "CREATE_TIME" | "LAST_UPDATE_TIME";
  readonly desc: boolean;
  readonly cursor: PageCursor | undefined;
}

/** What a list endpoint returns. @internal */
export interface ListBody<T> {
  items: T[];
  nextPageToken: string;
  pageSize: number;
  size: number;
}

/** A row as the pager sees it. @internal */
export interface Pageable {
  readonly id: number;
  created: number;
  updated: number;
}

const NUMERIC_PREFIX = /^[ \t\n\r\f\v]*([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)/;

/**
 * The number MySQL (the server's default database) makes of a string compared with an integer
 * column: the longest numeric prefix after leading whitespace, else 0 (`"7abc"` is 7, `"abc"` and
 * `""` are 0).
 * @internal
 */
export function sqlNumber(text: string): number {
  const match = NUMERIC_PREFIX.exec(text);
  if (!match) return 0;
  const value = Number(match[1]);
  return Number.isFinite(value) ? value : value > 0 ? Number.MAX_VALUE : -Number.MAX_VALUE;
}

/**
 * Decodes a token as the server's `DecodeCursor` does: at most 1024 characters, standard base64,
 * split on the first `:`, an int32 id before it. The value after it is opaque to the server (it
 * may contain `:` or be no number at all).
 */
function parseToken(token: string): PageCursor {
  if (token.length > 1024) throw badRequest("invalid nextPageToken: invalid cursor format");
  let text: string;
  try {
    text = decodeBase64Strict(token);
  } catch (error) {
    throw badRequest(`invalid nextPageToken: ${(error as Error).message}`);
  }
  const colon = text.indexOf(":");
  if (colon < 0) throw badRequest("invalid nextPageToken: invalid cursor format");
  const id = parseInt32(text.slice(0, colon));
  if (typeof id === "string") throw badRequest(`invalid nextPageToken: ${id}`);
  return { id, value: sqlNumber(text.slice(colon + 1)) };
}

/** Reads `pageSize`, `orderBy`, `sortOrder` and `nextPageToken` with the server's fallbacks. @internal */
export function readListParams(query: Query): ListParams {
  const rawSize = query.get("pageSize");
  let pageSize = 0;
  if (rawSize !== undefined && rawSize !== "") {
    const parsed = parseInt32(rawSize);
    if (typeof parsed === "string") throw badRequest(`invalid numeric string: ${parsed}`);
    pageSize = parsed;
  }
  const rawOrder = query.get("orderBy");
  const orderBy =
    rawOrder === "CREATE_TIME" || rawOrder === "LAST_UPDATE_TIME" ? rawOrder : ("ID" as const);
  const token = query.get("nextPageToken");
  return {
    pageSize,
    orderBy,
    desc: query.get("sortOrder") === "DESC",
    cursor: token ? parseToken(token) : undefined,
  };
}

function sortValue(row: Pageable, orderBy: ListParams["orderBy"]): number {
  if (orderBy === "CREATE_TIME") return row.created;
  if (orderBy === "LAST_UPDATE_TIME") return row.updated;
  return row.id;
}

/**
 * The server's cursor condition: `(col > value) OR (col = value AND id > lastId)`, with `<` for
 * DESC. For ID order the column is the id itself, so the value part decides where the page starts.
 */
function afterCursor(row: Pageable, params: ListParams, cursor: PageCursor): boolean {
  const column = sortValue(row, params.orderBy);
  if (params.desc) return column < cursor.value || (column === cursor.value && row.id < cursor.id);
  return column > cursor.value || (column === cursor.value && row.id > cursor.id);
}

/**
 * Where a scan in id order starts: the first row after the cursor (ascending) or the last one
 * (DESC). The condition is monotonic along rows whose order column never decreases with the id.
 */
function startIndex(rows: readonly Pageable[], params: ListParams, cursor: PageCursor): number {
  let low = 0;
  let high = rows.length;
  if (!params.desc) {
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (afterCursor(rows[mid] as Pageable, params, cursor)) high = mid;
      else low = mid + 1;
    }
    return low;
  }
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (afterCursor(rows[mid] as Pageable, params, cursor)) low = mid + 1;
    else high = mid;
  }
  return low - 1;
}

/** True when create times never decrease along the id-sorted rows (the usual case). */
function createdFollowsId(rows: readonly Pageable[]): boolean {
  for (let index = 1; index < rows.length; index += 1) {
    if ((rows[index] as Pageable).created < (rows[index - 1] as Pageable).created) return false;
  }
  return true;
}

/**
 * Pages through id-sorted rows: filter, order by (column, id) in the requested direction, apply
 * the cursor, and fetch `pageSize + 1` to decide on a token. ID order scans from the cursor and
 * stops after one row past the page; time orders sort the matches.
 * @internal
 */
export function listPage<R extends Pageable, T>(
  rows: readonly R[],
  match: ((row: R) => boolean) | null,
  params: ListParams,
  toItem: (row: R) => T,
): ListBody<T> {
  const limit = params.pageSize > 0 ? params.pageSize : Number.POSITIVE_INFINITY;
  const picked: R[] = [];
  const { cursor, desc, orderBy } = params;
  // With a monotonic clock, (createTime, id) order is id order: scan instead of sorting.
  if (orderBy === "ID" || (orderBy === "CREATE_TIME" && createdFollowsId(rows))) {
    const step = desc ? -1 : 1;
    let index = cursor ? startIndex(rows, params, cursor) : desc ? rows.length - 1 : 0;
    for (; index >= 0 && index < rows.length && picked.length <= limit; index += step) {
      const row = rows[index] as R;
      if (match === null || match(row)) picked.push(row);
    }
  } else {
    const matches = match === null ? [...rows] : rows.filter(match);
    const sign = desc ? -1 : 1;
    matches.sort((a, b) => sign * (sortValue(a, orderBy) - sortValue(b, orderBy) || a.id - b.id));
    for (const row of matches) {
      if (picked.length > limit) break;
      if (cursor && !afterCursor(row, params, cursor)) continue;
      picked.push(row);
    }
  }
  let nextPageToken = "";
  if (picked.length > limit) {
    picked.length = limit;
    const last = picked[picked.length - 1] as R;
    nextPageToken = encodeBase64(`${last.id}:${sortValue(last, orderBy)}`);
  }
  const items = picked.map(toItem);
  return { items, nextPageToken, pageSize: params.pageSize, size: items.length };
}
