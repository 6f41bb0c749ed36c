/**
 * Chaos suite: real workloads against the fake registry while it fails as clusters fail —
 * 503 and 429 answers, dropped connections before and after the write was applied, a registry
 * restart mid-run (state kept in its state file) and requests that hang past the client's
 * timeout. Afterwards a fault-free census counts what the registry holds: nothing may be lost,
 * duplicated or created twice, and every metric's latest value must be MLflow's latest point.
 * Fault draws are seeded; each scenario prints its census.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRegistryClient, type RetryOptions } from "@model-registry/registry-client";
import { createFakeRegistry, type FakeRegistry, type FaultRule } from "@model-registry/testing";
import { type FakeRegistryServer, startFakeRegistryServer } from "@model-registry/testing/node";
import { afterAll, describe, expect, it } from "vitest";
import { createMlflowStore, type MlflowStore } from "../../src/index.js";
import { type Census, summarize, takeCensus } from "../support/census.js";
import { asyncWorkload, trainingWorkload } from "./workloads.js";

/**
 * Generous per-test limits: the suite shares two cores with the other packages' tests. Alone it
 * takes about 20–30 s on a busy 2-core machine.
 */
const LIMIT = { timeout: 120_000 };

/** Client retries for the suite: patient enough that a transient fault never surfaces. */
const RETRY: RetryOptions = { maxAttempts: 8, baseDelayMs: 10, maxDelayMs: 200 };

/** What a cluster does to requests: 5% 503, 5% 429, 1% drops before and 1% after the write. */
const CLUSTER_FAULTS: FaultRule[] = [
  { kind: "status", status: 503, rate: 0.05 },
  { kind: "status", status: 429, rate: 0.05 },
  { kind: "reset", rate: 0.01 },
  { kind: "reset", phase: "after", rate: 0.01 },
  { kind: "status", status: 429, retryAfter: 1, rate: 0.01, times: 2 },
];

function inProcessStore(fake: FakeRegistry, timeoutMs?: number): MlflowStore {
  const client = createRegistryClient({
    baseUrl: "http://registry.test:8080",
    fetch: fake.fetch.bind(fake) as typeof globalThis.fetch,
    retry: RETRY,
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  });
  return createMlflowStore({ client, retry: RETRY, artifactLocation: "s3://bucket/chaos" });
}

function expectClean(census: Census): void {
  const { runs, points, params, tags, datasets, models } = census;
  expect(
    {
      lostRuns: runs.lost,
      duplicatedRuns: runs.duplicated,
      extraRuns: runs.extra,
      lostPoints: points.lost,
      duplicatedPoints: points.duplicated,
      unexpectedPoints: points.unexpected,
      lostParams: params.lost,
      duplicatedParams: params.duplicated,
      wrongParams: params.wrong,
      lostTags: tags.lost,
      wrongTags: tags.wrong,
      lostDatasets: datasets.lost,
      duplicatedDatasets: datasets.duplicated,
      lostModels: models.lost,
      duplicatedModels: models.duplicated,
      wrongLatest: census.wrongLatest,
      readerDifferences: census.readerDifferences,
    },
    summarize(census),
  ).toEqual({
    lostRuns: 0,
    duplicatedRuns: 0,
    extraRuns: 0,
    lostPoints: 0,
    duplicatedPoints: 0,
    unexpectedPoints: 0,
    lostParams: 0,
    duplicatedParams: 0,
    wrongParams: 0,
    lostTags: 0,
    wrongTags: 0,
    lostDatasets: 0,
    duplicatedDatasets: 0,
    lostModels: 0,
    duplicatedModels: 0,
    wrongLatest: [],
    readerDifferences: [],
  });
}

function report(scenario: string, census: Census, fake: FakeRegistry, ms: number): void {
  const faults = fake.requests.filter((r) => r.status === 0 || r.status >= 429).length;
  console.info(
    `[chaos] ${scenario}: ${summarize(census)}; ${fake.requests.length} requests, ${faults} failed by injection or hang, ${Math.round(ms)} ms`,
  );
}

describe("chaos: exactly once under faults", LIMIT, () => {
  it("training runs (fluent API) through 503, 429 and dropped connections", async () => {
    const started = performance.now();
    const fake = createFakeRegistry({ seed: 101, faults: CLUSTER_FAULTS });
    const expected = await trainingWorkload(inProcessStore(fake), {
      experimentName: "chaos-training",
      runs: 2,
      keys: 5,
      steps: 60,
    });
    const census = await takeCensus(fake.snapshot(), "chaos-training", expected);
    report("training", census, fake, performance.now() - started);
    expectClean(census);
  });

  it("10,000 points of async logging through 503, 429 and connections dropped before and after the write", async () => {
    const started = performance.now();
    const fake = createFakeRegistry({ seed: 202, faults: CLUSTER_FAULTS });
    const expected = await asyncWorkload(inProcessStore(fake), {
      experimentName: "chaos-async",
      runs: 2,
      keys: 10,
      steps: 500,
    });
    const census = await takeCensus(fake.snapshot(), "chaos-async", expected);
    expect(census.points.expected).toBe(10_000);
    report("async 10k", census, fake, performance.now() - started);
    expectClean(census);
  });

  it("loss curves (one key, one point per call) through faults and the registry's same-millisecond history clash", async () => {
    const started = performance.now();
    const fake = createFakeRegistry({
      seed: 606,
      faults: CLUSTER_FAULTS,
      metricHistoryCollisions: true,
    });
    const expected = await asyncWorkload(inProcessStore(fake), {
      experimentName: "chaos-clash",
      runs: 2,
      keys: 1,
      steps: 400,
    });
    const census = await takeCensus(fake.snapshot(), "chaos-clash", expected);
    report("clash", census, fake, performance.now() - started);
    expectClean(census);
  });

  it("requests that hang past the client's timeout, before and after the write", async () => {
    const started = performance.now();
    const fake = createFakeRegistry({
      seed: 303,
      faults: [
        { kind: "hang", hangMs: 5_000, rate: 0.02 },
        { kind: "hang", hangMs: 5_000, phase: "after", rate: 0.02 },
      ],
    });
    const store = inProcessStore(fake, 250);
    const training = await trainingWorkload(store, {
      experimentName: "chaos-hang",
      runs: 1,
      keys: 3,
      steps: 60,
    });
    const census = await takeCensus(fake.snapshot(), "chaos-hang", training);
    report("hang", census, fake, performance.now() - started);
    expectClean(census);
  });

  describe("a registry restart mid-run", () => {
    const dir = mkdtempSync(join(tmpdir(), "mlflow-store-chaos-"));
    let server: FakeRegistryServer | undefined;
    afterAll(async () => {
      await server?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it("loses and duplicates nothing when the registry stops and comes back with its state file", async () => {
      const started = performance.now();
      const stateFile = join(dir, "registry.json");
      const faults: FaultRule[] = [{ kind: "reset", phase: "after", method: "POST", rate: 0.01 }];
      server = await startFakeRegistryServer({ stateFile, faults, seed: 404 });
      const port = Number(new URL(server.url).port);
      const client = createRegistryClient({ baseUrl: server.url, retry: RETRY });
      const store = createMlflowStore({
        client,
        retry: RETRY,
        artifactLocation: "s3://bucket/chaos",
      });
      let restarted = false;
      const expected = await asyncWorkload(store, {
        experimentName: "chaos-restart",
        runs: 2,
        keys: 5,
        steps: 80,
        onProgress: async (accepted) => {
          if (restarted || accepted < 60) return;
          restarted = true;
          // Stop (the state file is written on close), stay down a moment, start again on the
          // same port from the state file; the producer keeps logging meanwhile.
          const old = server;
          server = undefined;
          await old?.close();
          await new Promise((resolve) => setTimeout(resolve, 300));
          server = await startFakeRegistryServer({ stateFile, faults, seed: 405, port });
        },
      });
      expect(restarted).toBe(true);
      const registry = (server as FakeRegistryServer).registry;
      const census = await takeCensus(registry.snapshot(), "chaos-restart", expected);
      report("restart", census, registry, performance.now() - started);
      expectClean(census);
    });
  });
});
