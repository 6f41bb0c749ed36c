import { describe, expect, it } from "vitest";
import { RUN_NAME_NOUNS, RUN_NAME_PREDICATES } from "./run-name-words.js";
import { generateRunName, registryRunName } from "./run-names.js";

/** A deterministic random source that returns `values` in turn. */
function sequence(...values: number[]): () => number {
  let index = 0;
  return () => values[index++ % values.length] as number;
}

describe("generateRunName", () => {
  it("draws a predicate, a noun and 0–1000 from MLflow's lists", () => {
    expect(generateRunName(sequence(0))).toBe("abundant-ant-0");
    expect(generateRunName(sequence(0.999_999))).toBe("zealous-zebra-1000");
    expect(RUN_NAME_PREDICATES).toHaveLength(159);
    expect(RUN_NAME_NOUNS).toHaveLength(123);
  });

  it("draws again while longer than 20 characters, and cuts the tenth draw", () => {
    const longest = RUN_NAME_PREDICATES.indexOf("sophisticated") / RUN_NAME_PREDICATES.length;
    const squirrel = RUN_NAME_NOUNS.indexOf("squirrel") / RUN_NAME_NOUNS.length;
    const tooLong = [longest + 1e-9, squirrel + 1e-9, 0.5];
    // nine over-long draws, then a short one
    expect(generateRunName(sequence(...Array(9).fill(tooLong).flat(), 0, 0, 0))).toBe(
      "abundant-ant-0",
    );
    expect(generateRunName(sequence(...tooLong))).toBe("sophisticated-squirr");
  });

  it("names look like MLflow's for any seed", () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let i = 0; i < 200; i++) {
      const name = generateRunName(random);
      expect(name.length).toBeLessThanOrEqual(20);
      const [predicate, noun, number] = name.split("-");
      expect(RUN_NAME_PREDICATES).toContain(predicate);
      expect(RUN_NAME_NOUNS).toContain(noun);
      expect(Number(number)).toBeLessThanOrEqual(1000);
    }
  });
});

describe("registryRunName", () => {
  it("cuts long names and adds the suffix", () => {
    expect(registryRunName("x".repeat(300))).toHaveLength(200);
    expect(registryRunName("a", "1234abcd")).toBe("a~1234abcd");
  });
});
