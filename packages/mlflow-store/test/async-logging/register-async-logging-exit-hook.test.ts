import { EventEmitter } from "node:events";
import { describe, expect, it, vi } from "vitest";
import { createAsyncLoggingQueue } from "../../src/async-logging/create-async-logging-queue.js";
import {
  type ExitHookProcess,
  registerAsyncLoggingExitHook,
} from "../../src/async-logging/register-async-logging-exit-hook.js";
import { MlflowError } from "../../src/mlflow-error.js";

function fakeProcess() {
  const emitter = new EventEmitter();
  const kills: string[] = [];
  const proc: ExitHookProcess & { emit(event: string): boolean } = {
    pid: 4242,
    exitCode: undefined,
    on: (event, listener) => emitter.on(event, listener),
    removeListener: (event, listener) => emitter.removeListener(event, listener),
    listenerCount: (event) => emitter.listenerCount(event),
    kill: (_pid, signal) => {
      kills.push(String(signal));
      return true;
    },
    emit: (event) => emitter.emit(event),
  };
  return { proc, kills, emitter };
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("registerAsyncLoggingExitHook", () => {
  it("flushes pending logging on beforeExit", async () => {
    const persisted: number[] = [];
    const queue = createAsyncLoggingQueue({
      logBatch: async (_runId, batch) => {
        await settle();
        persisted.push(...(batch.metrics ?? []).map((m) => m.step));
      },
    });
    const { proc } = fakeProcess();
    let flushes = 0;
    const store = {
      flushAsyncLogging: () => {
        flushes++;
        return queue.flush();
      },
    };
    registerAsyncLoggingExitHook(store, { process: proc });
    queue.logBatchAsync("r1", { metrics: [{ key: "m", value: 1, step: 7, timestamp: 1 }] });
    proc.emit("beforeExit");
    await settle();
    await settle();
    expect(flushes).toBe(1);
    expect(persisted).toEqual([7]);
    expect(proc.exitCode).toBeUndefined();
  });

  it("reports a failure nobody saw and sets exitCode 1", async () => {
    const queue = createAsyncLoggingQueue({
      logBatch: async () => {
        throw MlflowError.invalidParameterValue("rejected");
      },
    });
    const { proc } = fakeProcess();
    const reports: unknown[] = [];
    registerAsyncLoggingExitHook(queue, { process: proc, report: (_m, e) => reports.push(e) });
    queue.logBatchAsync("r1", { tags: [{ key: "k", value: "v" }] });
    proc.emit("beforeExit");
    await settle();
    await settle();
    expect(reports).toHaveLength(1);
    expect((reports[0] as MlflowError).message).toBe("rejected");
    expect(proc.exitCode).toBe(1);
  });

  it("flushes on SIGTERM, then re-raises the signal when nobody else listens", async () => {
    const persisted: string[] = [];
    const queue = createAsyncLoggingQueue({
      logBatch: async (runId) => {
        persisted.push(runId);
      },
    });
    const { proc, kills, emitter } = fakeProcess();
    registerAsyncLoggingExitHook(queue, { process: proc });
    queue.logBatchAsync("r1", { tags: [{ key: "k", value: "v" }] });
    proc.emit("SIGTERM");
    await settle();
    expect(persisted).toEqual(["r1"]);
    expect(kills).toEqual(["SIGTERM"]);
    expect(emitter.listenerCount("SIGTERM")).toBe(0);
    expect(emitter.listenerCount("beforeExit")).toBe(0);
  });

  it("leaves the signal to other listeners when there are some", async () => {
    const queue = createAsyncLoggingQueue({ logBatch: async () => undefined });
    const { proc, kills, emitter } = fakeProcess();
    emitter.on("SIGINT", () => undefined);
    registerAsyncLoggingExitHook(queue, { process: proc });
    proc.emit("SIGINT");
    await settle();
    expect(kills).toEqual([]);
  });

  it("gives up waiting after timeoutMs", async () => {
    const queue = { flush: () => new Promise<void>(() => undefined) };
    const { proc, kills } = fakeProcess();
    const reports: string[] = [];
    registerAsyncLoggingExitHook(queue, {
      process: proc,
      timeoutMs: 5,
      report: (m) => reports.push(m),
    });
    proc.emit("SIGINT");
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(kills).toEqual(["SIGINT"]);
    expect(reports[0]).toContain("timed out after 5 ms");
  });

  it("returns a function that removes every listener", () => {
    const { proc, emitter } = fakeProcess();
    const unregister = registerAsyncLoggingExitHook(
      { flush: async () => undefined },
      { process: proc },
    );
    expect(emitter.listenerCount("beforeExit")).toBe(1);
    expect(emitter.listenerCount("SIGINT")).toBe(1);
    unregister();
    expect(emitter.eventNames()).toEqual([]);
  });

  it("on SIGTERM stops accepting, writes what was accepted, counts what was refused, then re-raises", async () => {
    const persisted: number[] = [];
    const queue = createAsyncLoggingQueue({
      logBatch: async (_runId, batch) => {
        await new Promise((resolve) => setTimeout(resolve, 2));
        persisted.push(...(batch.metrics ?? []).map((m) => m.step));
      },
      maxQueuedItems: 5,
    });
    const { proc, kills } = fakeProcess();
    const reports: string[] = [];
    registerAsyncLoggingExitHook(queue, { process: proc, report: (m) => reports.push(m) });
    // A producer that keeps logging, throttled by `accepted`, as the client and fluent API are.
    let accepted = 0;
    const producer = (async () => {
      for (let step = 0; ; step++) {
        await queue.logBatchAsync("r1", {
          metrics: [{ key: "m", value: step, step, timestamp: 1 }],
        }).accepted;
        accepted = step + 1;
        if (step === 20) proc.emit("SIGTERM");
      }
    })();
    void producer;
    await vi.waitFor(() => expect(kills).toEqual(["SIGTERM"]), { timeout: 5_000 });
    expect(persisted).toHaveLength(accepted);
    expect([...persisted].sort((a, b) => a - b)).toEqual(
      Array.from({ length: accepted }, (_, i) => i),
    );
    expect(reports.join("\n")).toContain("SIGTERM: async logging drained in");
    expect(reports.join("\n")).toContain(
      "SIGTERM: 1 async logging request (1 metrics, 0 params, 0 tags) logged after the queue closed was not accepted and is lost",
    );
  });

  it("ends the process at once on a second signal during the drain", async () => {
    const queue = createAsyncLoggingQueue({ logBatch: () => new Promise(() => undefined) });
    const { proc, kills } = fakeProcess();
    const reports: string[] = [];
    registerAsyncLoggingExitHook(queue, { process: proc, report: (m) => reports.push(m) });
    queue.logBatchAsync("r1", { tags: [{ key: "k", value: "v" }] });
    proc.emit("SIGINT");
    await settle();
    expect(kills).toEqual([]);
    proc.emit("SIGINT");
    expect(kills).toEqual(["SIGINT"]);
    expect(reports[0]).toContain("SIGINT again: exiting without waiting");
  });

  it("reports what the deadline left unwritten, with counts, and sets exitCode 1 on beforeExit", async () => {
    const queue = createAsyncLoggingQueue({ logBatch: () => new Promise(() => undefined) });
    const { proc } = fakeProcess();
    const reports: string[] = [];
    registerAsyncLoggingExitHook(queue, {
      process: proc,
      timeoutMs: 10,
      report: (m) => reports.push(m),
    });
    queue.logBatchAsync("r1", {
      metrics: [{ key: "m", value: 1, step: 0, timestamp: 1 }],
      params: [{ key: "p", value: "1" }],
    });
    proc.emit("beforeExit");
    await vi.waitFor(() => expect(proc.exitCode).toBe(1));
    expect(reports).toEqual([
      expect.stringContaining(
        "beforeExit: 1 async logging request (1 metrics, 1 params, 0 tags) was not written within",
      ),
    ]);
  });
});
