import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type AsyncLoggingQueueOptions,
  createAsyncLoggingQueue,
} from "../../src/async-logging/create-async-logging-queue.js";
import { MlflowError } from "../../src/mlflow-error.js";
import type { LogBatchInput, Metric } from "../../src/types.js";

interface Call {
  runId: string;
  batch: Required<LogBatchInput>;
}

/** A logBatch that records calls; each call can be held open and released by the test. */
function recorder(behaviour?: (call: Call, index: number) => Promise<void> | void) {
  const calls: Call[] = [];
  const logBatch: AsyncLoggingQueueOptions["logBatch"] = async (runId, batch) => {
    const call: Call = {
      runId,
      batch: { metrics: batch.metrics ?? [], params: batch.params ?? [], tags: batch.tags ?? [] },
    };
    calls.push(call);
    await behaviour?.(call, calls.length - 1);
  };
  return { calls, logBatch };
}

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

const metric = (key: string, step: number, value = step): Metric => ({
  key,
  value,
  step,
  timestamp: 1000 + step,
});
const flushMicrotasks = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("createAsyncLoggingQueue: batching", () => {
  it("merges consecutive requests of one run into one logBatch call, in logging order", async () => {
    const { calls, logBatch } = recorder();
    const queue = createAsyncLoggingQueue({ logBatch });
    const handles = [
      queue.logBatchAsync("r1", { params: [{ key: "lr", value: "0.1" }] }),
      queue.logBatchAsync("r1", { metrics: [metric("loss", 0)] }),
      queue.logBatchAsync("r1", { metrics: [metric("loss", 1)], tags: [{ key: "t", value: "a" }] }),
      queue.logBatchAsync("r1", { tags: [{ key: "t", value: "b" }] }),
    ];
    await Promise.all(handles.map((h) => h.wait()));
    expect(calls).toEqual([
      {
        runId: "r1",
        batch: {
          params: [{ key: "lr", value: "0.1" }],
          metrics: [metric("loss", 0), metric("loss", 1)],
          tags: [
            { key: "t", value: "a" },
            { key: "t", value: "b" },
          ],
        },
      },
    ]);
  });

  it("keeps runs apart", async () => {
    const { calls, logBatch } = recorder();
    const queue = createAsyncLoggingQueue({ logBatch });
    queue.logBatchAsync("r1", { metrics: [metric("a", 0)] });
    queue.logBatchAsync("r2", { metrics: [metric("b", 0)] });
    queue.logBatchAsync("r1", { metrics: [metric("a", 1)] });
    await queue.flush();
    expect(calls.map((c) => [c.runId, c.batch.metrics.map((m) => m.step)])).toEqual([
      ["r1", [0, 1]],
      ["r2", [0]],
    ]);
  });

  it("never exceeds MLflow's batch limits, splitting one oversized request like MLflow's client", async () => {
    const { calls, logBatch } = recorder();
    const queue = createAsyncLoggingQueue({ logBatch });
    const params = Array.from({ length: 250 }, (_, i) => ({ key: `p${i}`, value: String(i) }));
    const tags = Array.from({ length: 120 }, (_, i) => ({ key: `t${i}`, value: String(i) }));
    const metrics = Array.from({ length: 2500 }, (_, i) => metric("m", i));
    await queue.logBatchAsync("r1", { params, tags, metrics }).wait();
    for (const { batch } of calls) {
      expect(batch.params.length).toBeLessThanOrEqual(100);
      expect(batch.tags.length).toBeLessThanOrEqual(100);
      expect(batch.metrics.length).toBeLessThanOrEqual(1000);
      expect(batch.params.length + batch.tags.length + batch.metrics.length).toBeLessThanOrEqual(
        1000,
      );
    }
    expect(calls.flatMap((c) => c.batch.params)).toEqual(params);
    expect(calls.flatMap((c) => c.batch.tags)).toEqual(tags);
    expect(calls.flatMap((c) => c.batch.metrics)).toEqual(metrics);
    // params and tags travel in the first calls, before or with the metrics
    expect(calls[0]!.batch.params.length).toBe(100);
    expect(calls.length).toBe(3);
  });

  it("merges many small requests up to the limits and no further", async () => {
    const { calls, logBatch } = recorder();
    const queue = createAsyncLoggingQueue({ logBatch });
    for (let i = 0; i < 2500; i++) queue.logBatchAsync("r1", { metrics: [metric("m", i)] });
    await queue.flush();
    expect(calls.map((c) => c.batch.metrics.length)).toEqual([1000, 1000, 500]);
  });

  it("honours smaller maxBatchItems and caps larger ones at MLflow's limits", async () => {
    const small = recorder();
    const q1 = createAsyncLoggingQueue({
      logBatch: small.logBatch,
      maxBatchItems: { metrics: 10 },
    });
    for (let i = 0; i < 25; i++) q1.logBatchAsync("r1", { metrics: [metric("m", i)] });
    await q1.flush();
    expect(small.calls.map((c) => c.batch.metrics.length)).toEqual([10, 10, 5]);

    const big = recorder();
    const q2 = createAsyncLoggingQueue({ logBatch: big.logBatch, maxBatchItems: { params: 5000 } });
    const params = Array.from({ length: 150 }, (_, i) => ({ key: `p${i}`, value: "v" }));
    await q2.logBatchAsync("r1", { params }).wait();
    expect(big.calls.map((c) => c.batch.params.length)).toEqual([100, 50]);
  });

  it("does not merge requests that log the same param key, so each is judged on its own", async () => {
    const { calls, logBatch } = recorder();
    const queue = createAsyncLoggingQueue({ logBatch });
    queue.logBatchAsync("r1", { params: [{ key: "a", value: "1" }] });
    queue.logBatchAsync("r1", { params: [{ key: "a", value: "1" }], metrics: [metric("m", 0)] });
    await queue.flush();
    expect(calls.length).toBe(2);
  });

  it("rejects an oversized request with duplicate param keys as MLflow does", async () => {
    const { calls, logBatch } = recorder();
    const queue = createAsyncLoggingQueue({ logBatch });
    const params = Array.from({ length: 150 }, (_, i) => ({ key: `p${i % 120}`, value: "v" }));
    const error = await queue
      .logBatchAsync("r1", { params })
      .wait()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MlflowError);
    expect((error as MlflowError).errorCode).toBe("INVALID_PARAMETER_VALUE");
    expect((error as MlflowError).message).toContain(
      "Duplicate parameter keys have been submitted: ['p0'",
    );
    expect(calls).toEqual([]);
  });

  it("resolves an empty request at once without calling logBatch", async () => {
    const { calls, logBatch } = recorder();
    const queue = createAsyncLoggingQueue({ logBatch });
    await queue.logBatchAsync("r1", {}).wait();
    await queue.flush();
    expect(calls).toEqual([]);
  });
});

describe("createAsyncLoggingQueue: ordering and concurrency", () => {
  it("sends one call per run at a time, in logging order", async () => {
    const gates = [gate(), gate()];
    const { calls, logBatch } = recorder((_call, index) => gates[index]?.opened);
    const queue = createAsyncLoggingQueue({ logBatch });
    queue.logBatchAsync("r1", { params: [{ key: "p", value: "1" }] });
    await flushMicrotasks();
    queue.logBatchAsync("r1", { metrics: [metric("m", 0)] });
    queue.logBatchAsync("r1", { metrics: [metric("m", 1)] });
    await flushMicrotasks();
    expect(calls.length).toBe(1);
    gates[0]!.open();
    await flushMicrotasks();
    expect(calls.length).toBe(2);
    expect(calls[1]!.batch.metrics.map((m) => m.step)).toEqual([0, 1]);
    gates[1]!.open();
    await queue.flush();
  });

  it("with runConcurrency above 1, overlaps a run's calls, keeping its params and its tags in logging order", async () => {
    const gates = [gate(), gate(), gate(), gate()];
    const { calls, logBatch } = recorder((_call, index) => gates[index]?.opened);
    const queue = createAsyncLoggingQueue({ logBatch, runConcurrency: 3 });
    const tag = (value: string) => ({ tags: [{ key: "t", value }] });
    queue.logBatchAsync("r1", tag("a"));
    await flushMicrotasks();
    queue.logBatchAsync("r1", { metrics: [metric("m", 0)] });
    await flushMicrotasks();
    // Metrics do not wait for the call carrying a tag.
    expect(calls).toHaveLength(2);
    queue.logBatchAsync("r1", tag("b"));
    queue.logBatchAsync("r1", { params: [{ key: "p", value: "1" }] });
    await flushMicrotasks();
    // The second tag waits for the first (and the param behind it waits too).
    expect(calls).toHaveLength(2);
    gates[0]!.open();
    await flushMicrotasks();
    expect(calls).toHaveLength(3);
    expect(calls[2]!.batch.tags).toEqual([{ key: "t", value: "b" }]);
    expect(calls[2]!.batch.params).toHaveLength(1);
    queue.logBatchAsync("r1", { metrics: [metric("m", 1)] });
    queue.logBatchAsync("r1", { metrics: [metric("m", 2)] });
    await flushMicrotasks();
    expect(calls.map((c) => c.batch.metrics.map((m) => m.step))).toEqual([[], [0], [], [1, 2]]);
    queue.logBatchAsync("r1", { metrics: [metric("m", 3)] });
    await flushMicrotasks();
    // Three calls in flight: the next waits for one of them.
    expect(calls).toHaveLength(4);
    gates[1]!.open();
    await flushMicrotasks();
    expect(calls).toHaveLength(5);
    gates[2]!.open();
    gates[3]!.open();
    await queue.flush();
  });

  it("runs at most `concurrency` runs' calls at once", async () => {
    let inFlight = 0;
    let peak = 0;
    const { logBatch } = recorder(async () => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await flushMicrotasks();
      inFlight--;
    });
    const queue = createAsyncLoggingQueue({ logBatch, concurrency: 2 });
    for (let i = 0; i < 6; i++) queue.logBatchAsync(`r${i}`, { metrics: [metric("m", i)] });
    await queue.flush();
    expect(peak).toBe(2);
  });
});

describe("createAsyncLoggingQueue: backpressure", () => {
  it("admits requests only while the bounded queue has room; `accepted` signals admission", async () => {
    const first = gate();
    const { calls, logBatch } = recorder((_c, index) => (index === 0 ? first.opened : undefined));
    const queue = createAsyncLoggingQueue({ logBatch, maxQueuedItems: 10 });
    const metrics = (from: number) => Array.from({ length: 5 }, (_, i) => metric("m", from + i));
    const admitted: number[] = [];
    const handles = [0, 1, 2].map((n) => {
      const handle = queue.logBatchAsync("r1", { metrics: metrics(n * 5) });
      void handle.accepted.then(() => admitted.push(n));
      return handle;
    });
    await flushMicrotasks();
    expect(admitted).toEqual([0, 1]);
    expect(queue.pending).toBe(3);
    first.open();
    await Promise.all(handles.map((h) => h.wait()));
    expect(admitted).toEqual([0, 1, 2]);
    expect(calls.flatMap((c) => c.batch.metrics.map((m) => m.step))).toEqual(
      Array.from({ length: 15 }, (_, i) => i),
    );
  });

  it("throttles a producer that awaits `accepted` to the queue's bound", async () => {
    let queued = 0;
    let peakQueued = 0;
    const { logBatch } = recorder(async (call) => {
      await flushMicrotasks();
      queued -= call.batch.metrics.length;
    });
    const queue = createAsyncLoggingQueue({ logBatch, maxQueuedItems: 50 });
    for (let i = 0; i < 500; i++) {
      const handle = queue.logBatchAsync(`r${i % 3}`, { metrics: [metric("m", i)] });
      await handle.accepted;
      queued++;
      peakQueued = Math.max(peakQueued, queued);
    }
    await queue.flush();
    expect(peakQueued).toBeLessThanOrEqual(50);
  });

  it("bounds the estimated bytes too: one-point requests and long values", async () => {
    const first = gate();
    const { logBatch } = recorder((_c, index) => (index === 0 ? first.opened : undefined));
    const queue = createAsyncLoggingQueue({ logBatch, maxQueuedBytes: 5_000 });
    let admitted = 0;
    for (let i = 0; i < 100; i++) {
      const handle = queue.logBatchAsync("r1", { metrics: [metric("m", i)] });
      void handle.accepted.then(() => admitted++);
    }
    await flushMicrotasks();
    // About 450 estimated bytes a one-point request: far fewer than maxQueuedItems admits.
    expect(admitted).toBeGreaterThan(5);
    expect(admitted).toBeLessThan(15);
    first.open();
    await queue.flush();
    expect(admitted).toBe(100);

    const long = "x".repeat(10_000);
    const held = gate();
    const q2 = createAsyncLoggingQueue({ logBatch: () => held.opened, maxQueuedBytes: 50_000 });
    const accepted: boolean[] = [];
    for (let i = 0; i < 5; i++) {
      const handle = q2.logBatchAsync("r1", { tags: [{ key: `t${i}`, value: long }] });
      accepted.push(false);
      void handle.accepted.then(() => {
        accepted[i] = true;
      });
    }
    await flushMicrotasks();
    expect(accepted).toEqual([true, true, false, false, false]);
    held.open();
    await q2.flush();
    expect(accepted).toEqual([true, true, true, true, true]);
  });

  it("admits a request larger than the bound when the queue is empty", async () => {
    const { calls, logBatch } = recorder();
    const queue = createAsyncLoggingQueue({ logBatch, maxQueuedItems: 3 });
    const handle = queue.logBatchAsync("r1", {
      metrics: Array.from({ length: 8 }, (_, i) => metric("m", i)),
    });
    await handle.accepted;
    await handle.wait();
    expect(calls[0]!.batch.metrics.length).toBe(8);
  });
});

describe("createAsyncLoggingQueue: retry", () => {
  const unavailable = () => new MlflowError("registry unavailable", "TEMPORARILY_UNAVAILABLE");

  it("retries transient failures with capped exponential backoff on the injected clock", async () => {
    const sleeps: number[] = [];
    let clock = 0;
    const { calls, logBatch } = recorder((_c, index) => {
      if (index < 3) throw unavailable();
    });
    const queue = createAsyncLoggingQueue({
      logBatch,
      retry: { baseDelayMs: 100, maxDelayMs: 300 },
      now: () => clock,
      sleep: async (ms) => {
        sleeps.push(ms);
        clock += ms;
      },
    });
    await queue.logBatchAsync("r1", { metrics: [metric("m", 0)] }).wait();
    expect(sleeps).toEqual([100, 200, 300]);
    expect(calls.length).toBe(4);
  });

  it("retries INTERNAL_ERROR caused by a 5xx answer and network failures, not 4xx-caused ones", async () => {
    const fiveHundred = new MlflowError("boom", "INTERNAL_ERROR", { cause: { status: 503 } });
    const network = new TypeError("fetch failed", { cause: { code: "ECONNRESET" } });
    const errors: unknown[] = [fiveHundred, network];
    const { calls, logBatch } = recorder((_c, index) => {
      if (index < errors.length) throw errors[index];
    });
    const queue = createAsyncLoggingQueue({ logBatch, sleep: async () => undefined });
    await queue.logBatchAsync("r1", { metrics: [metric("m", 0)] }).wait();
    expect(calls.length).toBe(3);

    const internal = new MlflowError("bug", "INTERNAL_ERROR");
    const second = recorder(() => {
      throw internal;
    });
    const q2 = createAsyncLoggingQueue({ logBatch: second.logBatch, sleep: async () => undefined });
    await expect(q2.logBatchAsync("r1", { metrics: [metric("m", 0)] }).wait()).rejects.toBe(
      internal,
    );
    expect(second.calls.length).toBe(1);
  });

  it("does not retry permanent failures", async () => {
    const invalid = MlflowError.invalidParameterValue("bad key");
    const { calls, logBatch } = recorder(() => {
      throw invalid;
    });
    const queue = createAsyncLoggingQueue({ logBatch, sleep: async () => undefined });
    await expect(queue.logBatchAsync("r1", { metrics: [metric("m", 0)] }).wait()).rejects.toBe(
      invalid,
    );
    expect(calls.length).toBe(1);
  });

  it("gives up after maxAttempts or maxElapsedMs and reports the last error", async () => {
    const { calls, logBatch } = recorder(() => {
      throw unavailable();
    });
    const queue = createAsyncLoggingQueue({
      logBatch,
      retry: { maxAttempts: 3 },
      sleep: async () => undefined,
    });
    await expect(queue.flush()).resolves.toBeUndefined();
    const handle = queue.logBatchAsync("r1", { metrics: [metric("m", 0)] });
    await expect(handle.wait()).rejects.toMatchObject({ errorCode: "TEMPORARILY_UNAVAILABLE" });
    expect(calls.length).toBe(3);

    let clock = 0;
    const slow = recorder(() => {
      clock += 20_000;
      throw unavailable();
    });
    const q2 = createAsyncLoggingQueue({
      logBatch: slow.logBatch,
      now: () => clock,
      sleep: async () => undefined,
    });
    await expect(q2.logBatchAsync("r1", { metrics: [metric("m", 0)] }).wait()).rejects.toThrow(
      "unavailable",
    );
    expect(slow.calls.length).toBe(2);
  });

  it("can be switched off", async () => {
    const { calls, logBatch } = recorder(() => {
      throw unavailable();
    });
    const queue = createAsyncLoggingQueue({ logBatch, retry: false });
    await expect(queue.logBatchAsync("r1", { metrics: [metric("m", 0)] }).wait()).rejects.toThrow();
    expect(calls.length).toBe(1);
  });
});

describe("createAsyncLoggingQueue: failures surface, nothing accepted is lost", () => {
  it("fails only the faulty request of a merged call", async () => {
    const conflict = MlflowError.invalidParameterValue("Changing param values is not allowed.");
    const { calls, logBatch } = recorder((call) => {
      if (call.batch.params.some((p) => p.key === "bad")) throw conflict;
    });
    const queue = createAsyncLoggingQueue({ logBatch });
    const ok1 = queue.logBatchAsync("r1", { metrics: [metric("m", 0)] });
    const bad = queue.logBatchAsync("r1", { params: [{ key: "bad", value: "x" }] });
    const ok2 = queue.logBatchAsync("r1", { metrics: [metric("m", 1)] });
    await expect(ok1.wait()).resolves.toBeUndefined();
    await expect(ok2.wait()).resolves.toBeUndefined();
    await expect(bad.wait()).rejects.toBe(conflict);
    // one merged attempt, then each request alone
    expect(calls.map((c) => c.batch.metrics.length + c.batch.params.length)).toEqual([3, 1, 1, 1]);
  });

  it("treats a rejection without a value as a failure, not a success", async () => {
    const queue = createAsyncLoggingQueue({
      logBatch: () => Promise.reject(undefined),
      retry: false,
    });
    await expect(
      queue.logBatchAsync("r1", { tags: [{ key: "k", value: "v" }] }).wait(),
    ).rejects.toBeInstanceOf(MlflowError);
  });

  it("rejects flush() with a failure nobody waited for, exactly once", async () => {
    const invalid = MlflowError.invalidParameterValue("bad");
    const { logBatch } = recorder((call) => {
      if (call.runId === "bad") throw invalid;
    });
    const queue = createAsyncLoggingQueue({ logBatch });
    queue.logBatchAsync("good", { metrics: [metric("m", 0)] });
    queue.logBatchAsync("bad", { metrics: [metric("m", 0)] });
    await expect(queue.flush()).rejects.toBe(invalid);
    await expect(queue.flush()).resolves.toBeUndefined();
  });

  it("does not report again through flush() a failure already seen through wait()", async () => {
    const invalid = MlflowError.invalidParameterValue("bad");
    const { logBatch } = recorder(() => {
      throw invalid;
    });
    const queue = createAsyncLoggingQueue({ logBatch });
    const handle = queue.logBatchAsync("r1", { metrics: [metric("m", 0)] });
    await expect(handle.wait()).rejects.toBe(invalid);
    await expect(queue.shutDown()).resolves.toBeUndefined();
  });

  it("combines several unreported failures into one MlflowError", async () => {
    const { logBatch } = recorder((call) => {
      throw MlflowError.invalidParameterValue(`bad ${call.runId}`);
    });
    const queue = createAsyncLoggingQueue({ logBatch });
    queue.logBatchAsync("r1", { metrics: [metric("m", 0)] });
    queue.logBatchAsync("r2", { metrics: [metric("m", 0)] });
    const error = await queue.end().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MlflowError);
    expect((error as MlflowError).errorCode).toBe("INVALID_PARAMETER_VALUE");
    expect((error as MlflowError).message).toContain(
      "2 async logging requests failed (runs: r1, r2)",
    );
    expect(((error as MlflowError).cause as AggregateError).errors.length).toBe(2);
  });

  it("keeps working after end() and shutDown(): the next request starts a new session", async () => {
    const { calls, logBatch } = recorder();
    const queue = createAsyncLoggingQueue({ logBatch });
    queue.logBatchAsync("r1", { metrics: [metric("m", 0)] });
    await queue.end();
    queue.logBatchAsync("r1", { metrics: [metric("m", 1)] });
    await queue.shutDown();
    queue.logBatchAsync("r1", { metrics: [metric("m", 2)] });
    await queue.flush();
    expect(calls.flatMap((c) => c.batch.metrics.map((m) => m.step))).toEqual([0, 1, 2]);
    expect(queue.pending).toBe(0);
  });

  it("after flush(), every accepted item is persisted once per run in logging order, whatever fails transiently", async () => {
    const request = fc.record({
      run: fc.constantFrom("a", "b", "c"),
      metrics: fc.integer({ min: 0, max: 40 }),
      tags: fc.integer({ min: 0, max: 3 }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(request, { maxLength: 60 }),
        fc.array(fc.boolean(), { maxLength: 200 }),
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 3 }),
        async (requests, failures, maxQueuedItems, concurrency, runConcurrency) => {
          const persisted = new Map<string, string[]>();
          let call = 0;
          const logBatch: AsyncLoggingQueueOptions["logBatch"] = async (runId, batch) => {
            await Promise.resolve();
            if (failures[call++] === true) {
              throw new MlflowError("try later", "TEMPORARILY_UNAVAILABLE");
            }
            const list = persisted.get(runId) ?? [];
            for (const m of batch.metrics ?? []) list.push(`m:${m.key}`);
            for (const t of batch.tags ?? []) list.push(`t:${t.key}`);
            persisted.set(runId, list);
          };
          const queue = createAsyncLoggingQueue({
            logBatch,
            maxQueuedItems,
            concurrency,
            runConcurrency,
            retry: { maxAttempts: 1000, maxElapsedMs: Number.POSITIVE_INFINITY },
            sleep: async () => undefined,
          });
          const expected = new Map<string, string[]>();
          requests.forEach((r, i) => {
            const metrics = Array.from({ length: r.metrics }, (_, j) => metric(`${i}.${j}`, j));
            const tags = Array.from({ length: r.tags }, (_, j) => ({
              key: `${i}.${j}`,
              value: "v",
            }));
            queue.logBatchAsync(r.run, { metrics, tags });
            const list = expected.get(r.run) ?? [];
            // a request's metrics and tags may travel in one call; compare per kind
            list.push(...metrics.map((m) => `m:${m.key}`), ...tags.map((t) => `t:${t.key}`));
            expected.set(r.run, list);
          });
          await queue.flush();
          for (const [run, items] of expected) {
            const got = persisted.get(run) ?? [];
            const kind = (k: string) => (list: string[]) => list.filter((x) => x.startsWith(k));
            // Overlapping metric batches of a run may land in any order (the store orders each
            // key's points); tags always land in logging order.
            const metricsOf = (list: string[]) =>
              runConcurrency === 1 ? kind("m:")(list) : kind("m:")(list).sort();
            expect(metricsOf(got)).toEqual(metricsOf(items));
            expect(kind("t:")(got)).toEqual(kind("t:")(items));
          }
          expect(queue.pending).toBe(0);
        },
      ),
      { numRuns: 60 },
    );
  });
});

const kv = (key: string, value: string) => ({ key, value });

describe("close: the queue stops accepting and drains", () => {
  const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

  it("writes everything logged before, refuses later calls without settling them, and counts both", async () => {
    const hold = gate();
    const { calls, logBatch } = recorder(async () => hold.opened);
    const queue = createAsyncLoggingQueue({ logBatch, maxQueuedItems: 2 });
    const before = [0, 1, 2, 3].map((step) =>
      queue.logBatchAsync("r1", { metrics: [metric("m", step)] }),
    );
    const closing = queue.close({ reason: "SIGTERM", timeoutMs: 5_000 });
    expect(queue.closed).toBe(true);
    const after = queue.logBatchAsync("r1", { metrics: [metric("m", 9)], params: [kv("p", "1")] });
    let afterSettled = false;
    void after.accepted.then(() => {
      afterSettled = true;
    });
    hold.open();
    const report = await closing;
    await Promise.all(before.map((handle) => handle.wait()));
    await tick();
    expect(afterSettled).toBe(false);
    expect(calls.flatMap((c) => c.batch.metrics.map((m) => m.step))).toEqual([0, 1, 2, 3]);
    expect(report).toMatchObject({
      reason: "SIGTERM",
      pending: { requests: 4, metrics: 4, params: 0, tags: 0 },
      written: { requests: 4, metrics: 4 },
      failed: { requests: 0, errors: [] },
      unwritten: { requests: 0 },
      refused: { requests: 1, metrics: 1, params: 1, tags: 0 },
      timedOut: false,
    });
    expect(await queue.close()).toBe(report);
  });

  it("reports what the deadline left unwritten and failures nobody saw", async () => {
    const { logBatch } = recorder(async (call) => {
      if (call.runId === "bad") throw MlflowError.invalidParameterValue("refused");
      await new Promise(() => undefined);
    });
    const queue = createAsyncLoggingQueue({ logBatch, retry: false });
    queue.logBatchAsync("bad", { tags: [kv("t", "v")] });
    await tick();
    queue.logBatchAsync("slow", { metrics: [metric("m", 1), metric("m", 2)] });
    const report = await queue.close({ timeoutMs: 20 });
    expect(report.timedOut).toBe(true);
    expect(report.unwritten).toEqual({ requests: 1, metrics: 2, params: 0, tags: 0 });
    expect(report.failed).toMatchObject({ requests: 1, tags: 1 });
    expect((report.failed.errors[0] as Error).message).toBe("refused");
  });
});
