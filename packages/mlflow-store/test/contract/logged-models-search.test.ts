import { describe, expect, it } from "vitest";
import {
  isMlflowError,
  type LoggedModel,
  type MlflowStore,
  type SearchLoggedModelsOptions,
} from "../../src/index.js";
import {
  describeRequests,
  MODES,
  type RegistryUnderTest,
  useRegistryUnderTest,
} from "../support/registry-under-test.js";
import { seedRegistryRun as seedRun } from "../support/seed-registry-run.js";

/** Creates `count` models; model i is in team "a" when i % 3 === 0, else "b"; names are zero-padded. */
async function seedModels(
  rt: RegistryUnderTest,
  experimentId: string,
  count: number,
): Promise<LoggedModel[]> {
  const runId = await seedRun(rt, experimentId);
  const models: LoggedModel[] = [];
  for (let i = 0; i < count; i++) {
    models.push(
      await rt.store.createLoggedModel({
        experimentId,
        name: `model-${String(i).padStart(3, "0")}`,
        ...(i % 2 === 0 ? { sourceRunId: runId } : {}),
        tags: { team: i % 3 === 0 ? "a" : "b" },
        params: { index: String(i) },
      }),
    );
  }
  return models;
}

async function allPages(
  store: MlflowStore,
  options: SearchLoggedModelsOptions,
): Promise<LoggedModel[][]> {
  const pages: LoggedModel[][] = [];
  let pageToken: string | undefined;
  for (let guard = 0; guard < 100; guard++) {
    const page = await store.searchLoggedModels({
      ...options,
      ...(pageToken ? { pageToken } : {}),
    });
    pages.push(page.items);
    pageToken = page.nextPageToken;
    if (pageToken === undefined) return pages;
  }
  throw new Error("more than 100 pages");
}

const ids = (models: readonly LoggedModel[]) => models.map((m) => m.modelId);

describe.each(MODES)("searchLoggedModels (%s)", (mode) => {
  const rt = useRegistryUnderTest(mode);

  it("returns the experiments' models, newest first, leaving out deleted models and other experiments", async () => {
    const e1 = await rt.store.createExperiment(rt.unique("search-1"));
    const e2 = await rt.store.createExperiment(rt.unique("search-2"));
    const models = await seedModels(rt, e1, 4);
    const [other] = await seedModels(rt, e2, 1);
    await rt.store.deleteLoggedModel(models[1]!.modelId);
    const page = await rt.store.searchLoggedModels({ experimentIds: [e1] });
    expect(ids(page.items)).toEqual(ids([models[3]!, models[2]!, models[0]!]));
    expect(page.nextPageToken).toBeUndefined();
    const both = await rt.store.searchLoggedModels({ experimentIds: [e1, e2] });
    expect(ids(both.items)).toContain(other!.modelId);
    expect(both.items).toHaveLength(4);
  });

  it("filters with MLflow's grammar and returns full pages until the last", async () => {
    const experimentId = await rt.store.createExperiment(rt.unique("search-filter"));
    const models = await seedModels(rt, experimentId, 30);
    const teamA = models.filter((_, i) => i % 3 === 0).reverse();
    const pages = await allPages(rt.store, {
      experimentIds: [experimentId],
      filterString: "tags.team = 'a'",
      maxResults: 4,
    });
    expect(pages.map((p) => p.length)).toEqual([4, 4, 2]);
    expect(ids(pages.flat())).toEqual(ids(teamA));
    // A clause evaluated only client-side still gives full pages.
    const notB = await allPages(rt.store, {
      experimentIds: [experimentId],
      filterString: "tags.team != 'b' AND params.index LIKE '%'",
      maxResults: 4,
    });
    expect(ids(notB.flat())).toEqual(ids(teamA));
    expect(notB.map((p) => p.length)).toEqual([4, 4, 2]);
    const named = await rt.store.searchLoggedModels({
      experimentIds: [experimentId],
      filterString: "name IN ('model-001', 'model-029') AND attributes.model_type != 'x'",
    });
    expect(named.items).toEqual([]);
    const byName = await rt.store.searchLoggedModels({
      experimentIds: [experimentId],
      filterString: "name IN ('model-001', 'model-029')",
    });
    expect(byName.items.map((m) => m.name)).toEqual(["model-029", "model-001"]);
  });

  it("orders by other attributes in memory, with stable pages", async () => {
    const experimentId = await rt.store.createExperiment(rt.unique("search-order"));
    const models = await seedModels(rt, experimentId, 7);
    const pages = await allPages(rt.store, {
      experimentIds: [experimentId],
      orderBy: [{ fieldName: "name", ascending: true }],
      maxResults: 3,
    });
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    expect(ids(pages.flat())).toEqual(ids(models));
    const oldest = await rt.store.searchLoggedModels({
      experimentIds: [experimentId],
      orderBy: [{ fieldName: "creation_timestamp", ascending: true }],
      maxResults: 2,
    });
    expect(oldest.items[0]?.creationTimestamp).toBeLessThanOrEqual(
      oldest.items[1]!.creationTimestamp,
    );
  });

  it("costs a small constant number of requests per page, whatever the experiment's size", async (ctx) => {
    rt.requireFake(ctx, "counts requests with the fake's log");
    const experimentId = await rt.store.createExperiment(rt.unique("search-size"));
    await seedModels(rt, experimentId, 150);
    const store = rt.newStore();
    let pageToken: string | undefined;
    for (let page = 0; page < 3; page++) {
      const { result, requests } = await rt.count(() =>
        store.searchLoggedModels({
          experimentIds: [experimentId],
          filterString: "tags.team = 'a' AND name LIKE 'model-%'",
          maxResults: 10,
          ...(pageToken ? { pageToken } : {}),
        }),
      );
      expect(result.items).toHaveLength(10);
      expect(requests.length).toBeLessThanOrEqual(2);
      expect(new Set(describeRequests(requests))).toEqual(new Set(["GET /artifacts"]));
      pageToken = result.nextPageToken;
    }
    const unfiltered = await rt.count(() =>
      store.searchLoggedModels({ experimentIds: [experimentId] }),
    );
    expect(unfiltered.result.items).toHaveLength(100);
    expect(unfiltered.requests).toHaveLength(1);
  });

  it("rejects invalid filters, orders, limits and tokens from another query", async () => {
    const experimentId = await rt.store.createExperiment(rt.unique("search-invalid"));
    await seedModels(rt, experimentId, 3);
    const bad: SearchLoggedModelsOptions[] = [
      { experimentIds: [experimentId], filterString: "name = 'a' OR name = 'b'" },
      { experimentIds: [experimentId], filterString: "metric.acc > 1" },
      { experimentIds: [experimentId], orderBy: [{ fieldName: "params.p" }] },
      { experimentIds: [experimentId], maxResults: 0 },
      { experimentIds: [] },
    ];
    for (const options of bad) {
      const error = await rt.store.searchLoggedModels(options).catch((e: unknown) => e);
      expect(isMlflowError(error) && error.errorCode).toBe("INVALID_PARAMETER_VALUE");
    }
    const first = await rt.store.searchLoggedModels({
      experimentIds: [experimentId],
      maxResults: 1,
    });
    expect(first.nextPageToken).toBeDefined();
    const reused = await rt.store
      .searchLoggedModels({
        experimentIds: [experimentId],
        filterString: "name = 'x'",
        pageToken: first.nextPageToken!,
      })
      .catch((e: unknown) => e);
    expect(isMlflowError(reused) && reused.message).toContain(
      "Filter string in the page token does not match",
    );
  });

  it("matches nothing for metric filters and dataset restrictions (model metrics are not stored)", async () => {
    const experimentId = await rt.store.createExperiment(rt.unique("search-metrics"));
    await seedModels(rt, experimentId, 2);
    expect(
      (
        await rt.store.searchLoggedModels({
          experimentIds: [experimentId],
          filterString: "metrics.acc > 0",
        })
      ).items,
    ).toEqual([]);
    expect(
      (
        await rt.store.searchLoggedModels({
          experimentIds: [experimentId],
          datasets: [{ datasetName: "d" }],
        })
      ).items,
    ).toEqual([]);
  });
});
