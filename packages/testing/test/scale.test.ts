import { describe, expect, it } from "vitest";
import { createFakeRegistry, type FakeRegistrySnapshot } from "../src/index.js";
import { checkResponse } from "./support/spec-check.js";

const P = "/api/model_registry/v1alpha3";
const RECORDS = 50_000;
const RUNS = 500;

/** History records whose `value` counts how often a filter reads it. */
function countingState(): { snapshot: FakeRegistrySnapshot; reads: () => number } {
  let reads = 0;
  const metricHistory = [];
  for (let i = 0; i < RECORDS; i += 1) {
    const value = i % 10 === 0 ? 1 : 0;
    const record = {
      id: String(i + 1),
      name: "loss",
      artifactType: "metric",
      step: i,
      experimentId: "1",
      experimentRunId: String(2 + (i % RUNS)),
      customProperties: {},
      createTimeSinceEpoch: String(1_700_000_000_000 + i),
      lastUpdateTimeSinceEpoch: String(1_700_000_000_000 + i),
    };
    Object.defineProperty(record, "value", {
      enumerable: true,
      get: () => {
        reads += 1;
        return value;
      },
    });
    metricHistory.push(record);
  }
  return { snapshot: { format: "model-registry-fake/v1", metricHistory }, reads: () => reads };
}

describe("scale: indexed state", () => {
  it("a filtered page scans from the cursor and stops after the page, not the whole table", async () => {
    const { snapshot, reads } = countingState();
    const registry = createFakeRegistry({ initialState: snapshot, onResponse: checkResponse });
    const get = async (query: string) =>
      (
        await registry.fetch(`http://scale.test${P}/experiment_runs/metric_history?${query}`)
      ).json();
    const filter = `filterQuery=${encodeURIComponent("value > 0.5")}&pageSize=100`;
    const before = reads();
    const first = await get(filter);
    expect(first.size).toBe(100);
    // 1 match in 10 rows: ~1,000 rows scanned for 101 matches, plus a few reads per returned item
    // (serialisation, the spec check); a full scan would be 50,000.
    expect(reads() - before).toBeLessThan(1_600);
    const mark = reads();
    const second = await get(`${filter}&nextPageToken=${encodeURIComponent(first.nextPageToken)}`);
    expect(second.items[0].id).toBe(String(Number(first.items[99].id) + 10));
    expect(reads() - mark).toBeLessThan(1_600);
  });

  it("an equality on the parent id reads only that parent's rows", async () => {
    const { snapshot, reads } = countingState();
    const registry = createFakeRegistry({ initialState: snapshot, onResponse: checkResponse });
    const before = reads();
    const query = encodeURIComponent("experimentRunId = 7 AND value >= 0");
    const response = await registry.fetch(
      `http://scale.test${P}/experiment_runs/metric_history?filterQuery=${query}`,
    );
    const body = await response.json();
    expect(body.size).toBe(RECORDS / RUNS);
    // The run's 100 records, each read by the filter and a few times more as a returned item.
    expect(reads() - before).toBeLessThanOrEqual(5 * (RECORDS / RUNS));
  });
});
