import { REGISTRY_API_PREFIX, unwrap } from "@model-registry/registry-client";
import { describe, expect, it } from "vitest";
import {
  experimentMatches,
  type MlflowStore,
  parseExperimentsFilter,
  parseRunsFilter,
  type Run,
  type RunStatus,
  runMatches,
} from "../../src/index.js";
import { bigExperiment } from "../support/big-experiment.js";
import { errorOf } from "../support/error-of.js";
import {
  describeRequests,
  fakeModes,
  MODES,
  type RegistryUnderTest,
  useRegistryUnderTest,
} from "../support/registry-under-test.js";

const API = REGISTRY_API_PREFIX;

interface Spec {
  team?: string;
  stage?: string;
  param?: string;
  metric?: number;
  status: RunStatus;
}

/** Values that differ only in case, hold `_`/`%`, or are missing. */
const SPECS: readonly Spec[] = [
  { team: "a_b", stage: "Prod", param: "a_b", metric: 1, status: "FINISHED" },
  { team: "axb", stage: "prod", param: "axb", metric: 2, status: "FINISHED" },
  { team: "A_B", stage: "PROD", param: "A_B", metric: 3, status: "FAILED" },
  { status: "RUNNING" },
  { team: "a%b", stage: "pr_d", param: "a%b", metric: 5, status: "KILLED" },
  { team: "abc", param: "5", metric: 6, status: "FINISHED" },
];

/** The runs of SPECS, plus one whose `team` tag another client wrote as an int property 5. */
async function seed(rut: RegistryUnderTest): Promise<{ experimentId: string; ids: string[] }> {
  const store = rut.store;
  const experimentId = await store.createExperiment(rut.unique("pushdown"));
  const ids: string[] = [];
  for (const [i, spec] of SPECS.entries()) {
    const tags = [
      ...(spec.team === undefined ? [] : [{ key: "team", value: spec.team }]),
      ...(spec.stage === undefined ? [] : [{ key: "stage", value: spec.stage }]),
    ];
    const run = await store.createRun({ experimentId, startTime: 1000 + i, tags });
    const runId = run.info.runId;
    ids.push(runId);
    await store.logBatch(runId, {
      metrics:
        spec.metric === undefined ? [] : [{ key: "m", value: spec.metric, timestamp: 1, step: 0 }],
      params: spec.param === undefined ? [] : [{ key: "p", value: spec.param }],
    });
    if (spec.status !== "RUNNING") await store.updateRunInfo(runId, { status: spec.status });
  }
  const intRun = (await store.createRun({ experimentId, startTime: 2000 })).info.runId;
  ids.push(intRun);
  const current = await unwrap(
    rut.client.GET(`${API}/experiment_runs/{experimentrunId}`, {
      params: { path: { experimentrunId: intRun } },
    }),
  );
  await unwrap(
    rut.client.PATCH(`${API}/experiment_runs/{experimentrunId}`, {
      params: { path: { experimentrunId: intRun } },
      body: {
        status: "RUNNING",
        state: "LIVE",
        customProperties: {
          ...current.customProperties,
          team: { metadataType: "MetadataIntValue", int_value: "5" },
        },
      },
    }),
  );
  return { experimentId, ids };
}

const FILTERS = [
  "tags.team = 'a_b'",
  "tags.team LIKE 'a_b'",
  "tags.team ILIKE 'a_b'",
  "tags.team LIKE 'a%'",
  "tags.team LIKE '%b'",
  "tags.team = '5'",
  "tags.team LIKE '5%'",
  "tags.team != 'a_b'",
  "tags.team IS NULL",
  "tags.stage = 'prod'",
  "tags.stage ILIKE 'PROD'",
  "tags.stage LIKE 'pr_d'",
  "params.p = 'a_b'",
  "params.p LIKE 'a_b'",
  "params.p ILIKE 'A%'",
  "params.p != 'axb'",
  "params.p IS NULL",
  "params.p LIKE 'a%' AND params.p != 'a%b'",
  "params.p = '5' AND tags.team = 'abc'",
  "attributes.status = 'RUNNING'",
  "status = 'FINISHED'",
  "status LIKE 'F%'",
  "status ILIKE 'fin%'",
  "metrics.m >= 2 AND tags.team LIKE 'a%' AND params.p LIKE 'a%'",
];

/** Every page of a search, concatenated. */
async function allPages(
  store: MlflowStore,
  options: Parameters<MlflowStore["searchRuns"]>[0],
): Promise<Run[]> {
  const runs: Run[] = [];
  let pageToken: string | undefined;
  for (let page = 0; page < 50; page++) {
    const result = await store.searchRuns({ ...options, ...(pageToken ? { pageToken } : {}) });
    runs.push(...result.items);
    pageToken = result.nextPageToken;
    if (pageToken === undefined) return runs;
  }
  throw new Error("too many pages");
}

function filterQueries(urls: readonly string[], path: string): string[] {
  return urls
    .map((url) => new URL(url, "http://registry.test"))
    .filter((url) => url.pathname === `${API}${path}`)
    .map((url) => url.searchParams.get("filterQuery") ?? "");
}

/** Asserts every FILTERS result (whole and in pages of one) equals in-memory evaluation of every run. */
async function expectSameAsInMemory(rut: RegistryUnderTest): Promise<void> {
  const { experimentId, ids } = await seed(rut);
  const everything = await rut.store.searchRuns({ experimentIds: [experimentId] });
  expect(everything.items.map((run) => run.info.runId).sort()).toEqual([...ids].sort());
  for (const filterString of FILTERS) {
    const expected = everything.items
      .filter((run) => runMatches(parseRunsFilter(filterString), run))
      .map((run) => run.info.runId);
    const pushed = await rut.store.searchRuns({ experimentIds: [experimentId], filterString });
    expect(
      pushed.items.map((run) => run.info.runId),
      filterString,
    ).toEqual(expected);
    // pages of one stay full and continue across client-side filtering
    const paged = await allPages(rut.store, {
      experimentIds: [experimentId],
      filterString,
      maxResults: 1,
    });
    expect(
      paged.map((run) => run.info.runId),
      filterString,
    ).toEqual(expected);
  }
}

describe.each(fakeModes("compares with the fake's Postgres mode"))(
  "searchRuns pushdown, case-sensitive registry (%s)",
  (mode) => {
    const rut = useRegistryUnderTest(mode, { fake: { caseSensitive: true } });

    it("returns what in-memory evaluation of every run returns, for every filter", async () => {
      await expectSameAsInMemory(rut);
    });
  },
);

describe.each(MODES)("searchRuns pushdown (%s)", (mode) => {
  const rut = useRegistryUnderTest(mode);

  it("returns what in-memory evaluation of every run returns, for every filter", async () => {
    await expectSameAsInMemory(rut);
  });

  it("compares case, `_` and `%` as MLflow does, whatever the registry's collation", async () => {
    const { experimentId, ids } = await seed(rut);
    const match = async (filterString: string) =>
      (await rut.store.searchRuns({ experimentIds: [experimentId], filterString })).items
        .map((run) => ids.indexOf(run.info.runId))
        .sort();
    expect(await match("tags.team = 'a_b'")).toEqual([0]);
    expect(await match("tags.team LIKE 'a_b'")).toEqual([0, 1, 4]);
    expect(await match("tags.team ILIKE 'a_b'")).toEqual([0, 1, 2, 4]);
    expect(await match("tags.team = '5'")).toEqual([6]);
    expect(await match("tags.team IS NULL")).toEqual([3]);
    expect(await match("tags.stage = 'prod'")).toEqual([1]);
    expect(await match("params.p = 'a_b'")).toEqual([0]);
    expect(await match("params.p LIKE 'a_b'")).toEqual([0, 1, 4]);
    expect(await match("params.p IS NULL")).toEqual([3, 6]);
    expect(await match("attributes.status = 'RUNNING'")).toEqual([3, 6]);
  });

  it("returns the same pages when reading the registry in small pages (searchPageSize)", async () => {
    const { experimentId } = await seed(rut);
    const paged = rut.newStore({ searchPageSize: 2 });
    for (const filterString of [...FILTERS, ""]) {
      for (const orderBy of [[], ["metrics.m DESC"], ["params.p"], ["tags.team DESC"]]) {
        const options = { experimentIds: [experimentId], filterString, orderBy, maxResults: 2 };
        const expected = (await allPages(rut.store, options)).map((run) => run.info.runId);
        const actual = (await allPages(paged, options)).map((run) => run.info.runId);
        expect(actual, `${filterString} ${orderBy.join()}`).toEqual(expected);
      }
    }
  });

  it("refuses a searchPageSize that is not a positive integer", () => {
    for (const searchPageSize of [0, -1, 1.5, Number.NaN]) {
      expect(() => rut.newStore({ searchPageSize })).toThrow(/searchPageSize/);
    }
  });

  it("sends the pushed-down clauses in filterQuery", async (ctx) => {
    rut.requireFake(ctx, "reads the fake's request log");
    const { experimentId } = await seed(rut);
    const { result, requests } = await rut.count(() =>
      rut.store.searchRuns({
        experimentIds: [experimentId],
        filterString:
          "tags.team LIKE 'a%' AND status = 'FINISHED' AND params.p = 'a_b' AND metrics.m > 0 AND tags.stage IS NOT NULL",
        orderBy: ["metrics.m DESC"],
      }),
    );
    expect(result.items).toHaveLength(1);
    const urls = requests.map((r) => r.url);
    expect(filterQueries(urls, "/experiment_runs")).toEqual([
      `(experimentId IN (${experimentId})) AND (state = "LIVE") AND (\`team\` LIKE "a%" AND status = "FINISHED")`,
    ]);
    expect(filterQueries(urls, "/artifacts")).toContain(
      `(experimentId IN (${experimentId})) AND ((name = "m") OR ((name = "p" AND value.string_value = "a_b")))`,
    );
  });
});

describe.each(fakeModes("request counts come from the fake registry's request log"))(
  "searchRuns pushdown on a large experiment (%s)",
  (mode) => {
    const rut = useRegistryUnderTest(mode, { initialState: bigExperiment(3000) });

    it("keeps a page of 100 filtered runs within 6 requests and narrows what is read", async () => {
      const store = rut.newStore();
      const options = {
        experimentIds: ["1"],
        filterString: "params.model = 'cnn' AND tags.parity = 'even' AND metrics.acc > 0.05",
        orderBy: ["metrics.acc"],
        maxResults: 100,
      };
      const { result, requests } = await rut.count(() => store.searchRuns(options));
      expect(result.items).toHaveLength(100);
      expect(requests.length, describeRequests(requests).join("\n")).toBeLessThanOrEqual(6);
      const urls = requests.map((r) => r.url);
      expect(filterQueries(urls, "/experiment_runs")[0]).toContain('`parity` = "even"');
      expect(filterQueries(urls, "/artifacts")).toContain(
        '(experimentId IN (1)) AND ((name = "acc") OR ((name = "model" AND value.string_value = "cnn")))',
      );
      const pagedStore = rut.newStore({ searchPageSize: 500 });
      const paged = await rut.count(() => pagedStore.searchRuns(options));
      expect(paged.result.items.map((run) => run.info.runId)).toEqual(
        result.items.map((run) => run.info.runId),
      );
      // the 1500 even runs (parity pushed down) in pages of 500
      expect(
        describeRequests(paged.requests).filter((r) => r === "GET /experiment_runs"),
      ).toHaveLength(3);
      for (const run of result.items) {
        expect(run.data.params.model).toBe("cnn");
        expect(run.data.tags.parity).toBe("even");
      }
      const accs = result.items.map((run) => run.data.metrics.acc as number);
      expect(accs[0]).toBeGreaterThan(0.05);
      expect([...accs].sort((a, b) => a - b)).toEqual(accs);
    });
  },
);

describe.each(fakeModes("these searches expect a registry holding only their experiments"))(
  "searchExperiments pushdown (%s)",
  (mode) => {
    const rut = useRegistryUnderTest(mode);

    /** Experiments whose tags differ in case, hold `_`/`%`, are missing or are an int property. */
    async function seedExperiments(): Promise<string[]> {
      const ids: string[] = [];
      for (const [name, team] of [
        ["e0", "a_b"],
        ["e1", "axb"],
        ["e2", "A_B"],
        ["e3", undefined],
        ["e4", "a%b"],
      ] as const) {
        ids.push(
          await rut.store.createExperiment(name, { tags: team === undefined ? {} : { team } }),
        );
      }
      const intId = await rut.store.createExperiment("e5");
      ids.push(intId);
      await unwrap(
        rut.client.PATCH(`${API}/experiments/{experimentId}`, {
          params: { path: { experimentId: intId } },
          body: {
            state: "LIVE",
            customProperties: { team: { metadataType: "MetadataIntValue", int_value: "5" } },
          },
        }),
      );
      return ids;
    }

    it("returns what in-memory evaluation of every experiment returns", async () => {
      const ids = await seedExperiments();
      const everything = (await rut.store.searchExperiments()).items;
      const only = async (filterString: string) =>
        (await rut.store.searchExperiments({ filterString })).items.map((e) => e.experimentId);
      expect(await only("tags.team = '5'")).toEqual([ids[5]]);
      expect(await only("tags.team = 'a_b'")).toEqual([ids[0]]);
      const creation = everything.map((e) => e.creationTime ?? 0).sort((a, b) => a - b);
      const middle = creation[Math.floor(creation.length / 2)] as number;
      for (const filterString of [
        "tags.team = 'a_b'",
        "tags.team LIKE 'a_b'",
        "tags.team ILIKE 'A_b'",
        "tags.team LIKE 'a%'",
        "tags.team = '5'",
        "tags.team != 'axb'",
        "tags.team IS NULL",
        `creation_time >= ${middle}`,
        `creation_time < ${middle} AND tags.team LIKE 'a%'`,
        "name LIKE 'e%' AND tags.team ILIKE 'a%'",
      ]) {
        const expected = everything
          .filter((e) => experimentMatches(parseExperimentsFilter(filterString), e))
          .map((e) => e.experimentId);
        const found = await rut.store.searchExperiments({ filterString });
        expect(
          found.items.map((e) => e.experimentId),
          filterString,
        ).toEqual(expected);
        const paged: string[] = [];
        let pageToken: string | undefined;
        for (let page = 0; page < 20; page++) {
          const result = await rut.store.searchExperiments({
            filterString,
            maxResults: 1,
            ...(pageToken ? { pageToken } : {}),
          });
          paged.push(...result.items.map((e) => e.experimentId));
          pageToken = result.nextPageToken;
          if (!pageToken) break;
        }
        expect(paged, filterString).toEqual(expected);
      }
    });

    it("sends the pushed-down clauses in filterQuery and refuses a token of another filter", async () => {
      const ids = await seedExperiments();
      const { result, requests } = await rut.count(() =>
        rut.store.searchExperiments({ filterString: "tags.team LIKE 'a%'", maxResults: 1 }),
      );
      expect(result.items).toHaveLength(1);
      expect([ids[0], ids[1], ids[4]]).toContain(result.items[0]?.experimentId);
      expect(
        filterQueries(
          requests.map((r) => r.url),
          "/experiments",
        ),
      ).toEqual(['(state = "LIVE") AND (`team` LIKE "a%")']);
      const reused = await errorOf(
        rut.store.searchExperiments({
          filterString: "tags.team LIKE 'a_%'",
          pageToken: result.nextPageToken as string,
        }),
      );
      expect(reused.errorCode).toBe("INVALID_PARAMETER_VALUE");
    });
  },
);
