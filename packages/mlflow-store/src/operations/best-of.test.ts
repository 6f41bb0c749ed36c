import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createBestOf } from "./best-of.js";

const byNumber = (a: number, b: number) => a - b;

describe("createBestOf", () => {
  it("keeps the first `limit` items in order, whatever the order they are offered in", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: -1000, max: 1000 }), { maxLength: 200 }),
        fc.integer({ min: 0, max: 250 }),
        (items, limit) => {
          const best = createBestOf(limit, byNumber);
          for (const item of items) best.offer(item);
          expect(best.sorted()).toEqual([...items].sort(byNumber).slice(0, limit));
        },
      ),
    );
  });

  it("keeps everything without a limit", () => {
    const best = createBestOf(Number.POSITIVE_INFINITY, byNumber);
    for (const item of [5, 3, 9, 1]) best.offer(item);
    expect(best.sorted()).toEqual([1, 3, 5, 9]);
  });
});
