// In Chromium: the store and the fluent API against the in-process fake, served by MSW's service
// worker (`setupWorker`).
import { createFluent, createMlflowStore, isMlflowError } from "@model-registry/mlflow-store";
import { createFakeRegistry } from "@model-registry/testing";
import { setupWorker } from "msw/browser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXPECTED_HISTORY, trackingFlow } from "../tracking-flow.js";

const registry = createFakeRegistry();
const worker = setupWorker(...registry.handlers);

beforeAll(async () => {
  await worker.start({ quiet: true, onUnhandledRequest: "bypass" });
});
afterAll(() => {
  worker.stop();
});

describe("in a browser, against the in-process fake (MSW setupWorker)", () => {
  it("runs in a real browser, on the universal build", () => {
    expect(navigator.userAgent).toMatch(/Chrome\//);
    expect("process" in globalThis).toBe(false);
  });

  it("creates an experiment, logs runs with metrics, searches with a filter, reads metric history", async () => {
    const store = createMlflowStore({ trackingUri: "http://registry.test" });
    const result = await trackingFlow(store, "browser in-process");
    expect(result.found).toEqual([result.matchingRunId]);
    expect(result.history).toEqual(EXPECTED_HISTORY);
    await store.updateRunInfo(result.matchingRunId, { status: "FINISHED", endTime: 3_000 });
    expect((await store.getRun(result.matchingRunId)).info.status).toBe("FINISHED");
    expect(registry.requests.every((request) => request.status < 400)).toBe(true);
  });

  it("runs the fluent API's withRun and nested runs without AsyncLocalStorage", async () => {
    const store = createMlflowStore({ trackingUri: "http://registry.test" });
    const fluent = createFluent({ store });
    await fluent.setExperiment("browser fluent");
    const tags = await fluent.withRun(async (run) => {
      await fluent.logMetric("acc", 0.9, { step: 1 });
      const inner = await fluent.withRun(async (nested) => nested, { nested: true });
      expect(inner.data.tags["mlflow.parentRunId"]).toBe(run.info.runId);
      return run.data.tags;
    });
    expect(tags).toMatchObject({ "mlflow.user": "unknown", "mlflow.source.name": "<console>" });
    expect(fluent.activeRun()).toBeNull();
  });

  it("says which features need Node.js", async () => {
    const store = createMlflowStore({ trackingUri: "http://registry.test" });
    const experimentId = await store.createExperiment("browser artifacts");
    const { info } = await store.createRun({ experimentId, startTime: 1 });
    const { createMlflowClient } = await import("@model-registry/mlflow-store");
    const failure = await createMlflowClient({ store })
      .logText(info.runId, "text", "a.txt")
      .catch((error: unknown) => error);
    expect(isMlflowError(failure) && failure.errorCode).toBe("NOT_IMPLEMENTED");
  });
});
