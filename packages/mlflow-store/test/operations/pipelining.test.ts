/**
 * The metric write path's schedule, measured in round trips (every request held until the store
 * can make no further progress, then all answered at once), so the figures do not depend on the
 * machine's speed: N independent requests at concurrency c take ⌈N / c⌉ rounds, each dependency
 * one more. Also what pipelining must not break: MLflow's latest point wins, nothing is posted
 * twice, and the store keeps at most `concurrency` writes in flight.
 */
import { createRegistryClient } from "@model-registry/registry-client";
import { createFakeRegistry, type FakeRegistry } from "@model-registry/testing";
import { describe, expect, it } from "vitest";
import {
  createMlflowClient,
  createMlflowStore,
  type Metric,
  type MlflowStore,
} from "../../src/index.js";
import { roundTrips } from "../support/round-trips.js";

const BASE = 1_700_000_000_000;

/** `keys` keys × `steps` steps, step-major (every key at step 0, then step 1…). */
function points(keys: number, steps: number, firstStep = 0): Metric[] {
  const out: Metric[] = [];
  for (let step = firstStep; step < firstStep + steps; step++) {
    for (let k = 0; k < keys; k++) {
      out.push({ key: `metric_${k}`, value: Math.sin(step + k), step, timestamp: BASE + step });
    }
  }
  return out;
}

function setup(concurrency: number, fake: FakeRegistry = createFakeRegistry()) {
  const rt = roundTrips(fake.fetch.bind(fake) as typeof globalThis.fetch);
  const client = createRegistryClient({ baseUrl: "http://registry.test:8080", fetch: rt.fetch });
  const store = createMlflowStore({ client, concurrency, artifactLocation: "s3://bucket/p" });
  return { fake, rt, store };
}

async function newRun(store: MlflowStore): Promise<string> {
  const experimentId = await store.createExperiment(`e-${Math.random().toString(16).slice(2)}`);
  return (await store.createRun({ experimentId, startTime: 1 })).info.runId;
}

function historyOf(fake: FakeRegistry, runId: string): Record<string, unknown>[] {
  return (fake.snapshot().metricHistory ?? []).filter((r) => r["experimentRunId"] === runId);
}

describe("metric writes are pipelined to the round-trip bound", () => {
  it("logBatch of 1,000 points (20 keys) + 100 params + 10 tags: within 2 rounds of ⌈1,102 / c⌉ + 1", async () => {
    const { rt, store } = setup(32);
    const runId = await newRun(store);
    const client = createMlflowClient({ store, env: {} });
    const batch = {
      metrics: points(20, 50),
      params: Array.from({ length: 100 }, (_, i) => ({ key: `p${i}`, value: "v" })),
      tags: Array.from({ length: 10 }, (_, i) => ({ key: `t${i}`, value: "v" })),
    };
    const { rounds, requests, peak } = await rt.measure(() => client.logBatch(runId, batch));
    expect(requests).toBe(1_103);
    expect(rounds).toBeLessThanOrEqual(1 + Math.ceil(1_102 / 32) + 2);
    // 32 lanes, plus the tags' read-modify-write beside them.
    expect(peak).toBeLessThanOrEqual(33);
    expect(Object.keys((await store.getRun(runId)).data.metrics)).toHaveLength(20);
  });

  it.each([
    [1, 2_000],
    [20, 2_000],
  ])(
    "async logging of %i key(s), one call per step: within 2 rounds of ⌈N / c⌉ + 1 (N = %i)",
    async (keys, n) => {
      const { fake, rt, store } = setup(16);
      const runId = await newRun(store);
      const steps = n / keys;
      const { rounds, requests, peak } = await rt.measure(async () => {
        for (let step = 0; step < steps; step++) {
          await store.logBatchAsync(runId, { metrics: points(keys, 1, step) }).accepted;
        }
        await store.flushAsyncLogging();
      });
      expect(requests).toBe(n);
      expect(peak).toBeLessThanOrEqual(16);
      expect(rounds).toBeLessThanOrEqual(1 + Math.ceil(n / 16) + 2);
      expect(historyOf(fake, runId)).toHaveLength(n);
      const run = await store.getRun(runId);
      for (let k = 0; k < keys; k++) {
        expect(run.data.metrics[`metric_${k}`]).toBe(Math.sin(steps - 1 + k));
      }
    },
  );
});

describe("pipelined calls keep MLflow's semantics", () => {
  it("concurrent calls on one run, in any order of steps: every point once, the latest wins", async () => {
    const fake = createFakeRegistry();
    const store = createMlflowStore({
      client: createRegistryClient({
        baseUrl: "http://registry.test:8080",
        fetch: fake.fetch.bind(fake) as typeof globalThis.fetch,
      }),
      concurrency: 8,
      artifactLocation: "s3://bucket/p",
    });
    const runId = await newRun(store);
    // Later steps first, overlapping keys, a point logged twice, and new keys in every call.
    const calls = [points(6, 10, 40), points(6, 10, 0), points(4, 30, 10), points(6, 1, 45)];
    calls.push([{ key: "other", value: 1, step: 3, timestamp: BASE }]);
    await Promise.all(calls.map((metrics) => store.logBatch(runId, { metrics })));
    const expected = new Set(calls.flat().map((m) => `${m.key}@${m.step}`));
    const history = historyOf(fake, runId);
    expect(history.map((r) => `${r["name"]}@${r["step"]}`).sort()).toEqual([...expected].sort());
    const fresh = createMlflowStore({
      client: createRegistryClient({
        baseUrl: "http://registry.test:8080",
        fetch: fake.fetch.bind(fake) as typeof globalThis.fetch,
      }),
      artifactLocation: "s3://bucket/p",
    });
    const metrics = (await fresh.getRun(runId)).data.metrics;
    for (let k = 0; k < 6; k++) expect(metrics[`metric_${k}`]).toBe(Math.sin(49 + k));
    expect(metrics.other).toBe(1);
  });

  it("an older point logged after the latest one landed is followed by the latest again", async () => {
    const { fake, store } = setup(4);
    const runId = await newRun(store);
    await store.logBatch(runId, { metrics: points(1, 5, 10) });
    await store.logBatch(runId, { metrics: points(1, 3, 0) });
    expect((await store.getRun(runId)).data.metrics.metric_0).toBe(Math.sin(14));
    // The re-posted latest is one more history record, collapsed on read.
    expect(historyOf(fake, runId)).toHaveLength(9);
    expect((await store.getMetricHistory(runId, "metric_0")).items).toHaveLength(8);
  });

  it("two runs logging at once share the store's lanes: at most `concurrency` writes in flight", async () => {
    const { rt, store } = setup(8);
    const [a, b] = [await newRun(store), await newRun(store)];
    const { peak, requests } = await rt.measure(() =>
      Promise.all([
        store.logBatch(a, { metrics: points(10, 20) }),
        store.logBatch(b, { metrics: points(10, 20) }),
      ]),
    );
    expect(requests).toBe(400);
    expect(peak).toBeLessThanOrEqual(8);
  });

  it("recovers from the registry's same-millisecond history clash by sending the point again", async () => {
    const fake = createFakeRegistry({ metricHistoryCollisions: true });
    const store = createMlflowStore({
      client: createRegistryClient({
        baseUrl: "http://registry.test:8080",
        fetch: fake.fetch.bind(fake) as typeof globalThis.fetch,
      }),
      concurrency: 8,
      artifactLocation: "s3://bucket/p",
    });
    const runId = await newRun(store);
    for (let step = 0; step < 200; step++) {
      await store.logBatchAsync(runId, {
        metrics: [{ key: "loss", value: step, step, timestamp: BASE + step }],
      }).accepted;
    }
    await store.flushAsyncLogging();
    const clashes = fake.requests.filter((r) => r.status === 500).length;
    expect(clashes).toBeGreaterThan(0);
    expect(historyOf(fake, runId)).toHaveLength(200);
    expect((await store.getRun(runId)).data.metrics.loss).toBe(199);
  });
});
