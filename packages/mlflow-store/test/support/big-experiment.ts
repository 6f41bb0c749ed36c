import type { FakeRegistrySnapshot } from "@model-registry/testing";

const str = (value: string) => ({ metadataType: "MetadataStringValue", string_value: value });

/**
 * Experiment 1 with `runs` runs in the Python plugin's layout. Run i (ids from 2): start time
 * 1_000_000 + i, tag `parity` odd/even, param `model` cnn (i % 3 == 0) or mlp, metrics `acc` = i/runs
 * and `loss` = 1 - i/runs.
 */
export function bigExperiment(runs: number): FakeRegistrySnapshot {
  const experimentRuns: Record<string, unknown>[] = [];
  const artifacts: Record<string, unknown>[] = [];
  const metricHistory: Record<string, unknown>[] = [];
  let artifactId = 1;
  for (let i = 0; i < runs; i++) {
    const id = String(i + 2);
    const start = String(1_000_000 + i);
    experimentRuns.push({
      id,
      experimentId: "1",
      name: `run-${i}`,
      status: "FINISHED",
      state: "LIVE",
      startTimeSinceEpoch: start,
      externalId: `s3://bucket/exp/1/${id}`,
      customProperties: { "mlflow.runName": str(`run-${i}`), parity: str(i % 2 ? "odd" : "even") },
      createTimeSinceEpoch: start,
      lastUpdateTimeSinceEpoch: start,
    });
    const common = {
      experimentId: "1",
      experimentRunId: id,
      customProperties: {},
      createTimeSinceEpoch: start,
      lastUpdateTimeSinceEpoch: start,
    };
    for (const [key, value] of [
      ["acc", i / runs],
      ["loss", 1 - i / runs],
    ] as const) {
      artifacts.push({
        id: String(artifactId++),
        artifactType: "metric",
        name: key,
        value,
        step: 1,
        timestamp: "5",
        ...common,
      });
      metricHistory.push({
        id: String(artifactId++),
        artifactType: "metric",
        name: key,
        value,
        step: 1,
        timestamp: "5",
        ...common,
      });
    }
    artifacts.push({
      id: String(artifactId++),
      artifactType: "parameter",
      name: "model",
      value: i % 3 === 0 ? "cnn" : "mlp",
      parameterType: "string",
      ...common,
    });
  }
  return {
    format: "model-registry-fake/v1",
    nextIds: { context: runs + 10, artifact: artifactId + 10 },
    experiments: [
      {
        id: "1",
        name: "big",
        externalId: "s3://bucket/exp/1",
        state: "LIVE",
        customProperties: {},
        createTimeSinceEpoch: "1000000",
        lastUpdateTimeSinceEpoch: "1000000",
      },
    ],
    experimentRuns,
    artifacts,
    metricHistory,
  };
}
