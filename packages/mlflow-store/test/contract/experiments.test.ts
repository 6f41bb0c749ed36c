import { describe, expect, it } from "vitest";
import { errorOf } from "../support/error-of.js";
import { MODES, useRegistryUnderTest } from "../support/registry-under-test.js";

describe.each(MODES)("experiments (%s)", (mode) => {
  const rut = useRegistryUnderTest(mode);

  it("creates an experiment with tags and reads it back by id and by name", async () => {
    const name = rut.unique("exp-a");
    const id = await rut.store.createExperiment(name, {
      tags: { team: "vision", "mlflow.note.content": "hi" },
    });
    expect(id).toMatch(/^[0-9]+$/);
    const byId = await rut.store.getExperiment(id);
    expect(byId).toMatchObject({
      experimentId: id,
      name,
      lifecycleStage: "active",
      tags: { team: "vision", "mlflow.note.content": "hi" },
    });
    expect(byId.artifactLocation).toMatch(/^s3:\/\/bucket\/mlflow\/experiments\/[0-9a-f]{32}$/);
    expect(byId.creationTime).toEqual(expect.any(Number));
    expect(await rut.store.getExperimentByName(name)).toEqual(byId);
  });

  it("resolves MLflow's default experiment '0' to the registry experiment 'Default'", async () => {
    const first = await rut.store.getExperiment("0");
    expect(first.name).toBe("Default");
    expect(first.experimentId).toMatch(/^[1-9][0-9]*$/);
    expect(await rut.store.getExperimentByName("Default")).toEqual(first);
    // Runs, searches, tags and logged models take "0" and answer with the registry id.
    if (first.lifecycleStage === "deleted") await rut.store.restoreExperiment("0");
    const run = await rut.store.createRun({ experimentId: "0", runName: "in-default" });
    expect(run.info.experimentId).toBe(first.experimentId);
    const found = await rut.store.searchRuns({
      experimentIds: ["0"],
      filterString: `attributes.run_id = '${run.info.runId}'`,
    });
    expect(found.items.map((r) => r.info.runId)).toEqual([run.info.runId]);
    const tag = rut.unique("default-tag");
    await rut.store.setExperimentTag("0", { key: tag, value: "v" });
    expect((await rut.store.getExperiment(first.experimentId)).tags[tag]).toBe("v");
    await rut.store.deleteExperimentTag("0", tag);
    const model = await rut.store.createLoggedModel({ experimentId: "0" });
    expect(model.experimentId).toBe(first.experimentId);
    const models = await rut.store.searchLoggedModels({
      experimentIds: ["0"],
      filterString: `name = '${model.name}'`,
    });
    expect(models.items.map((m) => m.modelId)).toContain(model.modelId);
    expect(await rut.store.searchDatasets(["0"])).toEqual(expect.any(Array));
  });

  it("creates 'Default' on first use of '0', once, also when two stores race", async (ctx) => {
    rut.requireFake(ctx, "needs a registry without a 'Default' experiment");
    const [a, b] = await Promise.all([
      rut.newStore().getExperiment("0"),
      rut.newStore().getExperiment("0"),
    ]);
    expect(a.experimentId).toBe(b.experimentId);
    const { requests } = await rut.count(async () => {
      await rut.store.getExperiment("0");
      await rut.store.getExperiment("0");
    });
    // the store finds it by name once, then remembers its id
    expect(requests.map((r) => `${r.method} ${r.route?.split("/v1alpha3")[1]}`)).toEqual([
      "GET /experiments",
      "GET /experiments/{experimentId}",
      "GET /experiments/{experimentId}",
    ]);
    const all = await rut.store.searchExperiments({ viewType: "ALL" });
    expect(all.items.filter((e) => e.name === "Default")).toHaveLength(1);
  });

  it("keeps an explicit artifact location", async () => {
    const id = await rut.store.createExperiment(rut.unique("exp-loc"), {
      artifactLocation: `s3://elsewhere/${rut.unique("x")}`,
    });
    expect((await rut.store.getExperiment(id)).artifactLocation).toMatch(/^s3:\/\/elsewhere\/x/);
  });

  it("rejects a duplicate name with RESOURCE_ALREADY_EXISTS (HTTP 400, as MLflow)", async () => {
    const name = rut.unique("dup");
    await rut.store.createExperiment(name);
    const failure = await errorOf(rut.store.createExperiment(name));
    expect(failure.errorCode).toBe("RESOURCE_ALREADY_EXISTS");
    expect(failure.message).toContain(`Experiment(name=${name}) already exists`);
  });

  it("accepts names longer than the registry's 255-character column, up to MLflow's 500", async () => {
    const name = rut.unique("long-").padEnd(480, "x");
    const id = await rut.store.createExperiment(name);
    expect((await rut.store.getExperiment(id)).name).toBe(name);
    expect((await rut.store.getExperimentByName(name))?.experimentId).toBe(id);
    expect((await errorOf(rut.store.createExperiment(name))).errorCode).toBe(
      "RESOURCE_ALREADY_EXISTS",
    );
    const run = await rut.store.createRun({ experimentId: id, runName: "r".repeat(250) });
    expect((await rut.store.getRun(run.info.runId)).info.runName).toBe("r".repeat(250));
  });

  it("validates names", async () => {
    expect((await errorOf(rut.store.createExperiment(""))).errorCode).toBe(
      "INVALID_PARAMETER_VALUE",
    );
    expect((await errorOf(rut.store.createExperiment("x".repeat(501)))).errorCode).toBe(
      "INVALID_PARAMETER_VALUE",
    );
  });

  it("answers RESOURCE_DOES_NOT_EXIST for unknown ids and null for unknown names", async () => {
    const failure = await errorOf(rut.store.getExperiment("99999"));
    expect(failure).toEqual({
      errorCode: "RESOURCE_DOES_NOT_EXIST",
      message: "No Experiment with id=99999 exists",
    });
    expect((await errorOf(rut.store.getExperiment("abc"))).errorCode).toBe(
      "INVALID_PARAMETER_VALUE",
    );
    expect(await rut.store.getExperimentByName(rut.unique("nope"))).toBeNull();
  });

  it("matches names exactly: '_' is no wildcard and case matters", async () => {
    const name = rut.unique("a_b");
    await rut.store.createExperiment(name);
    expect(await rut.store.getExperimentByName(name.replace("_", "x"))).toBeNull();
    expect(await rut.store.getExperimentByName(name.toUpperCase())).toBeNull();
    expect((await rut.store.getExperimentByName(name))?.name).toBe(name);
  });

  it("deletes and restores an experiment together with its runs", async () => {
    const id = await rut.store.createExperiment(rut.unique("life"));
    const run = await rut.store.createRun({ experimentId: id });
    await rut.store.updateRunInfo(run.info.runId, {
      status: "FINISHED",
      endTime: run.info.startTime + 5,
    });
    await rut.store.deleteExperiment(id);
    expect((await rut.store.getExperiment(id)).lifecycleStage).toBe("deleted");
    const deletedRun = await rut.store.getRun(run.info.runId);
    expect(deletedRun.info).toMatchObject({ lifecycleStage: "deleted", status: "FINISHED" });
    expect((await errorOf(rut.store.deleteExperiment(id))).errorCode).toBe(
      "RESOURCE_DOES_NOT_EXIST",
    );
    await rut.store.restoreExperiment(id);
    expect((await rut.store.getExperiment(id)).lifecycleStage).toBe("active");
    expect((await rut.store.getRun(run.info.runId)).info).toMatchObject({
      lifecycleStage: "active",
      status: "FINISHED",
    });
    expect((await errorOf(rut.store.restoreExperiment(id))).errorCode).toBe(
      "INVALID_PARAMETER_VALUE",
    );
  });

  it("refuses runs and tags in a deleted experiment, which stays deleted", async () => {
    const id = await rut.store.createExperiment(rut.unique("gone"));
    await rut.store.deleteExperiment(id);
    const runFailure = await errorOf(rut.store.createRun({ experimentId: id }));
    expect(runFailure.errorCode).toBe("INVALID_PARAMETER_VALUE");
    expect(runFailure.message).toContain("must be in the 'active' state");
    expect(
      (await errorOf(rut.store.setExperimentTag(id, { key: "k", value: "v" }))).errorCode,
    ).toBe("INVALID_PARAMETER_VALUE");
    expect((await rut.store.getExperiment(id)).lifecycleStage).toBe("deleted");
  });

  it("sets and deletes experiment tags without un-deleting or losing other tags", async () => {
    const id = await rut.store.createExperiment(rut.unique("tags"), { tags: { a: "1" } });
    await Promise.all([
      rut.store.setExperimentTag(id, { key: "b", value: "2" }),
      rut.store.setExperimentTag(id, { key: "c", value: "3" }),
    ]);
    await rut.store.deleteExperimentTag(id, "a");
    expect((await rut.store.getExperiment(id)).tags).toEqual({ b: "2", c: "3" });
    const failure = await errorOf(rut.store.deleteExperimentTag(id, "zzz"));
    expect(failure).toEqual({
      errorCode: "RESOURCE_DOES_NOT_EXIST",
      message: `No tag with name: zzz in experiment with id ${id}`,
    });
    expect(
      (await errorOf(rut.store.setExperimentTag(id, { key: "k", value: "v".repeat(5001) })))
        .errorCode,
    ).toBe("INVALID_PARAMETER_VALUE");
  });

  it("renames: the new name finds it, the old name is free again, a taken name is refused", async () => {
    const oldName = rut.unique("before");
    const newName = rut.unique("after");
    const id = await rut.store.createExperiment(oldName, { tags: { keep: "me" } });
    await rut.store.renameExperiment(id, newName);
    const renamed = await rut.store.getExperiment(id);
    expect(renamed).toMatchObject({
      name: newName,
      tags: { keep: "me" },
      lifecycleStage: "active",
    });
    expect((await rut.store.getExperimentByName(newName))?.experimentId).toBe(id);
    expect(await rut.store.getExperimentByName(oldName)).toBeNull();
    const reused = await rut.store.createExperiment(oldName);
    expect(reused).not.toBe(id);
    expect((await rut.store.getExperimentByName(oldName))?.experimentId).toBe(reused);
    expect((await errorOf(rut.store.renameExperiment(id, oldName))).errorCode).toBe("BAD_REQUEST");
    await rut.store.renameExperiment(id, `${oldName}-2`);
    expect((await rut.store.getExperiment(id)).name).toBe(`${oldName}-2`);
  });

  it("reserves the tag key that holds a renamed experiment's name", async () => {
    const failure = await errorOf(
      rut.store.createExperiment(rut.unique("r"), { tags: { "mlflow.experimentName": "x" } }),
    );
    expect(failure.errorCode).toBe("INVALID_PARAMETER_VALUE");
    const id = await rut.store.createExperiment(rut.unique("r"));
    expect(
      (await errorOf(rut.store.setExperimentTag(id, { key: "mlflow.experimentName", value: "x" })))
        .errorCode,
    ).toBe("INVALID_PARAMETER_VALUE");
  });

  it("refuses to rename a deleted experiment with INVALID_STATE", async () => {
    const id = await rut.store.createExperiment(rut.unique("old"));
    await rut.store.deleteExperiment(id);
    expect((await errorOf(rut.store.renameExperiment(id, rut.unique("new")))).errorCode).toBe(
      "INVALID_STATE",
    );
  });
});
