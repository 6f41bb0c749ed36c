import { describe, expect, it } from "vitest";
import { confusableNames, registryNameLookupMatches } from "./post-run-artifact.js";

describe("registryNameLookupMatches (the registry's `stored_name LIKE '%:name'`)", () => {
  it.each([
    ["a_b", "axb", true],
    ["a_b", "a_b", true],
    ["axb", "a_b", false],
    ["loss", "Loss", true],
    ["a_b", "x:a_b", true],
    ["a_b", "x:ayb", true],
    ["a.b", "axb", false],
    ["a+b", "aab", false],
    ["acc", "val_acc", false],
    ["acc", "accuracy", false],
  ])("%s finds %s: %s", (name, other, expected) => {
    expect(registryNameLookupMatches(name, other)).toBe(expected);
  });
});

describe("confusableNames", () => {
  it("returns every name the lookup confuses with another, and nothing else", () => {
    expect(
      [...confusableNames(["a_b", "axb", "loss", "Loss", "acc", "x:acc", "lr"])].sort(),
    ).toEqual(["Loss", "a_b", "acc", "axb", "loss", "x:acc"].sort());
    expect(confusableNames(["m1", "m2", "m3"]).size).toBe(0);
  });
});
