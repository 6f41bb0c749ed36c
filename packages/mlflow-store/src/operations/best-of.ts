/** The first `limit` items offered, in `compare` order, kept in bounded memory. @internal */
export interface BestOf<T> {
  /** Considers one item; it is dropped unless among the first `limit` so far. */
  offer(item: T): void;
  /** The kept items, in `compare` order. */
  sorted(): T[];
}

/**
 * Keeps the first `limit` items by `compare` (a total order) among those offered, with a binary
 * max-heap: O(log limit) per item and at most `limit` items held, so a search can discard rows
 * that cannot reach the requested page as it reads them. `limit` may be `Infinity`.
 * @internal
 */
export function createBestOf<T>(limit: number, compare: (a: T, b: T) => number): BestOf<T> {
  const heap: T[] = [];
  const worse = (i: number, j: number) => compare(heap[i] as T, heap[j] as T) > 0;
  const swap = (i: number, j: number) => {
    const item = heap[i] as T;
    heap[i] = heap[j] as T;
    heap[j] = item;
  };
  function siftUp(start: number): void {
    let i = start;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!worse(i, parent)) return;
      swap(i, parent);
      i = parent;
    }
  }
  function siftDown(): void {
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let top = i;
      if (left < heap.length && worse(left, top)) top = left;
      if (right < heap.length && worse(right, top)) top = right;
      if (top === i) return;
      swap(i, top);
      i = top;
    }
  }
  return {
    offer(item) {
      if (limit <= 0) return;
      if (heap.length < limit) {
        heap.push(item);
        siftUp(heap.length - 1);
      } else if (compare(item, heap[0] as T) < 0) {
        heap[0] = item;
        siftDown();
      }
    },
    sorted: () => [...heap].sort(compare),
  };
}
