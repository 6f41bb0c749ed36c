import { describe, expect, it } from "vitest";
import { errorOf } from "../support/error-of.js";
import { MODES, useRegistryUnderTest } from "../support/registry-under-test.js";

/** Keys that name `Object.prototype` members: ordinary MLflow keys, which a plain object would lose. */
const PROTO = "__proto__";
const KEYS = [PROTO, "constructor", "toString", "hasOwnProperty"] as const;

/** A record with `key` as an own property (a `{ __proto__: … }` literal would set the prototype). */
function record(entries: [string, string][]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of entries) Object.defineProperty(out, key, { value, enumerable: true });
  return out;
}

describe.each(MODES)("keys named like Object.prototype members (%s)", (mode) => {
  const rut = useRegistryUnderTest(mode);

  it("are stored and read back as tags, params and metrics", async () => {
    const experimentId = await rut.store.createExperiment(rut.unique("proto-keys"), {
      tags: record(KEYS.map((k) => [k, `experiment ${k}`])),
    });
    const run = await rut.store.createRun({
      experimentId,
      tags: record(KEYS.map((k) => [k, `created ${k}`])),
    });
    const runId = run.info.runId;
    await rut.store.setTag(runId, { key: "__proto__", value: "set" });
    await rut.store.logParam(runId, { key: "__proto__", value: "p" });
    await rut.store.logMetric(runId, { key: "__proto__", value: 1, timestamp: 1, step: 0 });
    await rut.store.logBatch(runId, {
      params: [
        { key: "constructor", value: "c" },
        { key: "toString", value: "s" },
      ],
      tags: [{ key: "hasOwnProperty", value: "batch" }],
      metrics: [{ key: "constructor", value: 2, timestamp: 1, step: 0 }],
    });

    const { data } = await rut.store.getRun(runId);
    expect(Object.getPrototypeOf(data.tags)).toBeNull();
    expect(Object.keys(data.tags)).toEqual(expect.arrayContaining([...KEYS]));
    expect(data.tags[PROTO]).toBe("set");
    expect(data.tags["constructor"]).toBe("created constructor");
    expect(data.tags["hasOwnProperty"]).toBe("batch");
    expect(Object.entries(data.params).sort()).toEqual([
      ["__proto__", "p"],
      ["constructor", "c"],
      ["toString", "s"],
    ]);
    expect(Object.entries(data.metrics).sort()).toEqual([
      ["__proto__", 1],
      ["constructor", 2],
    ]);
    const experiment = await rut.store.getExperiment(experimentId);
    expect(experiment.tags[PROTO]).toBe("experiment __proto__");
    expect(experiment.tags["toString"]).toBe("experiment toString");

    await rut.store.deleteTag(runId, "__proto__");
    expect(Object.hasOwn((await rut.store.getRun(runId)).data.tags, "__proto__")).toBe(false);
    // A tag the run never had is missing, whatever its name.
    expect((await errorOf(rut.store.deleteTag(runId, "valueOf"))).errorCode).toBe(
      "RESOURCE_DOES_NOT_EXIST",
    );
  });
});
