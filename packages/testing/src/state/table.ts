import type { Row } from "./rows.js";

/**
 * Rows of one entity type: by id, and as an array in ascending id order (ids only grow, so
 * appends keep it sorted; bulk loads sort once).
 * @internal
 */
export class Table<R extends Row> {
  readonly byId = new Map<number, R>();
  readonly rows: R[] = [];

  add(row: R): void {
    this.byId.set(row.id, row);
    insertSorted(this.rows, row);
  }

  get(id: number): R | undefined {
    return this.byId.get(id);
  }

  clear(): void {
    this.byId.clear();
    this.rows.length = 0;
  }
}

/** Inserts a row into an id-sorted array (O(1) for the usual append). @internal */
export function insertSorted<R extends { id: number }>(rows: R[], row: R): void {
  const last = rows[rows.length - 1];
  if (last === undefined || last.id < row.id) {
    rows.push(row);
    return;
  }
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((rows[mid] as R).id < row.id) low = mid + 1;
    else high = mid;
  }
  if (rows[low]?.id !== row.id) rows.splice(low, 0, row);
}

/** Appends to the array stored under `key`, creating it on first use. @internal */
export function pushTo<K, R extends { id: number }>(map: Map<K, R[]>, key: K, row: R): void {
  const rows = map.get(key);
  if (rows) insertSorted(rows, row);
  else map.set(key, [row]);
}
