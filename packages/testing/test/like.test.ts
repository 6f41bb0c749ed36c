import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileLike } from "../src/core/like.js";
import { createFakeRegistry } from "../src/index.js";
import { checkResponse } from "./support/spec-check.js";

/**
 * The meaning of LIKE written as a regular expression: right for short inputs, exponential for
 * patterns of many `%` (which is why the fake does not match this way).
 */
function likeAsRegExp(pattern: string, caseInsensitive: boolean, escapes: boolean): RegExp {
  const literal = (char: string) => char.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  let source = "^";
  const chars = Array.from(pattern);
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i] as string;
    if (escapes && char === "\\" && i + 1 < chars.length) source += literal(chars[++i] as string);
    else if (char === "%") source += ".*";
    else if (char === "_") source += ".";
    else source += literal(char);
  }
  return new RegExp(`${source}$`, caseInsensitive ? "isu" : "su");
}

const ALPHABET = ["a", "A", "b", "s", "S", "ſ", "ß", "é", "É", "😀", "\n", ":", "\\", "%", "_"];
const text = fc.array(fc.constantFrom(...ALPHABET), { maxLength: 10 }).map((c) => c.join(""));

describe("LIKE matching", () => {
  it("agrees with the regex reading of LIKE on short inputs (property)", () => {
    fc.assert(
      fc.property(text, text, fc.boolean(), fc.boolean(), (pattern, value, ci, escapes) => {
        const expected = likeAsRegExp(pattern, ci, escapes).test(value);
        expect(compileLike(pattern, { caseInsensitive: ci, escapes }).test(value)).toBe(expected);
      }),
      { seed: 7, numRuns: 5000 },
    );
  });

  it("examples: anchors, runs of %, _ as one code point, escapes", () => {
    const like = (p: string, v: string, escapes = false) =>
      compileLike(p, { caseInsensitive: false, escapes }).test(v);
    expect(like("run-%", "run-1")).toBe(true);
    expect(like("%-1", "run-1")).toBe(true);
    expect(like("%%%", "")).toBe(true);
    expect(like("a%b%c", "abc")).toBe(true);
    expect(like("a%b%c", "acb")).toBe(false);
    expect(like("ab%ba", "aba")).toBe(false);
    expect(like("_", "😀")).toBe(true);
    expect(like("__", "😀")).toBe(false);
    expect(like("100\\%", "100%", true)).toBe(true);
    expect(like("100\\%", "1000", true)).toBe(false);
    expect(like("100\\%", "100\\x")).toBe(true);
    expect(compileLike("RUN-%", { caseInsensitive: true }).test("run-7")).toBe(true);
  });

  it("a pattern of many % against long names takes linear work, not exponential", () => {
    // As a backtracking regex, 20 `%a` before a `b` that never comes tries about C(30, 20)
    // ways to split a 30-character name (seconds); with more of them it never ends.
    const pattern = `${"%a".repeat(200)}%b`;
    const names = Array.from({ length: 1000 }, (_, i) => "a".repeat(200 + (i % 56)));
    const matcher = compileLike(pattern, { caseInsensitive: true });
    const started = performance.now();
    for (const name of names) expect(matcher.test(name)).toBe(false);
    // About 1000 × 255 × 201 comparisons at most: well under 100 ms on a laptop.
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("the fake answers such patterns at once, by name and in a filterQuery", async () => {
    const fake = createFakeRegistry({ onResponse: checkResponse });
    const base = "http://fake.test/api/model_registry/v1alpha3";
    for (let i = 0; i < 20; i++) {
      await fake.fetch(`${base}/experiments`, {
        method: "POST",
        body: JSON.stringify({ name: `${"a".repeat(30)}${i}` }),
      });
    }
    const pattern = `${"%a".repeat(40)}%b`;
    const started = performance.now();
    const byName = await fake.fetch(`${base}/experiment?name=${encodeURIComponent(pattern)}`);
    expect(byName.status).toBe(404);
    const filterQuery = encodeURIComponent(`name LIKE "${pattern}"`);
    const listed = await fake.fetch(`${base}/experiments?filterQuery=${filterQuery}`);
    expect(((await listed.json()) as { items: unknown[] }).items).toEqual([]);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
