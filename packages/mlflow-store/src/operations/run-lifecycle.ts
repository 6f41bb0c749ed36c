import type { StoreContext } from "../store-context.js";
import { mapConcurrent } from "./map-concurrent.js";
import { registryCall } from "./registry-call.js";
import { API } from "./registry-paths.js";
import { RUN_LIST } from "./response-shapes.js";
import { patchRun } from "./run-access.js";

/**
 * MLflow deletes (restores) every run of an experiment with it; the registry does not cascade, so
 * the store archives (revives) the runs itself: one list plus one PATCH per run, concurrently.
 * @internal
 */
export async function cascadeRunLifecycle(
  ctx: StoreContext,
  experimentId: string,
  target: "deleted" | "active",
): Promise<void> {
  const from = target === "deleted" ? "LIVE" : "ARCHIVED";
  const to = target === "deleted" ? "ARCHIVED" : "LIVE";
  const what = target === "deleted" ? "deleteExperiment" : "restoreExperiment";
  const list = await registryCall(
    what,
    RUN_LIST,
    ctx.client.GET(`${API}/experiments/{experimentId}/experiment_runs`, {
      params: { path: { experimentId }, query: { filterQuery: `state = "${from}"` } },
    }),
  );
  const runs = list.items.filter((run) => (run.state ?? "LIVE") === from);
  await mapConcurrent(runs, ctx.concurrency, (run) =>
    ctx.exclusive(`run:${run.id}`, () => patchRun(ctx, run, { state: to }, what)),
  );
}
