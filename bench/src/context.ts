import { createMlflowStore } from "@model-registry/mlflow-store";
import type { FakeProcess } from "./fake/fake-process.js";
import type { Fixture } from "./fixture.js";
import { createSend } from "./http/plain-http.js";
import { median, timed } from "./measure.js";
import type { WorkloadContext } from "./workloads/workload.js";

/** The context workloads run in against one fake process. */
export function createContext(
  fake: FakeProcess,
  fixture: Fixture,
  concurrency: number,
): WorkloadContext {
  const trackingUri = `modelregistry+http://${fake.url.replace(/^http:\/\//, "")}`;
  return {
    fake,
    send: createSend(fake.url),
    trackingUri,
    concurrency,
    fixture,
    newStore: (c = concurrency) =>
      createMlflowStore({
        trackingUri,
        env: {},
        concurrency: c,
        artifactLocation: "s3://bench",
        onWarning: () => {},
      }),
  };
}

/** Per-request overhead (client + fake, beyond the injected latency) of sequential GETs, in ms. */
export async function calibrate(ctx: WorkloadContext, count = 50): Promise<number> {
  const path = `/experiment?name=${encodeURIComponent(ctx.fixture.trainingExperimentName)}`;
  for (let i = 0; i < 10; i++) await ctx.send("GET", path);
  const times: number[] = [];
  for (let i = 0; i < count; i++)
    times.push(await timed(() => ctx.send("GET", path).then(() => {})));
  return Math.max(0.05, median(times) - ctx.fake.latencyMs);
}
