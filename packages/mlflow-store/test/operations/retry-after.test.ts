/**
 * A 429 (or 503) on a store write is retried no sooner than the registry's `Retry-After` asks,
 * within the write policy's time bound; the async logging queue does the same. Sleeps and clocks
 * are injected: nothing here waits.
 */
import { createRegistryClient, RegistryHttpError } from "@model-registry/registry-client";
import { createFakeRegistry, type FaultRule } from "@model-registry/testing";
import { describe, expect, it } from "vitest";
import { createAsyncLoggingQueue } from "../../src/async-logging/create-async-logging-queue.js";
import { isMlflowError } from "../../src/mlflow-error.js";
import { createExperimentOperations } from "../../src/operations/experiments.js";
import { createRunWriteOperations } from "../../src/operations/run-writes.js";
import { createRunOperations } from "../../src/operations/runs.js";
import { retryAfterMsOf, writeOnce } from "../../src/operations/write-once.js";
import { createStoreContext, type WriteRetry } from "../../src/store-context.js";
import { toMlflowError } from "../../src/translate-registry-error.js";

const RETRY: WriteRetry = {
  maxAttempts: 5,
  baseDelayMs: 100,
  maxDelayMs: 2_000,
  maxElapsedMs: 60_000,
};

/** A store's operations on a fake registry with `faults`, an injected sleep and a clock it advances. */
function setup(faults: FaultRule[], writeRetry: WriteRetry = RETRY) {
  const fake = createFakeRegistry({ seed: 7, faults });
  const client = createRegistryClient({
    baseUrl: "http://registry.test:8080",
    fetch: fake.fetch.bind(fake) as typeof globalThis.fetch,
  });
  const slept: number[] = [];
  let clock = 1_700_000_000_000;
  const ctx = createStoreContext({
    client,
    artifactRoot: "s3://bucket/retry-after",
    now: () => clock,
    writeRetry,
    sleep: async (ms) => {
      slept.push(ms);
      clock += ms;
    },
  });
  return {
    fake,
    slept,
    experiments: createExperimentOperations(ctx),
    runs: createRunOperations(ctx),
    writes: createRunWriteOperations(ctx),
  };
}

const tooMany = (route: string, retryAfter: number): FaultRule => ({
  kind: "status",
  status: 429,
  retryAfter,
  route,
  method: "POST",
  times: 1,
});

describe("a 429 with Retry-After on a store write", () => {
  it("createRun waits what the registry asked (≥ 2000 ms, more than the backoff) and creates the run once", async () => {
    const { fake, slept, experiments, runs } = setup([tooMany("/experiment_runs", 2)]);
    const experimentId = await experiments.createExperiment("retry-after");
    const run = await runs.createRun({ experimentId, startTime: 1 });
    expect(slept).toEqual([2_000]);
    expect(fake.snapshot().experimentRuns?.map((r) => r["id"])).toEqual([run.info.runId]);
  });

  it("logMetric waits ≥ 2000 ms and writes the point once", async () => {
    const { fake, slept, experiments, runs, writes } = setup([
      tooMany("/experiment_runs/{experimentrunId}/artifacts", 2),
    ]);
    const experimentId = await experiments.createExperiment("retry-after");
    const { runId } = (await runs.createRun({ experimentId, startTime: 1 })).info;
    await writes.logMetric(runId, { key: "loss", value: 0.5, timestamp: 10, step: 0 });
    expect(slept).toEqual([2_000]);
    expect(fake.snapshot().metricHistory?.map((r) => r["value"])).toEqual([0.5]);
  });

  it("gives up at once with the 429 when the wait would end past maxElapsedMs", async () => {
    const { fake, slept, experiments, runs } = setup([tooMany("/experiment_runs", 120)]);
    const experimentId = await experiments.createExperiment("retry-after");
    const error = await runs.createRun({ experimentId, startTime: 1 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isMlflowError(error)).toBe(true);
    expect(retryAfterMsOf(error)).toBe(120_000);
    expect(slept).toEqual([]);
    expect(fake.snapshot().experimentRuns ?? []).toEqual([]);
  });
});

describe("writeOnce and Retry-After", () => {
  const busy = (status: number, retryAfterMs?: number) =>
    toMlflowError(
      new RegistryHttpError({
        method: "POST",
        url: "http://registry.test/x",
        status,
        serverMessage: "busy",
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      }),
      "write",
    );

  function context() {
    const slept: number[] = [];
    const ctx = createStoreContext({
      client: createRegistryClient({ baseUrl: "http://registry.test:8080", fetch: fetch }),
      artifactRoot: "s3://b",
      now: () => 0,
      writeRetry: RETRY,
      sleep: async (ms) => {
        slept.push(ms);
      },
    });
    return { ctx, slept };
  }

  it("waits the longer of the backoff and Retry-After; a 503's too (after its lookup)", async () => {
    const { ctx, slept } = context();
    const failures = [busy(429, 50), busy(429, 3_000), busy(503, 1_000)];
    const result = await writeOnce(ctx, {
      send: async () => {
        const failure = failures.shift();
        if (failure) throw failure;
        return "created";
      },
      landed: async () => undefined,
    });
    expect(result).toBe("created");
    expect(slept).toEqual([100, 3_000, 1_000]);
  });

  it("without Retry-After the backoff is unchanged", async () => {
    const { ctx, slept } = context();
    const failures = [busy(429), busy(429)];
    await writeOnce(ctx, {
      send: async () => {
        const failure = failures.shift();
        if (failure) throw failure;
        return "ok";
      },
    });
    expect(slept).toEqual([100, 200]);
  });
});

describe("the async logging queue and Retry-After", () => {
  it("waits what the registry asked, within retry.maxElapsedMs, and gives up beyond it", async () => {
    const asked = (ms: number) =>
      toMlflowError(
        new RegistryHttpError({
          method: "POST",
          url: "http://registry.test/x",
          status: 429,
          serverMessage: "busy",
          retryAfterMs: ms,
        }),
        "logBatch",
      );
    const sleeps: number[] = [];
    let clock = 0;
    const errors = [asked(4_000), asked(100_000)];
    let calls = 0;
    const queue = createAsyncLoggingQueue({
      logBatch: async () => {
        calls++;
        const error = errors.shift();
        if (error) throw error;
      },
      retry: { baseDelayMs: 100, maxDelayMs: 300, maxElapsedMs: 30_000 },
      now: () => clock,
      sleep: async (ms) => {
        sleeps.push(ms);
        clock += ms;
      },
    });
    const failure = await queue
      .logBatchAsync("r1", { metrics: [{ key: "m", value: 1, timestamp: 1, step: 0 }] })
      .wait()
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(sleeps).toEqual([4_000]);
    expect(calls).toBe(2);
    expect(retryAfterMsOf(failure)).toBe(100_000);
  });
});
