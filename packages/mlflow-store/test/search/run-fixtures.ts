import type { Run, RunStatus } from "../../src/types.js";

export interface RunSpec {
  id: string;
  status?: RunStatus;
  start?: number;
  end?: number | null;
  name?: string;
  user?: string;
  metrics?: Record<string, number>;
  params?: Record<string, string>;
  tags?: Record<string, string>;
  datasets?: { name: string; digest: string; context?: string }[];
}

/** Builds an MLflow-shaped run for tests. */
export function makeRun(spec: RunSpec): Run {
  return {
    info: {
      runId: spec.id,
      runName: spec.name ?? `run-${spec.id}`,
      experimentId: "1",
      userId: spec.user ?? "alice",
      status: spec.status ?? "RUNNING",
      startTime: spec.start ?? 0,
      endTime: spec.end ?? null,
      lifecycleStage: "active",
      artifactUri: `s3://bucket/1/${spec.id}/artifacts`,
    },
    data: { metrics: spec.metrics ?? {}, params: spec.params ?? {}, tags: spec.tags ?? {} },
    inputs: {
      datasetInputs: (spec.datasets ?? []).map((d) => ({
        dataset: { name: d.name, digest: d.digest, sourceType: "code", source: "{}" },
        tags: d.context === undefined ? [] : [{ key: "mlflow.data.context", value: d.context }],
      })),
      modelInputs: [],
    },
    outputs: { modelOutputs: [] },
  };
}
