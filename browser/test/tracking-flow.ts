import type { MlflowStore } from "@model-registry/mlflow-store";

/** What {@link trackingFlow} did and read back. */
export interface TrackingFlowResult {
  readonly experimentId: string;
  readonly matchingRunId: string;
  readonly found: readonly string[];
  readonly history: readonly { step: number; value: number }[];
}

/**
 * The browser page's MLflow work: creates an experiment, logs two runs with metrics and params,
 * searches the runs with a filter and reads one run's metric history.
 */
export async function trackingFlow(store: MlflowStore, name: string): Promise<TrackingFlowResult> {
  const experimentId = await store.createExperiment(name);
  const good = await store.createRun({ experimentId, startTime: 1_000, runName: "good" });
  const poor = await store.createRun({ experimentId, startTime: 1_001, runName: "poor" });
  await store.logBatch(good.info.runId, {
    metrics: [0, 1, 2, 3, 4].map((step) => ({
      key: "loss",
      value: 1 / (step + 2),
      timestamp: 2_000 + step,
      step,
    })),
    params: [{ key: "lr", value: "0.1" }],
  });
  await store.logBatch(poor.info.runId, {
    metrics: [{ key: "loss", value: 0.9, timestamp: 2_000, step: 0 }],
    params: [{ key: "lr", value: "0.2" }],
  });
  const found = await store.searchRuns({
    experimentIds: [experimentId],
    filterString: "metrics.loss < 0.5 and params.lr = '0.1'",
  });
  const history = await store.getMetricHistory(good.info.runId, "loss");
  return {
    experimentId,
    matchingRunId: good.info.runId,
    found: found.items.map((run) => run.info.runId),
    history: history.items.map(({ step, value }) => ({ step, value })),
  };
}

/** The metric history {@link trackingFlow} logs. */
export const EXPECTED_HISTORY = [0, 1, 2, 3, 4].map((step) => ({ step, value: 1 / (step + 2) }));
