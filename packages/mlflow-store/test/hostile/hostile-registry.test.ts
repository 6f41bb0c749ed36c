/**
 * The store against a hostile registry (a scripted node:http server on 127.0.0.1 that rewrites
 * the fake registry's answers): wrong types, missing fields, unknown enum values, repeated,
 * non-string and endless page tokens. Every operation must either work or reject with an
 * MlflowError, in bounded time — never a raw TypeError and never an endless loop.
 */
import { createRegistryClient } from "@model-registry/registry-client";
import { createFakeRegistry, type FakeRegistry } from "@model-registry/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createMlflowStore,
  isMlflowError,
  type MlflowError,
  type MlflowStore,
} from "../../src/index.js";
import {
  eachEntity,
  type HostileRegistry,
  inventedToken,
  isList,
  type Rewrite,
  startHostileRegistry,
} from "../support/hostile-registry.js";

const MAX_PAGES = 25;
/** Generous: the suite shares two loaded cores; the point is "bounded", not "fast". */
const CALL_BOUND_MS = 15_000;

let counter = 0;
const MODES: Record<string, Rewrite> = {
  "items is an object": ({ body }) =>
    isList(body) ? { ...body, items: { 0: (body["items"] as unknown[])[0] } } : undefined,
  "items is missing": ({ body }) => {
    if (!isList(body)) return undefined;
    const { items: _items, ...rest } = body;
    return rest;
  },
  "every body is null": () => null,
  "every body is a string": () => "ok",
  "every body is an array": () => [],
  "ids are numbers": ({ body }) =>
    eachEntity(body, (e) => {
      if (typeof e["id"] === "string") e["id"] = Number(e["id"]);
    }),
  "ids are missing": ({ body }) =>
    eachEntity(body, (e) => {
      delete e["id"];
    }),
  "customProperties is an array": ({ body }) =>
    eachEntity(body, (e) => {
      e["customProperties"] = [];
    }),
  "customProperties values are strings": ({ body }) =>
    eachEntity(body, (e) => {
      e["customProperties"] = { "mlflow.runName": "x", k: "v" };
    }),
  "customProperties is null": ({ body }) =>
    eachEntity(body, (e) => {
      e["customProperties"] = null;
    }),
  "metric values and steps are strings": ({ body }) =>
    eachEntity(body, (e) => {
      if (e["artifactType"] === "metric") {
        e["value"] = String(e["value"]);
        e["step"] = String(e["step"]);
      }
    }),
  "names are numbers": ({ body }) =>
    eachEntity(body, (e) => {
      e["name"] = 42;
    }),
  "artifact types are unknown": ({ body }) =>
    eachEntity(body, (e) => {
      if ("artifactType" in e) e["artifactType"] = "kf.Unknown";
    }),
  "runs lack experimentId": ({ body }) =>
    eachEntity(body, (e) => {
      if ("status" in e) delete e["experimentId"];
    }),
  "states are unknown": ({ body }) =>
    eachEntity(body, (e) => {
      if ("state" in e) e["state"] = "ZOMBIE";
      if ("status" in e) e["status"] = "SLEEPING";
    }),
  "timestamps are objects": ({ body }) =>
    eachEntity(body, (e) => {
      e["createTimeSinceEpoch"] = {};
      if ("timestamp" in e) e["timestamp"] = { t: 1 };
    }),
  "the page token repeats": ({ body }) =>
    isList(body) ? { ...body, nextPageToken: inventedToken("again") } : undefined,
  "the page token is a number": ({ body }) =>
    isList(body) ? { ...body, nextPageToken: 7 } : undefined,
  "the page token is an object": ({ body }) =>
    isList(body) ? { ...body, nextPageToken: { next: 1 } } : undefined,
  "the page token never ends": ({ body }) =>
    isList(body) ? { ...body, nextPageToken: inventedToken(++counter) } : undefined,
};

describe("the store against a hostile registry", () => {
  let fake: FakeRegistry;
  let hostile: HostileRegistry;
  let rewrite: Rewrite = () => undefined;
  const ids = { experimentId: "", runId: "", modelId: "", doomedExperimentId: "" };

  function storeFor(extra: { searchPageSize?: number } = {}): MlflowStore {
    const client = createRegistryClient({ baseUrl: hostile.url, retry: false, timeoutMs: 5_000 });
    return createMlflowStore({
      client,
      artifactLocation: "s3://bucket/hostile",
      retry: false,
      maxPages: MAX_PAGES,
      onWarning: () => undefined,
      ...extra,
    });
  }

  beforeAll(async () => {
    fake = createFakeRegistry();
    hostile = await startHostileRegistry(fake, () => rewrite);
    const store = storeFor();
    ids.experimentId = await store.createExperiment("hostile");
    ids.doomedExperimentId = await store.createExperiment("hostile-doomed");
    ids.runId = (
      await store.createRun({ experimentId: ids.experimentId, startTime: 1 })
    ).info.runId;
    await store.logBatch(ids.runId, {
      metrics: [1, 2, 3].map((step) => ({ key: "m", value: step, step, timestamp: step })),
      params: [{ key: "p", value: "1" }],
      tags: [{ key: "t", value: "v" }],
    });
    await store.logInputs(ids.runId, {
      datasets: [
        { dataset: { name: "d", digest: "1", sourceType: "code", source: "s" }, tags: [] },
      ],
    });
    ids.modelId = (
      await store.createLoggedModel({ experimentId: ids.experimentId, sourceRunId: ids.runId })
    ).modelId;
  });
  afterAll(async () => {
    await hostile.close();
  });

  /** Every store operation, each as one call (writes use keys unique to the mode). */
  function operations(mode: string): [string, (store: MlflowStore) => Promise<unknown>][] {
    const { experimentId, runId, modelId, doomedExperimentId } = ids;
    const key = `k${Object.keys(MODES).indexOf(mode)}`;
    return [
      ["getExperiment", (s) => s.getExperiment(experimentId)],
      ["getExperimentByName", (s) => s.getExperimentByName("hostile")],
      ["searchExperiments", (s) => s.searchExperiments({ filterString: "name LIKE 'host%'" })],
      ["createExperiment", (s) => s.createExperiment(`created-${key}`)],
      ["setExperimentTag", (s) => s.setExperimentTag(experimentId, { key, value: "v" })],
      ["renameExperiment", (s) => s.renameExperiment(doomedExperimentId, `renamed-${key}`)],
      ["createRun", (s) => s.createRun({ experimentId, startTime: 2 })],
      ["getRun", (s) => s.getRun(runId)],
      ["updateRunInfo", (s) => s.updateRunInfo(runId, { status: "RUNNING" })],
      ["logMetric", (s) => s.logMetric(runId, { key, value: 1, timestamp: 5, step: 0 })],
      ["logParam", (s) => s.logParam(runId, { key, value: "v" })],
      ["setTag", (s) => s.setTag(runId, { key, value: "v" })],
      ["deleteTag", (s) => s.deleteTag(runId, "t")],
      [
        "logBatch",
        (s) =>
          s.logBatch(runId, {
            metrics: [{ key: `${key}b`, value: 1, timestamp: 5, step: 1 }],
            params: [{ key: `${key}b`, value: "v" }],
            tags: [{ key: `${key}b`, value: "v" }],
          }),
      ],
      ["getMetricHistory", (s) => s.getMetricHistory(runId, "m")],
      [
        "metricHistoryFromSteps",
        (s) => s.getMetricHistoryBulkIntervalFromSteps(runId, "m", [1], 5),
      ],
      ["metricHistoryBulk", (s) => s.getMetricHistoryBulk([runId, experimentId], "m")],
      [
        "searchRuns",
        (s) =>
          s.searchRuns({
            experimentIds: [experimentId],
            filterString: "metrics.m > 0 and params.p = '1'",
            orderBy: ["metrics.m DESC"],
          }),
      ],
      [
        "searchRuns (paged)",
        (s) => s.searchRuns({ experimentIds: [experimentId], filterString: "tags.t = 'v'" }),
      ],
      [
        "logInputs",
        (s) =>
          s.logInputs(runId, {
            datasets: [
              { dataset: { name: key, digest: "2", sourceType: "code", source: "s" }, tags: [] },
            ],
          }),
      ],
      ["searchDatasets", (s) => s.searchDatasets([experimentId])],
      ["createLoggedModel", (s) => s.createLoggedModel({ experimentId, sourceRunId: runId })],
      ["getLoggedModel", (s) => s.getLoggedModel(modelId)],
      ["searchLoggedModels", (s) => s.searchLoggedModels({ experimentIds: [experimentId] })],
      [
        "searchLoggedModels (ordered)",
        (s) =>
          s.searchLoggedModels({
            experimentIds: [experimentId],
            orderBy: [{ fieldName: "creation_timestamp", ascending: false }],
          }),
      ],
      ["setLoggedModelTags", (s) => s.setLoggedModelTags(modelId, { [key]: "v" })],
      ["logOutputs", (s) => s.logOutputs(runId, [{ modelId, step: 1 }])],
      ["recordLoggedModel", (s) => s.recordLoggedModel(runId, { artifactPath: `model-${key}` })],
      ["deleteExperiment", (s) => s.deleteExperiment(doomedExperimentId)],
    ];
  }

  it.each(Object.keys(MODES))("%s: typed errors only, in bounded time", async (mode) => {
    rewrite = MODES[mode] as Rewrite;
    const plain = storeFor();
    const paged = storeFor({ searchPageSize: 1 });
    const started = performance.now();
    const outcomes = await Promise.all(
      operations(mode).map(async ([name, call]) => {
        const callStarted = performance.now();
        const store = name.endsWith("(paged)") ? paged : plain;
        const result = await call(store).then(
          () => ({ ok: true as const }),
          (error: unknown) => ({ ok: false as const, error }),
        );
        return { name, ...result, ms: performance.now() - callStarted };
      }),
    );
    rewrite = () => undefined;
    const raw = outcomes
      .filter((o) => !o.ok && !isMlflowError(o.error))
      .map((o) => `${o.name}: ${String((o as { error: unknown }).error)}`);
    expect(raw, "operations that threw something else than an MlflowError").toEqual([]);
    for (const outcome of outcomes) expect(outcome.ms, outcome.name).toBeLessThan(CALL_BOUND_MS);
    const failed = outcomes.filter((o) => !o.ok);
    // A rewrite of every answer breaks most operations; each break is a typed error.
    expect(failed.length).toBeGreaterThan(0);
    for (const outcome of failed) {
      const error = (outcome as { error: MlflowError }).error;
      expect(error.message, outcome.name).not.toMatch(
        /Cannot read prop|is not a function|is not iterable/,
      );
    }
    expect(performance.now() - started).toBeLessThan(CALL_BOUND_MS * 2);
  });

  it("follows a listing no further than maxPages and names the problem", async () => {
    rewrite = MODES["the page token never ends"] as Rewrite;
    const before = hostile.requests();
    const error = await storeFor()
      .getRun(ids.runId)
      .then(
        () => undefined,
        (e: unknown) => e as MlflowError,
      );
    rewrite = () => undefined;
    expect(isMlflowError(error)).toBe(true);
    expect(error?.errorCode).toBe("INTERNAL_ERROR");
    expect(error?.message).toContain(`did not end after ${MAX_PAGES} pages`);
    // The run GET plus at most MAX_PAGES listing pages.
    expect(hostile.requests() - before).toBeLessThanOrEqual(MAX_PAGES + 1);
  });

  it("says which field of which answer was malformed", async () => {
    rewrite = MODES["items is an object"] as Rewrite;
    const error = await storeFor()
      .getRun(ids.runId)
      .then(
        () => undefined,
        (e: unknown) => e as MlflowError,
      );
    rewrite = () => undefined;
    expect(error?.message).toBe(
      "getRun failed: the registry sent a malformed artifact list (items: expected an array)",
    );
  });
});
