import { describe, expect, it } from "vitest";
import type { MlflowStore } from "../../src/index.js";
import { errorOf } from "../support/error-of.js";
import { MODES, useRegistryUnderTest } from "../support/registry-under-test.js";

/** MLflow's test fixture: run0 FAILED key1=121 my_param=A; run1 FINISHED key1=123 A tag1=C; run2 FAILED key1=125 B tag1=D. */
async function fixture(store: MlflowStore): Promise<{ experimentId: string; ids: string[] }> {
  const experimentId = await store.createExperiment(
    `search-${Math.random().toString(16).slice(2)}`,
  );
  const specs = [
    {
      status: "FAILED",
      key1: 121,
      param: "A",
      tag: undefined,
      dataset: { name: "name1", digest: "digest1", context: "train" },
    },
    {
      status: "FINISHED",
      key1: 123,
      param: "A",
      tag: "C",
      dataset: { name: "name1", digest: "digest1", context: undefined },
    },
    {
      status: "FAILED",
      key1: 125,
      param: "B",
      tag: "D",
      dataset: { name: "name2", digest: "digest2", context: undefined },
    },
  ] as const;
  const ids: string[] = [];
  for (const [i, spec] of specs.entries()) {
    const run = await store.createRun({ experimentId, startTime: 1000 + i, runName: `run${i}` });
    const runId = run.info.runId;
    ids.push(runId);
    await store.logBatch(runId, {
      metrics: [{ key: "key1", value: spec.key1, timestamp: 1, step: 0 }],
      params: [{ key: "my_param", value: spec.param }],
      tags: spec.tag ? [{ key: "tag1", value: spec.tag }] : [],
    });
    await store.logInputs(runId, {
      datasets: [
        {
          dataset: {
            name: spec.dataset.name,
            digest: spec.dataset.digest,
            sourceType: "local",
            source: "/d",
          },
          tags: spec.dataset.context
            ? [{ key: "mlflow.data.context", value: spec.dataset.context }]
            : [],
        },
      ],
    });
    await store.updateRunInfo(runId, { status: spec.status });
  }
  return { experimentId, ids };
}

describe.each(MODES)("searchRuns (%s)", (mode) => {
  const rut = useRegistryUnderTest(mode);

  it("filters with MLflow's grammar and semantics", async () => {
    const { experimentId, ids } = await fixture(rut.store);
    const match = async (filterString: string) => {
      const page = await rut.store.searchRuns({ experimentIds: [experimentId], filterString });
      return page.items.map((run) => ids.indexOf(run.info.runId)).sort();
    };
    expect(await match("")).toEqual([0, 1, 2]);
    expect(await match("attributes.status = 'FAILED'")).toEqual([0, 2]);
    expect(await match("metrics.key1 = 123")).toEqual([1]);
    expect(await match("metrics.key1 != 123")).toEqual([0, 2]);
    expect(await match("metrics.key1 >= 123")).toEqual([1, 2]);
    expect(await match("params.my_param = 'A'")).toEqual([0, 1]);
    expect(await match("tags.tag1 = 'D'")).toEqual([2]);
    expect(await match("tags.tag1 != 'D'")).toEqual([1]);
    expect(await match("tags.tag1 IS NULL")).toEqual([0]);
    expect(await match("params.my_param = 'A' AND attributes.status = 'FAILED'")).toEqual([0]);
    expect(await match("params.my_param ILIKE 'a'")).toEqual([0, 1]);
    expect(await match("params.my_param LIKE 'a'")).toEqual([]);
    expect(await match("datasets.name = 'name1'")).toEqual([0, 1]);
    expect(await match("datasets.digest IN ('digest1', 'digest2')")).toEqual([0, 1, 2]);
    expect(await match("datasets.context = 'train'")).toEqual([0]);
    expect(await match("run_name = 'run1'")).toEqual([1]);
    expect(await match("tags.`mlflow.runName` = 'run2'")).toEqual([2]);
    expect(await match(`attributes.run_id IN ('${ids[0]}', '${ids[2]}')`)).toEqual([0, 2]);
    expect(await match(`attributes.run_id NOT IN ('${ids[0]}')`)).toEqual([1, 2]);
  });

  it("filters and orders on artifact_uri whatever form the URI has", async () => {
    const experimentId = await rut.store.createExperiment(rut.unique("artifact-uri"));
    const own = await rut.store.createRun({ experimentId, runName: "own" });
    const raw = (externalId?: string) =>
      rut.client
        .POST("/api/model_registry/v1alpha3/experiment_runs", {
          body: {
            experimentId,
            name: rut.unique(`raw-${externalId ?? "none"}`),
            ...(externalId === undefined ? {} : { externalId }),
          },
        })
        .then((response) => response.data?.id as string);
    const bare = await raw(); // no externalId: the default URI
    const python = await raw(rut.unique("s3://elsewhere/plugin-run")); // the Python plugin's form
    const uris = new Map<string, string>();
    for (const runId of [own.info.runId, bare, python]) {
      uris.set(runId, (await rut.store.getRun(runId)).info.artifactUri);
    }
    const match = async (filterString: string) =>
      (await rut.store.searchRuns({ experimentIds: [experimentId], filterString })).items
        .map((run) => run.info.runId)
        .sort();
    expect(own.info.artifactUri.endsWith("/artifacts")).toBe(true);
    for (const [runId, uri] of uris) {
      expect(await match(`attributes.artifact_uri = '${uri}'`)).toEqual([runId]);
    }
    expect(await match("attributes.artifact_uri LIKE '%/artifacts'")).toEqual([own.info.runId]);
    expect(await match("attributes.artifact_uri ILIKE 'S3://ELSEWHERE/%'")).toEqual([python]);
    const ordered = await rut.store.searchRuns({
      experimentIds: [experimentId],
      orderBy: ["attributes.artifact_uri ASC"],
    });
    expect(ordered.items.map((run) => run.info.artifactUri)).toEqual([...uris.values()].sort());
  });

  it("orders with MLflow's defaults and tie-breaks", async () => {
    const { experimentId, ids } = await fixture(rut.store);
    const order = async (orderBy?: string[]) =>
      (
        await rut.store.searchRuns({
          experimentIds: [experimentId],
          ...(orderBy ? { orderBy } : {}),
        })
      ).items.map((run) => ids.indexOf(run.info.runId));
    expect(await order()).toEqual([2, 1, 0]);
    expect(await order(["metrics.key1 asc"])).toEqual([0, 1, 2]);
    expect(await order(["params.my_param", "attributes.status DESC"])).toEqual([1, 0, 2]);
    expect(await order(["tags.tag1"])).toEqual([1, 2, 0]);
    expect(await order(["tags.noSuchTag"])).toEqual([2, 1, 0]);
  });

  it("filters view types before paging, so pages are full, and pages with opaque tokens", async () => {
    const { experimentId, ids } = await fixture(rut.store);
    await rut.store.deleteRun(ids[1] as string);
    const first = await rut.store.searchRuns({ experimentIds: [experimentId], maxResults: 2 });
    expect(first.items.map((run) => run.info.runId)).toEqual([ids[2], ids[0]]);
    expect(first.nextPageToken).toBeUndefined();
    const deleted = await rut.store.searchRuns({
      experimentIds: [experimentId],
      runViewType: "DELETED_ONLY",
    });
    expect(deleted.items.map((run) => run.info.runId)).toEqual([ids[1]]);
    const all1 = await rut.store.searchRuns({
      experimentIds: [experimentId],
      runViewType: "ALL",
      maxResults: 2,
    });
    const all2 = await rut.store.searchRuns({
      experimentIds: [experimentId],
      runViewType: "ALL",
      maxResults: 2,
      pageToken: all1.nextPageToken as string,
    });
    expect([...all1.items, ...all2.items].map((run) => run.info.runId)).toEqual([
      ids[2],
      ids[1],
      ids[0],
    ]);
    expect(all2.nextPageToken).toBeUndefined();
  });

  it("refuses a page token reused with other arguments", async () => {
    const { experimentId } = await fixture(rut.store);
    const first = await rut.store.searchRuns({ experimentIds: [experimentId], maxResults: 1 });
    expect(first.nextPageToken).toEqual(expect.any(String));
    const failure = await errorOf(
      rut.store.searchRuns({
        experimentIds: [experimentId],
        maxResults: 1,
        filterString: "metrics.key1 > 0",
        pageToken: first.nextPageToken as string,
      }),
    );
    expect(failure.errorCode).toBe("INVALID_PARAMETER_VALUE");
  });

  it("returns complete runs with inputs, across several experiments", async () => {
    const one = await fixture(rut.store);
    const two = await fixture(rut.store);
    const page = await rut.store.searchRuns({
      experimentIds: [one.experimentId, two.experimentId],
      filterString: "metrics.key1 = 125",
    });
    expect(page.items).toHaveLength(2);
    for (const run of page.items) {
      expect(run.data).toMatchObject({
        metrics: { key1: 125 },
        params: { my_param: "B" },
        tags: { tag1: "D" },
      });
      expect(run.inputs.datasetInputs.map((input) => input.dataset.name)).toEqual(["name2"]);
      expect(run).toEqual(await rut.store.getRun(run.info.runId));
    }
  });

  it("carries the same model inputs and outputs as getRun, for models linked to several runs", async () => {
    const experimentId = await rut.store.createExperiment(rut.unique("models"));
    const first = (await rut.store.createRun({ experimentId, startTime: 1 })).info.runId;
    const second = (await rut.store.createRun({ experimentId, startTime: 2 })).info.runId;
    const model = await rut.store.createLoggedModel({
      experimentId,
      sourceRunId: first,
      name: "m",
    });
    await rut.store.logOutputs(first, [{ modelId: model.modelId, step: 3 }]);
    await rut.store.logInputs(second, { models: [{ modelId: model.modelId }] });
    const page = await rut.store.searchRuns({ experimentIds: [experimentId] });
    expect(page.items).toHaveLength(2);
    for (const run of page.items) expect(run).toEqual(await rut.store.getRun(run.info.runId));
    const byId = new Map(page.items.map((run) => [run.info.runId, run]));
    expect(byId.get(first)?.outputs.modelOutputs).toEqual([{ modelId: model.modelId, step: 3 }]);
    expect(byId.get(second)?.inputs.modelInputs).toEqual([{ modelId: model.modelId }]);
  });

  it("rejects invalid filters, orders and arguments with INVALID_PARAMETER_VALUE", async () => {
    const experimentId = await rut.store.createExperiment(rut.unique("bad"));
    for (const options of [
      { filterString: "metrics.A > 0.1 OR params.B = 'LR'" },
      { filterString: "metric.model = 'LR'" },
      { filterString: "params.acc = 5" },
      { filterString: "params.abc > 'x'" },
      { filterString: "   " },
      { orderBy: ["m.acc"] },
      { orderBy: ["attribute.run_id ACS"] },
      { maxResults: 50_001 },
      { pageToken: "xyz" },
    ]) {
      const failure = await errorOf(
        rut.store.searchRuns({ experimentIds: [experimentId], ...options }),
      );
      expect(failure.errorCode).toBe("INVALID_PARAMETER_VALUE");
    }
  });
});
