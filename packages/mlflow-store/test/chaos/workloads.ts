/**
 * Workloads of the chaos suite. Each returns what it logged (the census compares the registry
 * with it). Values, steps and timestamps are computed, not read from a clock, so the expected
 * state is exact.
 */
import { createFluent, type Metric, type MlflowStore } from "../../src/index.js";
import type { ExpectedRun } from "../support/census.js";

const T0 = 1_700_000_000_000;

/** The value a workload logs for one key at one step (distinct per key and step). */
function pointValue(key: number, step: number): number {
  return Math.round((1 / (step + 1) + key * 10) * 1e6) / 1e6;
}

/**
 * Training runs as a script writes them with the fluent API: params, tags and a dataset input
 * (synchronous), a metric per key and epoch (async logging), and a logged model recorded as the
 * run's output; `withRun` ends each run, draining its async logging.
 */
export async function trainingWorkload(
  store: MlflowStore,
  options: { experimentName: string; runs: number; keys: number; steps: number },
): Promise<ExpectedRun[]> {
  const mlflow = createFluent({ store, endRunsOnExit: false, contextTags: async () => ({}) });
  const experiment = await mlflow.setExperiment(options.experimentName);
  const client = mlflow.getClient();
  const expected: ExpectedRun[] = [];
  for (let r = 0; r < options.runs; r++) {
    const name = `train-${r}`;
    const want: ExpectedRun = {
      name,
      params: new Map(),
      tags: new Map([["mlflow.runName", name]]),
      points: [],
      datasets: [`data-${r}:d${r}`],
      models: [`model-${r}`],
    };
    expected.push(want);
    await mlflow.withRun(
      async (run) => {
        const params: Record<string, string> = {};
        for (let i = 0; i < 20; i++) params[`param_${i}`] = `${r}.${i}`;
        await mlflow.logParams(params);
        for (const [key, value] of Object.entries(params)) want.params.set(key, value);
        const tags: Record<string, string> = {};
        for (let i = 0; i < 10; i++) tags[`tag_${i}`] = `t${r}.${i}`;
        await mlflow.setTags(tags);
        for (const [key, value] of Object.entries(tags)) want.tags.set(key, value);
        await mlflow.logInput(
          { name: `data-${r}`, digest: `d${r}`, sourceType: "code", source: "chaos" },
          "training",
        );
        for (let step = 0; step < options.steps; step++) {
          const metrics: Record<string, number> = {};
          for (let k = 0; k < options.keys; k++) metrics[`metric_${k}`] = pointValue(k, step);
          const timestamp = T0 + r * 100_000 + step;
          await mlflow.logMetrics(metrics, { step, timestamp, synchronous: false });
          for (const [key, value] of Object.entries(metrics)) {
            want.points.push({ key, value, step, timestamp });
          }
        }
        const model = await client.createLoggedModel(experiment.experimentId, {
          name: `model-${r}`,
          sourceRunId: run.info.runId,
        });
        await client.logOutputs(run.info.runId, [{ modelId: model.modelId, step: options.steps }]);
        await client.finalizeLoggedModel(model.modelId, "READY");
      },
      { runName: name },
    );
  }
  return expected;
}

/**
 * Async logging from several runs at once: per step one request per run with a point for every
 * key, a param every 50 steps, a new tag every 100 steps and an ever-changing `progress` tag
 * (its last value must win). Producers await `accepted` (backpressure); `onProgress` is told the
 * number of requests accepted so far. Ends with a flush.
 */
export async function asyncWorkload(
  store: MlflowStore,
  options: {
    experimentName: string;
    runs: number;
    keys: number;
    steps: number;
    onProgress?: (accepted: number) => Promise<void> | void;
  },
): Promise<ExpectedRun[]> {
  const experimentId = await store.createExperiment(options.experimentName);
  const expected: ExpectedRun[] = [];
  const runIds: string[] = [];
  for (let r = 0; r < options.runs; r++) {
    const name = `async-${r}`;
    const run = await store.createRun({ experimentId, runName: name, startTime: T0 });
    runIds.push(run.info.runId);
    expected.push({
      name,
      params: new Map(),
      tags: new Map([["mlflow.runName", name]]),
      points: [],
      datasets: [],
      models: [],
    });
  }
  let accepted = 0;
  await Promise.all(
    expected.map(async (want, r) => {
      const runId = runIds[r] as string;
      for (let step = 0; step < options.steps; step++) {
        const timestamp = T0 + step;
        const metrics: Metric[] = [];
        for (let k = 0; k < options.keys; k++) {
          metrics.push({ key: `metric_${k}`, value: pointValue(k, step), step, timestamp });
        }
        const params = step % 50 === 0 ? [{ key: `param_${step}`, value: `${r}:${step}` }] : [];
        const tags = [{ key: "progress", value: String(step) }];
        if (step % 100 === 0) tags.push({ key: `tag_${step}`, value: `${r}:${step}` });
        await store.logBatchAsync(runId, { metrics, params, tags }).accepted;
        want.points.push(...metrics);
        for (const p of params) want.params.set(p.key, p.value);
        for (const t of tags) want.tags.set(t.key, t.value);
        accepted++;
        await options.onProgress?.(accepted);
      }
    }),
  );
  await store.flushAsyncLogging();
  return expected;
}
