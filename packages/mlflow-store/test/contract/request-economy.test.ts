import { describe, expect, it } from "vitest";
import { bigExperiment } from "../support/big-experiment.js";
import {
  describeRequests,
  fakeModes,
  useRegistryUnderTest,
} from "../support/registry-under-test.js";

/** Wraps fetch to record the most requests in flight at once. */
function concurrencyProbe(): { fetch: typeof globalThis.fetch; max(): number } {
  let inFlight = 0;
  let max = 0;
  return {
    fetch: async (input, init) => {
      inFlight++;
      max = Math.max(max, inFlight);
      try {
        return await globalThis.fetch(input, init);
      } finally {
        inFlight--;
      }
    },
    max: () => max,
  };
}

describe.each(fakeModes("request counts come from the fake registry's request log"))(
  "request economy (%s)",
  (mode) => {
    const rut = useRegistryUnderTest(mode);

    it("createExperiment: 1 request", async () => {
      const { requests } = await rut.count(() => rut.store.createExperiment("e"));
      expect(describeRequests(requests)).toEqual(["POST /experiments"]);
    });

    it("createRun: 2 requests, 1 when the store knows the experiment", async () => {
      const experimentId = await rut.store.createExperiment("e");
      const known = await rut.count(() => rut.store.createRun({ experimentId }));
      expect(describeRequests(known.requests)).toEqual(["POST /experiment_runs"]);
      const fresh = await rut.count(() => rut.newStore().createRun({ experimentId }));
      expect(fresh.requests).toHaveLength(2);
    });

    it("getRun: 2 requests for a run with many artifacts", async () => {
      const experimentId = await rut.store.createExperiment("e");
      const run = await rut.store.createRun({ experimentId });
      await rut.store.logBatch(run.info.runId, {
        metrics: Array.from({ length: 300 }, (_, i) => ({
          key: `m${i}`,
          value: i,
          timestamp: 1,
          step: 0,
        })),
        params: Array.from({ length: 100 }, (_, i) => ({ key: `p${i}`, value: "v" })),
      });
      const { result, requests } = await rut.count(() => rut.newStore().getRun(run.info.runId));
      expect(Object.keys(result.data.metrics)).toHaveLength(300);
      expect(requests).toHaveLength(2);
    });

    it("logMetric 1, logParam 2, setTag 2 (run known to the store)", async () => {
      const experimentId = await rut.store.createExperiment("e");
      const { runId } = (await rut.store.createRun({ experimentId })).info;
      const metric = await rut.count(() =>
        rut.store.logMetric(runId, { key: "m", value: 1, timestamp: 1, step: 1 }),
      );
      expect(describeRequests(metric.requests)).toEqual([
        "POST /experiment_runs/{experimentrunId}/artifacts",
      ]);
      const param = await rut.count(() => rut.store.logParam(runId, { key: "p", value: "1" }));
      expect(param.requests).toHaveLength(2);
      const tag = await rut.count(() => rut.store.setTag(runId, { key: "t", value: "1" }));
      expect(describeRequests(tag.requests)).toEqual([
        "GET /experiment_runs/{experimentrunId}",
        "PATCH /experiment_runs/{experimentrunId}",
      ]);
    });

    it("metric history of several runs: one request per 100 runs", async () => {
      const experimentId = await rut.store.createExperiment("e");
      const runIds: string[] = [];
      for (let i = 0; i < 3; i++) {
        const { runId } = (await rut.store.createRun({ experimentId })).info;
        await rut.store.logBatch(runId, {
          metrics: Array.from({ length: 20 }, (_, step) => ({
            key: "loss",
            value: step,
            timestamp: step,
            step,
          })),
        });
        runIds.push(runId);
      }
      const { result, requests } = await rut.count(() =>
        rut.newStore().getMetricHistoryBulk(runIds, "loss"),
      );
      expect(result).toHaveLength(60);
      expect(describeRequests(requests)).toEqual(["GET /experiment_runs/metric_history"]);
      const sampled = await rut.count(() =>
        rut.newStore().getMetricHistoryBulkInterval(runIds, "loss", 5),
      );
      expect(sampled.requests).toHaveLength(1);
    });

    it("logBatch(M, P, T): at most M + P + 3 requests, with ≥ 8 in flight", async () => {
      const experimentId = await rut.store.createExperiment("e");
      const { runId } = (await rut.store.createRun({ experimentId })).info;
      const probe = concurrencyProbe();
      const store = rut.newStore({}, probe.fetch);
      const M = 40;
      const P = 20;
      const T = 5;
      const { requests } = await rut.count(() =>
        store.logBatch(runId, {
          metrics: Array.from({ length: M }, (_, i) => ({
            key: `m${i % 10}`,
            value: i,
            timestamp: i,
            step: i,
          })),
          params: Array.from({ length: P }, (_, i) => ({ key: `p${i}`, value: "v" })),
          tags: Array.from({ length: T }, (_, i) => ({ key: `t${i}`, value: "v" })),
        }),
      );
      expect(requests.length).toBeLessThanOrEqual(M + P + 3);
      expect(probe.max()).toBeGreaterThanOrEqual(8);
    });
  },
);

describe.each(fakeModes("request counts come from the fake registry's request log"))(
  "request economy of searchRuns (%s)",
  (mode) => {
    const rut = useRegistryUnderTest(mode, { initialState: bigExperiment(1500) });

    it("answers a page of 100 runs with metric, param and tag filters in at most 6 requests", async () => {
      const store = rut.newStore();
      const options = {
        experimentIds: ["1"],
        filterString: "metrics.acc >= 0.1 AND params.model = 'mlp' AND tags.parity = 'odd'",
        orderBy: ["metrics.loss DESC"],
        maxResults: 100,
      };
      const { result, requests } = await rut.count(() => store.searchRuns(options));
      expect(result.items).toHaveLength(100);
      expect(requests.length).toBeLessThanOrEqual(6);
      const losses = result.items.map((run) => run.data.metrics.loss as number);
      expect([...losses].sort((a, b) => b - a)).toEqual(losses);
      for (const run of result.items) {
        expect(run.data.params.model).toBe("mlp");
        expect(run.data.tags.parity).toBe("odd");
        expect(run.data.metrics.acc).toBeGreaterThanOrEqual(0.1);
      }
      const next = await rut.count(() =>
        store.searchRuns({ ...options, pageToken: result.nextPageToken as string }),
      );
      expect(next.requests.length).toBeLessThanOrEqual(6);
      expect(next.result.items[0]?.data.metrics.loss).toBeLessThanOrEqual(
        losses[losses.length - 1] as number,
      );
    });
  },
);
