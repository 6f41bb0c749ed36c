/**
 * A registry that stops answering: reads and writes end with a typed error after the client's
 * timeout and the retries, in bounded time, and a write that hung is not duplicated.
 */
import { createRegistryClient } from "@model-registry/registry-client";
import { type FakeRegistryServer, startFakeRegistryServer } from "@model-registry/testing/node";
import { afterEach, describe, expect, it } from "vitest";
import { createMlflowStore, isMlflowError, type MlflowStore } from "../../src/index.js";

const TIMEOUT_MS = 400;
let server: FakeRegistryServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function hangingRegistry(
  method: "GET" | "POST",
): Promise<{ store: MlflowStore; runId: string }> {
  server = await startFakeRegistryServer({
    faults: [
      {
        kind: "hang",
        method,
        ...(method === "POST" ? { route: "/experiment_runs/{experimentrunId}/artifacts" } : {}),
        hangMs: 60_000,
      },
    ],
  });
  // Only GETs, or only metric/param POSTs, hang: a run to write to can still be created.
  const client = createRegistryClient({ baseUrl: server.url, timeoutMs: TIMEOUT_MS });
  const store = createMlflowStore({ client, artifactLocation: "s3://bucket/hang" });
  let runId = "";
  if (method === "POST") {
    const experimentId = await store.createExperiment("hang");
    runId = (await store.createRun({ experimentId, startTime: 1 })).info.runId;
  }
  return { store, runId };
}

async function timeToError(call: Promise<unknown>): Promise<{ ms: number; error: unknown }> {
  const started = performance.now();
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  return { ms: performance.now() - started, error };
}

describe("a registry that stops answering", () => {
  it("a read ends with TEMPORARILY_UNAVAILABLE after the client's timeout and retries", async () => {
    const { store } = await hangingRegistry("GET");
    const { ms, error } = await timeToError(store.getRun("1"));
    expect(isMlflowError(error) && error.errorCode).toBe("TEMPORARILY_UNAVAILABLE");
    expect(ms).toBeLessThan(20_000);
    console.info(`[hang] getRun: typed error after ${Math.round(ms)} ms (timeoutMs ${TIMEOUT_MS})`);
  });

  it("a write ends with TEMPORARILY_UNAVAILABLE, and stored nothing twice", async () => {
    const { store, runId } = await hangingRegistry("POST");
    const { ms, error } = await timeToError(
      store.logMetric(runId, { key: "m", value: 1, timestamp: 1, step: 0 }),
    );
    expect(isMlflowError(error) && error.errorCode).toBe("TEMPORARILY_UNAVAILABLE");
    expect(ms).toBeLessThan(30_000);
    const history = (server?.registry.snapshot().metricHistory ?? []).filter(
      (record) => record["experimentRunId"] === runId,
    );
    expect(history).toEqual([]);
    console.info(
      `[hang] logMetric: typed error after ${Math.round(ms)} ms (timeoutMs ${TIMEOUT_MS})`,
    );
  });
});
