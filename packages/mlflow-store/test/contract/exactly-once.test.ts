/**
 * Exactly-once writes against the fake registry with injected faults, including faults after
 * the registry applied the write (the answer is lost): creates are recovered through their
 * unique keys, metric points are never posted twice, failures are reported only once every
 * request settled, and a repeated call writes only what did not land.
 */
import { createRegistryClient } from "@model-registry/registry-client";
import { createFakeRegistry, type FakeRegistry, type FaultRule } from "@model-registry/testing";
import { describe, expect, it } from "vitest";
import {
  createMlflowStore,
  isMlflowError,
  type Metric,
  type MlflowStore,
} from "../../src/index.js";

const RUN_ARTIFACTS = "/experiment_runs/{experimentrunId}/artifacts";

function setup(
  faults: FaultRule[],
  options: {
    retry?: false;
    seed?: number;
    fetch?: (f: typeof globalThis.fetch) => typeof globalThis.fetch;
  } = {},
): { fake: FakeRegistry; store: MlflowStore } {
  const fake = createFakeRegistry({ seed: options.seed ?? 5, faults });
  const base = fake.fetch.bind(fake) as typeof globalThis.fetch;
  const client = createRegistryClient({
    baseUrl: "http://registry.test:8080",
    fetch: options.fetch ? options.fetch(base) : base,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
  });
  const store = createMlflowStore({
    client,
    artifactLocation: "s3://bucket/once",
    ...(options.retry === false ? { retry: false as const } : {}),
  });
  return { fake, store };
}

const lostAnswer = (method: string, route: string, times = 1): FaultRule => ({
  kind: "reset",
  method,
  route,
  phase: "after",
  times,
});

function historyOf(fake: FakeRegistry, runId: string): Record<string, unknown>[] {
  return (fake.snapshot().metricHistory ?? []).filter((r) => r["experimentRunId"] === runId);
}

function artifactsOf(fake: FakeRegistry, type: string): Record<string, unknown>[] {
  return (fake.snapshot().artifacts ?? []).filter((a) => a["artifactType"] === type);
}

async function newRun(store: MlflowStore): Promise<string> {
  const experimentId = await store.createExperiment(`e-${Math.random().toString(16).slice(2)}`);
  return (await store.createRun({ experimentId, startTime: 1 })).info.runId;
}

const points = (key: string, n: number): Metric[] =>
  Array.from({ length: n }, (_, step) => ({ key, value: step * 1.5, step, timestamp: 100 + step }));

describe("creates whose answer was lost are found again by their unique key", () => {
  it.each([
    ["a lost connection", lostAnswer("POST", "/experiments")],
    [
      "a 500 after the write",
      {
        kind: "status",
        status: 500,
        method: "POST",
        route: "/experiments",
        phase: "after",
        times: 1,
      } as FaultRule,
    ],
  ])("createExperiment after %s: one experiment", async (_name, fault) => {
    const { fake, store } = setup([fault]);
    const id = await store.createExperiment("once");
    expect(fake.snapshot().experiments?.map((e) => e["id"])).toEqual([id]);
    expect((await store.getExperiment(id)).name).toBe("once");
  });

  it.each([
    ["a lost connection", lostAnswer("POST", "/experiment_runs")],
    [
      "a 502 after the write",
      {
        kind: "status",
        status: 502,
        method: "POST",
        route: "/experiment_runs",
        phase: "after",
        times: 1,
      } as FaultRule,
    ],
    [
      "a timeout after the write",
      {
        kind: "hang",
        hangMs: 60_000,
        method: "POST",
        route: "/experiment_runs",
        phase: "after",
        times: 1,
      } as FaultRule,
    ],
  ])("createRun after %s: one run", async (_name, fault) => {
    const fake = createFakeRegistry({ seed: 5, faults: [fault] });
    const client = createRegistryClient({
      baseUrl: "http://registry.test:8080",
      fetch: fake.fetch.bind(fake) as typeof globalThis.fetch,
      timeoutMs: 300,
    });
    const store = createMlflowStore({ client, artifactLocation: "s3://bucket/once" });
    const experimentId = await store.createExperiment("runs");
    const run = await store.createRun({ experimentId, runName: "only", startTime: 1 });
    expect(fake.snapshot().experimentRuns?.map((r) => r["id"])).toEqual([run.info.runId]);
    expect((await store.getRun(run.info.runId)).info.runName).toBe("only");
  });

  it("createLoggedModel (with and without a source run) and recordLoggedModel: one model each", async () => {
    const { fake, store } = setup([
      lostAnswer("POST", RUN_ARTIFACTS, 2),
      lostAnswer("POST", "/artifacts", 1),
    ]);
    const runId = await newRun(store);
    const experimentId = (await store.getRun(runId)).info.experimentId;
    const attached = await store.createLoggedModel({ experimentId, sourceRunId: runId, name: "a" });
    const loose = await store.createLoggedModel({ experimentId, name: "b" });
    await store.recordLoggedModel(runId, { artifactPath: "model", modelUuid: "uuid-1" });
    const models = artifactsOf(fake, "model-artifact");
    expect(models).toHaveLength(3);
    expect(models.map((m) => m["id"])).toEqual(
      expect.arrayContaining([attached.modelId, loose.modelId]),
    );
  });

  it("logInputs: one dataset artifact", async () => {
    const { fake, store } = setup([lostAnswer("POST", RUN_ARTIFACTS)]);
    const runId = await newRun(store);
    await store.logInputs(runId, {
      datasets: [
        { dataset: { name: "d", digest: "1", sourceType: "code", source: "s" }, tags: [] },
      ],
    });
    expect(artifactsOf(fake, "dataset-artifact")).toHaveLength(1);
    expect((await store.getRun(runId)).inputs.datasetInputs).toHaveLength(1);
  });
});

describe("metric points are stored exactly once and the latest point wins", () => {
  it("through lost answers, 500s and 503s on a third of the posts", async () => {
    const { fake, store } = setup([
      { kind: "reset", method: "POST", route: RUN_ARTIFACTS, phase: "after", rate: 0.15 },
      {
        kind: "status",
        status: 500,
        method: "POST",
        route: RUN_ARTIFACTS,
        phase: "after",
        rate: 0.1,
      },
      { kind: "status", status: 503, method: "POST", route: RUN_ARTIFACTS, rate: 0.1 },
    ]);
    const runId = await newRun(store);
    const metrics = [...points("loss", 60), ...points("acc", 60)];
    await store.logBatch(runId, {
      metrics,
      params: Array.from({ length: 20 }, (_, i) => ({ key: `p${i}`, value: String(i) })),
    });
    const history = historyOf(fake, runId);
    expect(history).toHaveLength(metrics.length);
    const identities = new Set(history.map((r) => `${r["name"]}:${r["step"]}:${r["value"]}`));
    expect(identities.size).toBe(metrics.length);
    const run = await store.getRun(runId);
    expect(run.data.metrics).toEqual({ loss: 59 * 1.5, acc: 59 * 1.5 });
    expect(artifactsOf(fake, "parameter")).toHaveLength(20);
  });

  it("reports a failure only after every request settled, and a repeated call posts only what is missing", async () => {
    let inFlight = 0;
    let inFlightAtFailure = -1;
    let posts = 0;
    const { fake, store } = setup(
      [{ kind: "status", status: 429, method: "POST", route: RUN_ARTIFACTS, rate: 0.3, times: 12 }],
      {
        retry: false,
        fetch: (base) => async (input, init) => {
          inFlight++;
          if ((init?.method ?? "GET") === "POST") posts++;
          try {
            return await base(input, init);
          } finally {
            inFlight--;
          }
        },
      },
    );
    const runId = await newRun(store);
    const metrics = points("m", 40);
    const first = await store.logBatch(runId, { metrics }).then(
      () => undefined,
      (error: unknown) => {
        inFlightAtFailure = inFlight;
        return error;
      },
    );
    expect(isMlflowError(first)).toBe(true);
    expect(inFlightAtFailure).toBe(0);
    const landed = historyOf(fake, runId).length;
    expect(landed).toBeLessThan(metrics.length);
    posts = 0;
    for (let attempt = 0; attempt < 10; attempt++) {
      const again = await store.logBatch(runId, { metrics }).then(
        () => true,
        () => false,
      );
      if (again) break;
    }
    const history = historyOf(fake, runId);
    expect(history).toHaveLength(metrics.length);
    expect(new Set(history.map((r) => r["step"])).size).toBe(metrics.length);
    // Each repeat posted only points that had not landed (429s are refused before any write).
    expect(posts).toBeLessThanOrEqual(metrics.length - landed + 12);
    expect((await store.getRun(runId)).data.metrics).toEqual({ m: 39 * 1.5 });
  });

  it("a point whose outcome stayed unknown is looked up before it is posted again", async () => {
    const { fake, store } = setup([lostAnswer("POST", RUN_ARTIFACTS, 1)], { retry: false });
    const runId = await newRun(store);
    const point = { key: "m", value: 1, step: 0, timestamp: 5 };
    const first = await store.logMetric(runId, point).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isMlflowError(first) && first.errorCode).toBe("TEMPORARILY_UNAVAILABLE");
    expect(historyOf(fake, runId)).toHaveLength(1);
    await store.logMetric(runId, point);
    expect(historyOf(fake, runId)).toHaveLength(1);
  });
});
