import { describe, expect, it } from "vitest";
import { RUN_NAME_NOUNS, RUN_NAME_PREDICATES } from "../../src/operations/run-name-words.js";
import { errorOf } from "../support/error-of.js";
import { MODES, useRegistryUnderTest } from "../support/registry-under-test.js";

describe.each(MODES)("runs (%s)", (mode) => {
  const rut = useRegistryUnderTest(mode);

  async function experiment(): Promise<string> {
    return rut.store.createExperiment(rut.unique("runs"));
  }

  it("creates a run with MLflow's defaults and reads it back", async () => {
    const experimentId = await experiment();
    const run = await rut.store.createRun({
      experimentId,
      userId: "ada",
      startTime: 1_700_000_000_000,
      tags: { a: "1" },
    });
    expect(run.info).toMatchObject({
      experimentId,
      userId: "ada",
      status: "RUNNING",
      startTime: 1_700_000_000_000,
      endTime: null,
      lifecycleStage: "active",
    });
    expect(run.info.runId).toMatch(/^[0-9]+$/);
    // MLflow's generated form: a predicate and a noun from MLflow's word lists, and 0–1000.
    const [predicate, noun, number] = run.info.runName.split("-");
    expect(RUN_NAME_PREDICATES).toContain(predicate);
    expect(RUN_NAME_NOUNS).toContain(noun);
    expect(Number(number)).toBeLessThanOrEqual(1000);
    expect(run.info.runName.length).toBeLessThanOrEqual(20);
    expect(run.data).toEqual({
      metrics: {},
      params: {},
      tags: { a: "1", "mlflow.runName": run.info.runName },
    });
    const experimentLocation = (await rut.store.getExperiment(experimentId)).artifactLocation;
    // MLflow's `<experiment location>/<run id>/artifacts`, with a random key for the run id
    // (see docs/mapping.md).
    expect(run.info.artifactUri).toMatch(
      new RegExp(`^${experimentLocation.replace(/[.]/g, "\\.")}/[0-9a-f]{32}/artifacts$`),
    );
    const read = await rut.store.getRun(run.info.runId);
    expect(read).toEqual(run);
  });

  it("puts a run's artifact path before the query of an experiment location such as s3://b/p?endpoint=…", async () => {
    const experimentId = await rut.store.createExperiment(rut.unique("runs-query-location"), {
      artifactLocation: "s3://bucket/team?endpoint=http://127.0.0.1:9000&defaultRegion=eu",
    });
    const run = await rut.store.createRun({ experimentId });
    expect(run.info.artifactUri).toMatch(
      /^s3:\/\/bucket\/team\/[0-9a-f]{32}\/artifacts\?endpoint=http:\/\/127\.0\.0\.1:9000&defaultRegion=eu$/,
    );
  });

  it("treats the run name and the mlflow.runName tag as one value", async () => {
    const experimentId = await experiment();
    const byTag = await rut.store.createRun({
      experimentId,
      tags: [{ key: "mlflow.runName", value: "from-tag" }],
    });
    expect(byTag.info.runName).toBe("from-tag");
    const both = await rut.store.createRun({
      experimentId,
      runName: "same",
      tags: { "mlflow.runName": "same" },
    });
    expect(both.data.tags["mlflow.runName"]).toBe("same");
    const conflict = await errorOf(
      rut.store.createRun({ experimentId, runName: "a", tags: { "mlflow.runName": "b" } }),
    );
    expect(conflict.errorCode).toBe("INVALID_PARAMETER_VALUE");
    expect(conflict.message).toContain("run_name='a', mlflow.runName='b'");

    await rut.store.setTag(byTag.info.runId, { key: "mlflow.runName", value: "renamed" });
    expect((await rut.store.getRun(byTag.info.runId)).info.runName).toBe("renamed");
    const info = await rut.store.updateRunInfo(byTag.info.runId, { runName: "again" });
    expect(info.runName).toBe("again");
    expect((await rut.store.getRun(byTag.info.runId)).data.tags["mlflow.runName"]).toBe("again");
  });

  it("allows duplicate run names in one experiment", async () => {
    const experimentId = await experiment();
    const first = await rut.store.createRun({ experimentId, runName: "twin" });
    const second = await rut.store.createRun({ experimentId, runName: "twin" });
    expect(second.info.runId).not.toBe(first.info.runId);
    expect((await rut.store.getRun(first.info.runId)).info.runName).toBe("twin");
    expect((await rut.store.getRun(second.info.runId)).info.runName).toBe("twin");
  });

  it("updates status and end time; later tag writes keep the status", async () => {
    const experimentId = await experiment();
    const run = await rut.store.createRun({ experimentId, startTime: 1000 });
    const info = await rut.store.updateRunInfo(run.info.runId, {
      status: "FINISHED",
      endTime: 2000,
    });
    expect(info).toMatchObject({ status: "FINISHED", endTime: 2000 });
    await rut.store.setTag(run.info.runId, { key: "k", value: "v" });
    await rut.store.deleteTag(run.info.runId, "k");
    await rut.store.logBatch(run.info.runId, { tags: [{ key: "b", value: "1" }] });
    expect((await rut.store.getRun(run.info.runId)).info).toMatchObject({
      status: "FINISHED",
      endTime: 2000,
    });
  });

  it("keeps an end time earlier than the start time (the registry stores the start time)", async () => {
    const experimentId = await experiment();
    const run = await rut.store.createRun({ experimentId, startTime: 5000 });
    const runId = run.info.runId;
    const info = await rut.store.updateRunInfo(runId, { status: "FINISHED", endTime: 1000 });
    expect(info).toMatchObject({ status: "FINISHED", startTime: 5000, endTime: 1000 });
    const read = await rut.store.getRun(runId);
    expect(read.info.endTime).toBe(1000);
    expect(Object.keys(read.data.tags)).toEqual(["mlflow.runName"]);
    // In the registry: the start time as end time, MLflow's value in a hidden property.
    const raw = await rut.client.GET(
      "/api/model_registry/v1alpha3/experiment_runs/{experimentrunId}",
      {
        params: { path: { experimentrunId: runId } },
      },
    );
    expect(raw.data).toMatchObject({
      endTimeSinceEpoch: "5000",
      customProperties: {
        "mlflow.endTimeBeforeStart": { metadataType: "MetadataStringValue", string_value: "1000" },
      },
    });
    const search = await rut.store.searchRuns({
      experimentIds: [experimentId],
      filterString: "attributes.end_time = 1000",
    });
    expect(search.items.map((r) => r.info.runId)).toEqual([runId]);
    await rut.store.setTag(runId, { key: "later", value: "1" });
    expect((await rut.store.getRun(runId)).info.endTime).toBe(1000);
    // A valid end time replaces it and drops the kept value.
    expect((await rut.store.updateRunInfo(runId, { endTime: 9000 })).endTime).toBe(9000);
    const after = await rut.client.GET(
      "/api/model_registry/v1alpha3/experiment_runs/{experimentrunId}",
      { params: { path: { experimentrunId: runId } } },
    );
    expect(after.data?.customProperties?.["mlflow.endTimeBeforeStart"]).toBeUndefined();
    const reserved = await errorOf(
      rut.store.setTag(runId, { key: "mlflow.endTimeBeforeStart", value: "1" }),
    );
    expect(reserved.errorCode).toBe("INVALID_PARAMETER_VALUE");
    expect((await errorOf(rut.store.deleteTag(runId, "mlflow.endTimeBeforeStart"))).errorCode).toBe(
      "RESOURCE_DOES_NOT_EXIST",
    );
  });

  it("keeps the run's name when its mlflow.runName tag is deleted; the tag stays deleted", async () => {
    const experimentId = await experiment();
    const run = await rut.store.createRun({ experimentId, runName: "first" });
    const runId = run.info.runId;
    await rut.store.updateRunInfo(runId, { runName: "current" });
    await rut.store.deleteTag(runId, "mlflow.runName");
    const read = await rut.store.getRun(runId);
    expect(read.info.runName).toBe("current");
    expect(read.data.tags).toEqual({});
    const byName = await rut.store.searchRuns({
      experimentIds: [experimentId],
      filterString: "attributes.run_name = 'current'",
    });
    expect(byName.items.map((r) => r.info.runId)).toEqual([runId]);
    const byTag = await rut.store.searchRuns({
      experimentIds: [experimentId],
      filterString: "tags.`mlflow.runName` = 'current'",
    });
    expect(byTag.items).toEqual([]);
    const again = await errorOf(rut.store.deleteTag(runId, "mlflow.runName"));
    expect(again.errorCode).toBe("RESOURCE_DOES_NOT_EXIST");
    // Setting the tag (or renaming) names the run again.
    await rut.store.setTag(runId, { key: "mlflow.runName", value: "back" });
    const back = await rut.store.getRun(runId);
    expect([back.info.runName, back.data.tags["mlflow.runName"]]).toEqual(["back", "back"]);

    // A run written without the tag shows its registry name as the tag; deleting it keeps the name.
    const legacyName = rut.unique("legacy");
    const legacy = await rut.client.POST("/api/model_registry/v1alpha3/experiment_runs", {
      body: { experimentId, name: legacyName },
    });
    const legacyId = legacy.data?.id as string;
    const legacyByTag = await rut.store.searchRuns({
      experimentIds: [experimentId],
      filterString: `tags.\`mlflow.runName\` = '${legacyName}'`,
    });
    expect(legacyByTag.items.map((r) => r.info.runId)).toEqual([legacyId]);
    await rut.store.deleteTag(legacyId, "mlflow.runName");
    const legacyRead = await rut.store.getRun(legacyId);
    expect([legacyRead.info.runName, legacyRead.data.tags]).toEqual([legacyName, {}]);
  });

  it("deletes and restores runs; deleted runs refuse writes", async () => {
    const experimentId = await experiment();
    const run = await rut.store.createRun({ experimentId });
    const runId = run.info.runId;
    await rut.store.updateRunInfo(runId, { status: "KILLED" });
    await rut.store.deleteRun(runId);
    expect((await rut.store.getRun(runId)).info).toMatchObject({
      lifecycleStage: "deleted",
      status: "KILLED",
    });
    const writes = [
      () => rut.store.logMetric(runId, { key: "m", value: 1, timestamp: 1, step: 0 }),
      () => rut.store.logParam(runId, { key: "p", value: "1" }),
      () => rut.store.setTag(runId, { key: "t", value: "1" }),
      () => rut.store.deleteTag(runId, "mlflow.runName"),
      () => rut.store.logBatch(runId, { metrics: [{ key: "m", value: 1, timestamp: 1, step: 0 }] }),
      () => rut.store.updateRunInfo(runId, { status: "FINISHED" }),
    ];
    for (const write of writes) {
      const failure = await errorOf(write());
      expect(failure.errorCode).toBe("INVALID_PARAMETER_VALUE");
      expect(failure.message).toBe(
        `The run ${runId} must be in the 'active' state. Current state is deleted.`,
      );
    }
    await rut.store.restoreRun(runId);
    await rut.store.logMetric(runId, { key: "m", value: 1, timestamp: 1, step: 0 });
    expect((await rut.store.getRun(runId)).info).toMatchObject({
      lifecycleStage: "active",
      status: "KILLED",
    });
  });

  it("sees a deletion made by another store once its cached view expires", async () => {
    let clock = 1_000_000;
    const writer = rut.newStore({ now: () => clock });
    const experimentId = await writer.createExperiment(rut.unique("ttl"));
    const run = await writer.createRun({ experimentId });
    await rut.store.deleteRun(run.info.runId);
    clock += 60_000;
    expect(
      (
        await errorOf(
          writer.logMetric(run.info.runId, { key: "m", value: 1, timestamp: 1, step: 0 }),
        )
      ).errorCode,
    ).toBe("INVALID_PARAMETER_VALUE");
  });

  it("sends the current status and state with every PATCH it makes", async () => {
    const patches: { url: string; body: Record<string, unknown> }[] = [];
    const spy: typeof globalThis.fetch = async (input, init) => {
      const request = new Request(input, init);
      if (request.method === "PATCH")
        patches.push({ url: request.url, body: await request.clone().json() });
      return globalThis.fetch(request);
    };
    const store = rut.newStore({}, spy);
    const experimentId = await store.createExperiment(rut.unique("patches"));
    const { runId } = (await store.createRun({ experimentId })).info;
    await store.updateRunInfo(runId, { status: "FINISHED", endTime: Date.now() + 1000 });
    await store.setTag(runId, { key: "a", value: "1" });
    await store.deleteTag(runId, "a");
    await store.logBatch(runId, { tags: [{ key: "b", value: "2" }] });
    await store.deleteRun(runId);
    await store.restoreRun(runId);
    await store.setExperimentTag(experimentId, { key: "e", value: "1" });
    await store.deleteExperimentTag(experimentId, "e");
    await store.renameExperiment(experimentId, rut.unique("patches-renamed"));
    await store.deleteExperiment(experimentId);
    await store.restoreExperiment(experimentId);
    const runPatches = patches.filter((p) => p.url.includes("/experiment_runs/"));
    const experimentPatches = patches.filter((p) => !p.url.includes("/experiment_runs/"));
    expect(runPatches.length).toBeGreaterThanOrEqual(8);
    expect(experimentPatches.length).toBeGreaterThanOrEqual(5);
    for (const patch of runPatches) {
      expect(patch.body).toEqual(
        expect.objectContaining({ status: expect.any(String), state: expect.any(String) }),
      );
    }
    for (const patch of experimentPatches)
      expect(patch.body).toEqual(expect.objectContaining({ state: expect.any(String) }));
    expect(runPatches.slice(1).every((p) => p.body.status === "FINISHED")).toBe(true);
    expect((await store.getRun(runId)).info).toMatchObject({
      status: "FINISHED",
      lifecycleStage: "active",
    });
  });

  it("answers RESOURCE_DOES_NOT_EXIST for unknown runs and experiments", async () => {
    expect(await errorOf(rut.store.getRun("987654"))).toEqual({
      errorCode: "RESOURCE_DOES_NOT_EXIST",
      message: "Run with id=987654 not found",
    });
    expect((await errorOf(rut.store.getRun("not-a-number"))).errorCode).toBe(
      "RESOURCE_DOES_NOT_EXIST",
    );
    expect((await errorOf(rut.store.createRun({ experimentId: "987654" }))).errorCode).toBe(
      "RESOURCE_DOES_NOT_EXIST",
    );
    expect(
      (await errorOf(rut.store.logMetric("987654", { key: "m", value: 1, timestamp: 1, step: 0 })))
        .errorCode,
    ).toBe("RESOURCE_DOES_NOT_EXIST");
    expect((await errorOf(rut.store.deleteRun("987654"))).errorCode).toBe(
      "RESOURCE_DOES_NOT_EXIST",
    );
  });
});
