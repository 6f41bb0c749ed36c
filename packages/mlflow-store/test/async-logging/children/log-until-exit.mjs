// A process that uses async logging the way training scripts do, for the exit tests. The mode:
// - "return": queues 200 points without awaiting them and returns from the module;
// - "loop": logs one point per call forever, awaiting `accepted` (backpressure) and yielding to the
//   event loop between calls as a training step would, printing progress.
// Each line on stdout is JSON; the exit hook writes its report to stderr.
import { createMlflowStore, registerAsyncLoggingExitHook } from "@model-registry/mlflow-store";

const mode = process.argv[2];
const store = createMlflowStore({
  trackingUri: (process.env.REGISTRY_URL ?? "").replace(/^http:/, "modelregistry+http:"),
  artifactLocation: "s3://bucket/exit",
});
registerAsyncLoggingExitHook(store, {
  ...(process.env.DRAIN_TIMEOUT_MS ? { timeoutMs: Number(process.env.DRAIN_TIMEOUT_MS) } : {}),
});
const experimentId = await store.createExperiment(`exit-${mode}-${process.pid}`);
const { runId } = (await store.createRun({ experimentId, startTime: 1 })).info;
const say = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);
say({ runId });
const point = (step) => ({ metrics: [{ key: "m", value: step, step, timestamp: 1000 + step }] });

if (mode === "return") {
  for (let step = 0; step < 200; step++) store.logBatchAsync(runId, point(step));
} else if (mode === "loop") {
  for (let step = 0; ; step++) {
    await store.logBatchAsync(runId, point(step)).accepted;
    if ((step + 1) % 50 === 0) say({ accepted: step + 1 });
    await new Promise((resolve) => setImmediate(resolve));
  }
}
