import { describe, expect, it } from "vitest";
import { errorOf } from "../support/error-of.js";
import { MODES, useRegistryUnderTest } from "../support/registry-under-test.js";

describe.each(MODES)("metrics (%s)", (mode) => {
  const rut = useRegistryUnderTest(mode);

  async function newRun(): Promise<string> {
    const experimentId = await rut.store.createExperiment(rut.unique("metrics"));
    return (await rut.store.createRun({ experimentId })).info.runId;
  }

  async function newRuns(count: number): Promise<string[]> {
    const experimentId = await rut.store.createExperiment(rut.unique("metrics"));
    const runIds: string[] = [];
    for (let i = 0; i < count; i++) {
      runIds.push((await rut.store.createRun({ experimentId })).info.runId);
    }
    return runIds;
  }

  it("reports the latest metric by MLflow's rule: max step, then max timestamp, then max value", async () => {
    const runId = await newRun();
    const log = (key: string, value: number, timestamp: number, step: number) =>
      rut.store.logMetric(runId, { key, value, timestamp, step });
    await log("by_step", 5, 100, 5);
    await log("by_step", 3, 900, 3);
    await log("by_ts", 1, 10, 1);
    await log("by_ts", 9, 5, 1);
    await log("by_value", 2, 10, 1);
    await log("by_value", 1, 10, 1);
    const { metrics } = (await rut.store.getRun(runId)).data;
    expect(metrics).toEqual({ by_step: 5, by_ts: 1, by_value: 2 });
    // Another store (another process) reads the same values.
    expect((await rut.newStore().getRun(runId)).data.metrics).toEqual(metrics);
  });

  it("keeps the latest point when another store later logs an older one", async () => {
    const runId = await newRun();
    await rut.store.logMetric(runId, { key: "acc", value: 0.9, timestamp: 100, step: 10 });
    const other = rut.newStore();
    await other.logMetric(runId, { key: "acc", value: 0.1, timestamp: 200, step: 5 });
    await other.logBatch(runId, { metrics: [{ key: "acc", value: 0.2, timestamp: 300, step: 6 }] });
    expect((await rut.newStore().getRun(runId)).data.metrics.acc).toBe(0.9);
    const history = await rut.store.getMetricHistory(runId, "acc");
    expect(history.items.map((m) => m.step)).toEqual([10, 5, 6]);
  });

  it("keeps metric keys apart that the registry's name lookup confuses", async () => {
    const runId = await newRun();
    await rut.store.logMetric(runId, { key: "mxn", value: 1, timestamp: 1, step: 0 });
    await rut.newStore().logMetric(runId, { key: "m_n", value: 2, timestamp: 1, step: 0 });
    await rut.store.logBatch(runId, {
      metrics: [
        { key: "Loss", value: 3, timestamp: 1, step: 0 },
        { key: "loss", value: 4, timestamp: 1, step: 0 },
        { key: "loss", value: 5, timestamp: 2, step: 1 },
      ],
    });
    await rut.newStore().logMetric(runId, { key: "m_n", value: 6, timestamp: 2, step: 1 });
    expect((await rut.newStore().getRun(runId)).data.metrics).toEqual({
      mxn: 1,
      m_n: 6,
      Loss: 3,
      loss: 5,
    });
    expect((await rut.store.getMetricHistory(runId, "m_n")).items.map((m) => m.value)).toEqual([
      2, 6,
    ]);
  });

  it("applies the rule inside one batch whatever the order of points", async () => {
    const runId = await newRun();
    await rut.store.logBatch(runId, {
      metrics: [
        { key: "loss", value: 0.1, timestamp: 30, step: 3 },
        { key: "loss", value: 0.9, timestamp: 10, step: 1 },
        { key: "loss", value: 0.5, timestamp: 20, step: 2 },
      ],
    });
    expect((await rut.store.getRun(runId)).data.metrics).toEqual({ loss: 0.1 });
  });

  it("stores NaN and ±Infinity and reads them back as MLflow's SQL store does", async () => {
    const runId = await newRun();
    await rut.store.logBatch(runId, {
      metrics: [
        { key: "nan", value: Number.NaN, timestamp: 1, step: 0 },
        { key: "pinf", value: Number.POSITIVE_INFINITY, timestamp: 1, step: 0 },
        { key: "ninf", value: Number.NEGATIVE_INFINITY, timestamp: 1, step: 0 },
      ],
    });
    const { metrics } = (await rut.store.getRun(runId)).data;
    expect(metrics.nan).toBeNaN();
    expect(metrics.pinf).toBe(1.7976931348623157e308);
    expect(metrics.ninf).toBe(-1.7976931348623157e308);
    const history = await rut.store.getMetricHistory(runId, "nan");
    expect(history.items[0]?.value).toBeNaN();
  });

  it("keeps one history entry per identical point, even when another store logs it again", async () => {
    const runId = await newRun();
    const point = { key: "acc", value: 0.5, timestamp: 1000, step: 1 };
    await rut.store.logMetric(runId, point);
    await rut.store.logMetric(runId, point);
    await rut.newStore().logMetric(runId, point);
    await rut.store.logMetric(runId, { ...point, value: 0.6 });
    const history = await rut.store.getMetricHistory(runId, "acc");
    expect(history.items).toEqual([point, { ...point, value: 0.6 }]);
  });

  it("returns the history of one exact key in MLflow's order (timestamp, step, value), paged", async () => {
    const runId = await newRun();
    await rut.store.logBatch(runId, {
      metrics: [
        { key: "acc", value: 3, timestamp: 30, step: 0 },
        { key: "acc", value: 1, timestamp: 10, step: 2 },
        { key: "acc", value: 2, timestamp: 20, step: 1 },
        { key: "val_acc", value: 7, timestamp: 5, step: 0 },
        { key: "accuracy", value: 8, timestamp: 5, step: 0 },
      ],
    });
    const all = await rut.store.getMetricHistory(runId, "acc");
    expect(all.items.map((m) => m.value)).toEqual([1, 2, 3]);
    expect(all.nextPageToken).toBeUndefined();
    const first = await rut.store.getMetricHistory(runId, "acc", { maxResults: 2 });
    expect(first.items.map((m) => m.value)).toEqual([1, 2]);
    expect(first.nextPageToken).toEqual(expect.any(String));
    const second = await rut.store.getMetricHistory(runId, "acc", {
      maxResults: 2,
      pageToken: first.nextPageToken as string,
    });
    expect(second.items.map((m) => m.value)).toEqual([3]);
    expect(second.nextPageToken).toBeUndefined();
    const exact = await rut.store.getMetricHistory(runId, "acc", { maxResults: 3 });
    expect(exact.nextPageToken).toBeUndefined();
    // maxResults 0: an empty page, not an error; as MLflow's SQL store, a token to the same
    // offset while points remain.
    const none = await rut.store.getMetricHistory(runId, "acc", { maxResults: 0 });
    expect(none.items).toEqual([]);
    const resumed = await rut.store.getMetricHistory(runId, "acc", {
      pageToken: none.nextPageToken as string,
    });
    expect(resumed.items.map((m) => m.value)).toEqual([1, 2, 3]);
    expect(await rut.store.getMetricHistory(runId, "nothing", { maxResults: 0 })).toEqual({
      items: [],
    });
    expect(
      (await errorOf(rut.store.getMetricHistory(runId, "acc", { maxResults: -1 }))).errorCode,
    ).toBe("INVALID_PARAMETER_VALUE");
    expect(
      (await errorOf(rut.store.getMetricHistory(runId, "acc", { pageToken: "%%%" }))).errorCode,
    ).toBe("INVALID_PARAMETER_VALUE");
  });

  it("answers getMetricHistoryBulkIntervalFromSteps sorted by step and timestamp, truncated", async () => {
    const runId = await newRun();
    await rut.store.logBatch(runId, {
      metrics: [0, 1, 2, 3, 4, 5].map((step) => ({
        key: "loss",
        value: 10 - step,
        timestamp: 100 - step,
        step,
      })),
    });
    const points = await rut.store.getMetricHistoryBulkIntervalFromSteps(
      runId,
      "loss",
      [4, 0, 2],
      2,
    );
    expect(points).toEqual([
      { key: "loss", value: 10, timestamp: 100, step: 0, runId },
      { key: "loss", value: 8, timestamp: 98, step: 2, runId },
    ]);
    expect(await rut.store.getMetricHistoryBulkIntervalFromSteps(runId, "loss", [], 10)).toEqual(
      [],
    );
  });

  it("reads one metric of several runs at once (getMetricHistoryBulk), by run then time", async () => {
    const [a, b, c] = (await newRuns(3)) as [string, string, string];
    const log = (runId: string, key: string, steps: number[]) =>
      rut.store.logBatch(runId, {
        metrics: steps.map((step) => ({ key, value: step / 10, timestamp: 1000 - step, step })),
      });
    await log(a, "loss", [0, 1, 2]);
    await log(b, "loss", [5]);
    // Keys the registry's substring `name` filter also finds, and a run without the key.
    await log(a, "val_loss", [0]);
    await log(b, "loss_2", [1]);
    await log(c, "acc", [0]);
    const points = await rut.store.getMetricHistoryBulk([b, a, c, "987654", "abc", a], "loss");
    const runOrder = [a, b].sort();
    const expected = [
      ...[2, 1, 0].map((step) => ({
        key: "loss",
        value: step / 10,
        timestamp: 1000 - step,
        step,
        runId: a,
      })),
      { key: "loss", value: 0.5, timestamp: 995, step: 5, runId: b },
    ].sort((x, y) => runOrder.indexOf(x.runId) - runOrder.indexOf(y.runId));
    expect(points).toEqual(expected);
    expect(await rut.store.getMetricHistoryBulk([a, b], "loss", 2)).toEqual(expected.slice(0, 2));
    expect(await rut.store.getMetricHistoryBulk([], "loss")).toEqual([]);
    expect((await errorOf(rut.store.getMetricHistoryBulk([a], ""))).errorCode).toBe(
      "INVALID_PARAMETER_VALUE",
    );
  });

  it("samples steps across runs as MLflow's getMetricHistoryBulkInterval does", async () => {
    const [a, b] = (await newRuns(2)) as [string, string];
    const log = (runId: string, count: number) =>
      rut.store.logBatch(runId, {
        metrics: Array.from({ length: count }, (_, step) => ({
          key: "loss",
          value: step,
          timestamp: 100 + step,
          step,
        })),
      });
    await log(a, 10);
    await log(b, 5);
    const steps = (points: { runId: string; step: number }[], runId: string) =>
      points.filter((p) => p.runId === runId).map((p) => p.step);
    // 10 steps, 3 asked: every 10/3rd step (0, 3, 6), the last (9), each run's first and last.
    const sampled = await rut.store.getMetricHistoryBulkInterval([a, b], "loss", 3);
    expect(steps(sampled, a)).toEqual([0, 3, 4, 6, 9]);
    expect(steps(sampled, b)).toEqual([0, 3, 4]);
    expect(sampled.map((p) => p.runId)).toEqual([...Array(5).fill(a), ...Array(3).fill(b)]);
    const ranged = await rut.store.getMetricHistoryBulkInterval([a, b], "loss", 3, 2, 5);
    expect(steps(ranged, a)).toEqual([2, 3, 4, 5]);
    expect(steps(ranged, b)).toEqual([2, 3, 4]);
    expect(await rut.store.getMetricHistoryBulkInterval([a, b], "loss", 100)).toHaveLength(15);
  });

  it("reports an unknown run as RESOURCE_DOES_NOT_EXIST", async () => {
    expect((await errorOf(rut.store.getMetricHistory("987654", "x"))).errorCode).toBe(
      "RESOURCE_DOES_NOT_EXIST",
    );
  });
  it("binds metric-history page tokens to the run and key", async () => {
    const runId = await newRun();
    await rut.store.logBatch(runId, {
      metrics: [1, 2, 3].flatMap((step) => [
        { key: "acc", value: step, timestamp: step, step },
        { key: "loss", value: step, timestamp: step, step },
      ]),
    });
    const first = await rut.store.getMetricHistory(runId, "acc", { maxResults: 1 });
    const token = first.nextPageToken as string;
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    // the same run and key accept it whatever the page size
    const rest = await rut.store.getMetricHistory(runId, "acc", { pageToken: token });
    expect(rest.items.map((m) => m.value)).toEqual([2, 3]);
    const otherKey = await errorOf(
      rut.store.getMetricHistory(runId, "loss", { maxResults: 1, pageToken: token }),
    );
    expect(otherKey.errorCode).toBe("INVALID_PARAMETER_VALUE");
    expect(otherKey.message).toContain("issued for a search with different arguments");
    const { experimentId } = (await rut.store.getRun(runId)).info;
    const otherRunId = (await rut.store.createRun({ experimentId })).info.runId;
    const otherRun = await errorOf(
      rut.store.getMetricHistory(otherRunId, "acc", { pageToken: token }),
    );
    expect(otherRun.errorCode).toBe("INVALID_PARAMETER_VALUE");
  });

  it("refuses steps outside the registry's 32-bit range and keeps the boundaries", async () => {
    const runId = await newRun();
    for (const step of [2147483648, -2147483649, 2 ** 40]) {
      const single = await errorOf(
        rut.store.logMetric(runId, { key: "m", value: 1, timestamp: 1, step }),
      );
      expect(single.errorCode).toBe("INVALID_PARAMETER_VALUE");
      expect(single.message).toContain("32-bit");
    }
    // Not an integer at all: MLflow's own message.
    for (const step of [Number.POSITIVE_INFINITY, 0.5]) {
      const single = await errorOf(
        rut.store.logMetric(runId, { key: "m", value: 1, timestamp: 1, step }),
      );
      expect(single.message).toContain("Step must be a valid long (64-bit integer).");
    }
    const batch = await errorOf(
      rut.store.logBatch(runId, {
        metrics: [
          { key: "ok", value: 1, timestamp: 1, step: 1 },
          { key: "big", value: 1, timestamp: 1, step: 3_000_000_000 },
        ],
      }),
    );
    expect(batch.errorCode).toBe("INVALID_PARAMETER_VALUE");
    expect(batch.message).toContain("'metrics[1].step'");
    // nothing of the refused batch was written
    expect((await rut.store.getRun(runId)).data.metrics).toEqual({});
    await rut.store.logBatch(runId, {
      metrics: [
        { key: "edge", value: 1, timestamp: 1, step: -2147483648 },
        { key: "edge", value: 2, timestamp: 2, step: 2147483647 },
      ],
    });
    const history = await rut.store.getMetricHistory(runId, "edge");
    expect(history.items.map((m) => m.step)).toEqual([-2147483648, 2147483647]);
    expect((await rut.store.getRun(runId)).data.metrics.edge).toBe(2);
    expect(
      await rut.store.getMetricHistoryBulkIntervalFromSteps(
        runId,
        "edge",
        [2147483647, 2147483648, 1.5],
        10,
      ),
    ).toEqual([{ key: "edge", value: 2, timestamp: 2, step: 2147483647, runId }]);
  });
});
