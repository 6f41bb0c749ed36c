import { encodeBase64 } from "./base64.js";
import { decodeBase64Strict } from "./custom-properties.js";
import { badRequest } from "./http-error.js";
import { parseInt32 } from "./int32.js";
import type { Query } from "./query.js";

/** The list options of §7: page size, order column, direction and cursor. @internal */
export interface ListParams {
  readonly pageSize: number;
  readonly orderBy: "ID" | "CREATE_TIME" | "LAST_UPDATE_TIME";
  readonly desc: boolean;
  readonly cursor: { readonly id: number; readonly value: number } | undefined;
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

function parseToken(token: string): { id: number; value: number } {
  if (token.length > 1024) throw badRequest("invalid nextPageToken: token too long");
  let text: string;
  try {
    text = decodeBase64Strict(token);
  } catch (error) {
    throw badRequest(`invalid nextPageToken: ${(error as Error).message}`);
  }
  const colon = text.indexOf(":");
  if (colon < 0) throw badRequest("invalid nextPageToken: invalid format");
  const id = parseInt32(text.slice(0, colon));
  if (typeof id === "string") throw badRequest(`invalid nextPageToken: ${id}`);
  const value = Number(text.slice(colon + 1));
  if (!Number.isFinite(value)) throw badRequest("invalid nextPageToken: invalid value");
  return { id, value };
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

/** First index whose id is after the cursor (ascending) or, for DESC, the last index before it. */
function startIndex(rows: readonly Pageable[], cursorId: number, desc: boolean): number {
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((rows[mid] as Pageable).id <= cursorId) low = mid + 1;
    else high = mid;
  }
  if (!desc) return low;
  return rows[low - 1]?.id === cursorId ? low - 2 : low - 1;
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
    let index = cursor ? startIndex(rows, cursor.id, desc) : desc ? rows.length - 1 : 0;
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
      if (cursor) {
        const diff = sign * (sortValue(row, orderBy) - cursor.value);
        if (diff < 0 || (diff === 0 && sign * (row.id - cursor.id) <= 0)) continue;
      }
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
