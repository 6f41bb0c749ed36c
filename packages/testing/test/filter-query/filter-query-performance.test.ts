import { describe, expect, it } from "vitest";
import { compileFilterQuery } from "../../src/filter-query/index.js";

// A generous bound: it guards against per-row parsing or pattern building, not against a slow
// machine. On a developer laptop this takes well under 200 ms.
const BUDGET_MS = 3000;

describe("compiled predicates are cheap to evaluate", () => {
  it("filters 100,000 runs within the budget", () => {
    const runs = Array.from({ length: 100_000 }, (_, i) => ({
      id: String(i + 1),
      name: `run-${i}`,
      experimentId: String((i % 10) + 1),
      status: i % 3 === 0 ? "FINISHED" : "RUNNING",
      state: "LIVE",
      createTimeSinceEpoch: String(1_700_000_000_000 + i),
      lastUpdateTimeSinceEpoch: String(1_700_000_000_000 + i),
      customProperties: {
        lr: { metadataType: "MetadataDoubleValue", double_value: (i % 100) / 100 },
        epochs: { metadataType: "MetadataIntValue", int_value: String(i % 20) },
        tag: { metadataType: "MetadataStringValue", string_value: `t${i % 7}` },
      },
    }));
    const started = performance.now();
    const predicate = compileFilterQuery(
      'experimentId = 3 AND status = "FINISHED" AND (lr > 0.5 OR epochs = 3) AND tag LIKE "t1%" AND name ILIKE "%RUN-1%"',
      "experimentRun",
    );
    const kept = runs.filter(predicate);
    const elapsed = performance.now() - started;
    expect(kept.length).toBeGreaterThan(0);
    for (const run of kept) {
      expect(run.experimentId).toBe("3");
      expect(run.status).toBe("FINISHED");
    }
    expect(elapsed).toBeLessThan(BUDGET_MS);
  });
});
