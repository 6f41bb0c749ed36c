import { timed } from "../measure.js";
import type { WorkloadContext } from "../workloads/workload.js";

/** How the fake's injected latency behaves under concurrent requests. */
export interface LatencyCheck {
  readonly latencyMs: number;
  readonly requests: number;
  /** Wall time of `requests` GETs fired at once, ms. */
  readonly concurrentMs: number;
  /** Wall time of the same GETs one after the other, ms. */
  readonly sequentialMs: number;
}

/**
 * Fires `requests` GETs at once and then one after the other. With a per-request timer the
 * concurrent ones overlap (about one latency in all) while the sequential ones add up, as on a
 * network; a server that delayed requests in turn would take as long both ways.
 */
export async function checkLatency(
  ctx: WorkloadContext,
  requests = 16,
  warmConnections = 64,
): Promise<LatencyCheck> {
  const path = `/experiment?name=${encodeURIComponent(ctx.fixture.trainingExperimentName)}`;
  const burst = (n = requests) =>
    Promise.all(Array.from({ length: n }, () => ctx.send("GET", path)));
  // Opens the connections the measurements will use (fetch keeps them alive between requests).
  await burst(warmConnections);
  const concurrentMs = await timed(async () => {
    await burst();
  });
  const sequentialMs = await timed(async () => {
    for (let i = 0; i < requests; i++) await ctx.send("GET", path);
  });
  return { latencyMs: ctx.fake.latencyMs, requests, concurrentMs, sequentialMs };
}
