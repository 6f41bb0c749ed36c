import { describe, expect, it } from "vitest";
import { errorOf } from "../support/error-of.js";
import { MODES, useRegistryUnderTest } from "../support/registry-under-test.js";

describe.each(MODES)("run tags (%s)", (mode) => {
  const rut = useRegistryUnderTest(mode);

  async function newRun(): Promise<string> {
    const experimentId = await rut.store.createExperiment(rut.unique("tags"));
    return (await rut.store.createRun({ experimentId, tags: { base: "0" } })).info.runId;
  }

  it("sets, overwrites and deletes tags", async () => {
    const runId = await newRun();
    await rut.store.setTag(runId, { key: "stage", value: "dev" });
    await rut.store.setTag(runId, { key: "stage", value: "prod" });
    await rut.store.setTag(runId, { key: "note", value: "x" });
    await rut.store.deleteTag(runId, "note");
    const { tags } = (await rut.store.getRun(runId)).data;
    expect(tags).toMatchObject({ base: "0", stage: "prod" });
    expect(tags.note).toBeUndefined();
    expect(await errorOf(rut.store.deleteTag(runId, "note"))).toEqual({
      errorCode: "RESOURCE_DOES_NOT_EXIST",
      message: `No tag with name: note in run with id ${runId}`,
    });
  });

  it("loses no tag when many writers of one store tag the same run at once", async () => {
    const runId = await newRun();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        rut.store.setTag(runId, { key: `k${i}`, value: String(i) }),
      ),
    );
    const { tags } = (await rut.store.getRun(runId)).data;
    for (let i = 0; i < 20; i++) expect(tags[`k${i}`]).toBe(String(i));
  });

  it("coalesces concurrent tag writes of one store into few read-modify-writes", async (ctx) => {
    rut.requireFake(ctx, "counts requests with the fake's request log");
    const runId = await newRun();
    const { requests } = await rut.count(() =>
      Promise.all(
        Array.from({ length: 10 }, (_, i) => rut.store.setTag(runId, { key: `c${i}`, value: "v" })),
      ),
    );
    expect(requests.length).toBeLessThanOrEqual(4);
  });

  it("rejects only the failing change of a coalesced group", async () => {
    const runId = await newRun();
    const [ok, missing] = await Promise.allSettled([
      rut.store.setTag(runId, { key: "fine", value: "1" }),
      rut.store.deleteTag(runId, "absent"),
    ]);
    expect(ok.status).toBe("fulfilled");
    expect(missing.status).toBe("rejected");
    expect((await rut.store.getRun(runId)).data.tags.fine).toBe("1");
  });

  it("keeps tags as batch values: the last duplicate wins", async () => {
    const runId = await newRun();
    await rut.store.logBatch(runId, {
      tags: [
        { key: "dup", value: "first" },
        { key: "dup", value: "last" },
      ],
    });
    expect((await rut.store.getRun(runId)).data.tags.dup).toBe("last");
  });
});
