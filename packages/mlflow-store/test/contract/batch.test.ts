import { describe, expect, it } from "vitest";
import { errorOf } from "../support/error-of.js";
import { MODES, useRegistryUnderTest } from "../support/registry-under-test.js";

describe.each(MODES)("logBatch (%s)", (mode) => {
  const rut = useRegistryUnderTest(mode);

  async function newRun(): Promise<string> {
    const experimentId = await rut.store.createExperiment(rut.unique("batch"));
    return (await rut.store.createRun({ experimentId })).info.runId;
  }

  it("writes metrics, params and tags of one batch", async () => {
    const runId = await newRun();
    await rut.store.logBatch(runId, {
      metrics: Array.from({ length: 30 }, (_, i) => ({
        key: `m${i % 5}`,
        value: i,
        timestamp: 1000 + i,
        step: i,
      })),
      params: Array.from({ length: 12 }, (_, i) => ({ key: `p${i}`, value: String(i) })),
      tags: [{ key: "t", value: "v" }],
    });
    const run = await rut.store.getRun(runId);
    expect(run.data.metrics).toEqual({ m0: 25, m1: 26, m2: 27, m3: 28, m4: 29 });
    expect(Object.keys(run.data.params)).toHaveLength(12);
    expect(run.data.tags.t).toBe("v");
    expect((await rut.store.getMetricHistory(runId, "m3")).items.map((m) => m.step)).toEqual([
      3, 8, 13, 18, 23, 28,
    ]);
  });

  it("accepts an empty batch and re-logging identical params", async () => {
    const runId = await newRun();
    await rut.store.logBatch(runId, {});
    await rut.store.logBatch(runId, { params: [{ key: "a", value: "1" }] });
    await rut.store.logBatch(runId, { params: [{ key: "a", value: "1" }] });
    expect((await rut.store.getRun(runId)).data.params).toEqual({ a: "1" });
  });

  it("rejects duplicate param keys in one batch, even with equal values", async () => {
    const runId = await newRun();
    const failure = await errorOf(
      rut.store.logBatch(runId, {
        params: [
          { key: "k", value: "1" },
          { key: "k", value: "1" },
        ],
      }),
    );
    expect(failure.errorCode).toBe("INVALID_PARAMETER_VALUE");
    expect(failure.message).toContain("Duplicate parameter keys have been submitted");
  });

  it("persists asynchronous batches through logBatch once flushed", async () => {
    const runId = await newRun();
    const handles = Array.from({ length: 30 }, (_, i) =>
      rut.store.logBatchAsync(runId, {
        metrics: [{ key: "loss", value: 1 / (i + 1), timestamp: 1000 + i, step: i }],
        ...(i === 0
          ? { params: [{ key: "lr", value: "0.1" }], tags: [{ key: "async", value: "yes" }] }
          : {}),
      }),
    );
    await rut.store.flushAsyncLogging();
    await Promise.all(handles.map((handle) => handle.wait()));
    const run = await rut.store.getRun(runId);
    expect(run.data).toMatchObject({
      metrics: { loss: 1 / 30 },
      params: { lr: "0.1" },
      tags: { async: "yes" },
    });
    expect((await rut.store.getMetricHistory(runId, "loss")).items).toHaveLength(30);
    await rut.store.shutDownAsyncLogging();
  });

  it("enforces MLflow's batch limits", async () => {
    const runId = await newRun();
    const params = Array.from({ length: 101 }, (_, i) => ({ key: `p${i}`, value: "v" }));
    const failure = await errorOf(rut.store.logBatch(runId, { params }));
    expect(failure.errorCode).toBe("INVALID_PARAMETER_VALUE");
    expect(failure.message).toContain(
      "A batch logging request can contain at most 100 params. Got 101 params.",
    );
  });
});
