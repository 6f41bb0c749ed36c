import { describe, expect, it } from "vitest";
import { createMlflowClient } from "../../src/index.js";
import { errorOf } from "../support/error-of.js";
import { MODES, useRegistryUnderTest } from "../support/registry-under-test.js";

describe.each(MODES)("MLflow validation through the store (%s)", (mode) => {
  const rut = useRegistryUnderTest(mode);

  async function newRun(): Promise<string> {
    const experimentId = await rut.store.createExperiment(rut.unique("validation"));
    return (await rut.store.createRun({ experimentId })).info.runId;
  }

  it("rejects bad metric keys, values and timestamps before any request", async (ctx) => {
    const runId = await newRun();
    const bad = [
      { key: "a//b", value: 1, timestamp: 1, step: 0 },
      { key: "a$b", value: 1, timestamp: 1, step: 0 },
      { key: "x".repeat(251), value: 1, timestamp: 1, step: 0 },
      { key: "ok", value: "1" as unknown as number, timestamp: 1, step: 0 },
      { key: "ok", value: 1, timestamp: -1, step: 0 },
    ];
    for (const metric of bad) {
      const failure = await errorOf(rut.store.logMetric(runId, metric));
      expect(failure.errorCode).toBe("INVALID_PARAMETER_VALUE");
    }
    rut.requireFake(ctx, "counts requests");
    const { requests } = await rut.count(() =>
      errorOf(rut.store.logMetric(runId, bad[0] as (typeof bad)[0])),
    );
    expect(requests).toEqual([]);
  });

  it("refuses a batch that must be split (client, async logging) whole when one item is invalid", async (ctx) => {
    rut.requireFake(ctx, "counts requests");
    const runId = await newRun();
    const metrics = Array.from({ length: 2500 }, (_, step) => ({
      key: "m",
      value: step,
      timestamp: 1,
      step,
    }));
    const bad = [...metrics, { key: "m", value: 1, timestamp: 1, step: 0.5 }];
    const client = createMlflowClient({ store: rut.store });
    const { requests } = await rut.count(async () => {
      const sync = await errorOf(client.logBatch(runId, { metrics: bad }));
      expect(sync.message).toContain("'metrics[2500].step'");
      const handle = rut.store.logBatchAsync(runId, { metrics: bad });
      await handle.accepted;
      const queued = await errorOf(handle.wait());
      expect(queued.errorCode).toBe("INVALID_PARAMETER_VALUE");
    });
    expect(requests).toEqual([]);
  });

  it("accepts Unicode key names", async () => {
    const runId = await newRun();
    await rut.store.logMetric(runId, {
      key: "genauigkeit/é 日本",
      value: 1,
      timestamp: 1,
      step: 0,
    });
    expect((await rut.store.getRun(runId)).data.metrics["genauigkeit/é 日本"]).toBe(1);
  });

  it("truncates long param and tag values as MLflow does, and rejects long keys", async () => {
    const runId = await newRun();
    const store = rut.newStore({ onWarning: () => undefined });
    await store.logParam(runId, { key: "long", value: "p".repeat(7000) });
    await store.setTag(runId, { key: "long", value: "t".repeat(9000) });
    const run = await rut.store.getRun(runId);
    expect(run.data.params.long).toHaveLength(6000);
    expect(run.data.tags.long).toHaveLength(8000);
    expect(
      (await errorOf(rut.store.logParam(runId, { key: "k".repeat(251), value: "v" }))).errorCode,
    ).toBe("INVALID_PARAMETER_VALUE");
    expect((await errorOf(rut.store.setTag(runId, { key: "", value: "v" }))).errorCode).toBe(
      "INVALID_PARAMETER_VALUE",
    );
  });

  it("warns about truncation, or rejects long values when truncation is off", async () => {
    const runId = await newRun();
    const warnings: string[] = [];
    await rut
      .newStore({ onWarning: (message) => warnings.push(message) })
      .logParam(runId, { key: "w", value: "v".repeat(6001) });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("exceeds the maximum length of 6000 characters");
    const strict = rut.newStore({ truncateLongValues: false });
    const failure = await errorOf(strict.logParam(runId, { key: "s", value: "v".repeat(6001) }));
    expect(failure.message).toContain(
      "'Param value' exceeds the maximum length of 6000 characters",
    );
  });

  it("rejects bad run ids and statuses", async () => {
    const runId = await newRun();
    expect((await errorOf(rut.store.logBatch("a/b", {}))).errorCode).toBe(
      "INVALID_PARAMETER_VALUE",
    );
    expect(
      (await errorOf(rut.store.updateRunInfo(runId, { status: "DONE" as unknown as "FINISHED" })))
        .errorCode,
    ).toBe("INVALID_PARAMETER_VALUE");
  });
});
