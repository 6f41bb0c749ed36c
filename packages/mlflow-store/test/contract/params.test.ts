import { describe, expect, it } from "vitest";
import { errorOf } from "../support/error-of.js";
import { MODES, useRegistryUnderTest } from "../support/registry-under-test.js";

describe.each(MODES)("params (%s)", (mode) => {
  const rut = useRegistryUnderTest(mode);

  async function newRun(): Promise<string> {
    const experimentId = await rut.store.createExperiment(rut.unique("params"));
    return (await rut.store.createRun({ experimentId })).info.runId;
  }

  it("logs params once; the same value again is fine, a different one is refused", async () => {
    const runId = await newRun();
    await rut.store.logParam(runId, { key: "lr", value: "0.1" });
    await rut.store.logParam(runId, { key: "lr", value: "0.1" });
    const failure = await errorOf(rut.store.logParam(runId, { key: "lr", value: "0.2" }));
    expect(failure).toEqual({
      errorCode: "INVALID_PARAMETER_VALUE",
      message: `Changing param values is not allowed. Param with key='lr' was already logged with value='0.1' for run ID='${runId}'. Attempted logging new value '0.2'.`,
    });
    expect((await rut.store.getRun(runId)).data.params).toEqual({ lr: "0.1" });
  });

  it("refuses a changed value written by another store (another process)", async () => {
    const runId = await newRun();
    await rut.newStore().logParam(runId, { key: "depth", value: "3" });
    expect((await errorOf(rut.store.logParam(runId, { key: "depth", value: "4" }))).errorCode).toBe(
      "INVALID_PARAMETER_VALUE",
    );
    await rut.store.logParam(runId, { key: "depth", value: "3" });
  });

  it("does not confuse keys that match as registry LIKE patterns", async () => {
    const runId = await newRun();
    await rut.store.logParam(runId, { key: "a_b", value: "1" });
    await rut.store.logParam(runId, { key: "axb", value: "2" });
    await rut.store.logParam(runId, { key: "x:a_b", value: "3" });
    expect((await rut.store.getRun(runId)).data.params).toEqual({
      a_b: "1",
      axb: "2",
      "x:a_b": "3",
    });
  });

  it("checks batch params before writing anything", async () => {
    const runId = await newRun();
    await rut.store.logParam(runId, { key: "p", value: "1" });
    const failure = await errorOf(
      rut.store.logBatch(runId, {
        params: [
          { key: "q", value: "1" },
          { key: "p", value: "2" },
        ],
        metrics: [{ key: "m", value: 1, timestamp: 1, step: 0 }],
        tags: [{ key: "t", value: "1" }],
      }),
    );
    expect(failure.errorCode).toBe("INVALID_PARAMETER_VALUE");
    expect(failure.message).toContain(
      "Changing param values is not allowed. Params were already logged=",
    );
    const run = await rut.store.getRun(runId);
    expect(run.data.params).toEqual({ p: "1" });
    expect(run.data.metrics).toEqual({});
    expect(run.data.tags.t).toBeUndefined();
  });
});
