// The requests of the round-trip lower bound, fired with plain fetch at a given concurrency and
// with only the dependencies the registry's API and MLflow's semantics impose.
import type { KeyValue, Metric } from "@model-registry/mlflow-store";
import type { Send } from "../http/plain-http.js";
import type { Scheduler } from "../http/scheduler.js";
import { pluginMetricBody, pluginParamBody } from "./plugin-pattern.js";

/** Groups points by key, each key's points in logging order. */
function byKey(points: readonly Metric[]): Metric[][] {
  const groups = new Map<string, Metric[]>();
  for (const point of points) {
    const list = groups.get(point.key);
    if (list) list.push(point);
    else groups.set(point.key, [point]);
  }
  return [...groups.values()];
}

/**
 * Metric points of one run: per key, the first point creates the artifact (concurrent writes of a
 * new name would race), the middle points follow concurrently, and the latest point goes last so
 * the artifact holds MLflow's latest value. First and latest points are on the critical path.
 */
export async function boundMetrics(
  scheduler: Scheduler,
  send: Send,
  runId: string,
  points: readonly Metric[],
): Promise<void> {
  const post = (metric: Metric, urgent: boolean) =>
    scheduler.run(
      () => send("POST", `/experiment_runs/${runId}/artifacts`, pluginMetricBody(metric)),
      urgent,
    );
  await Promise.all(
    byKey(points).map(async (chain) => {
      const first = chain[0] as Metric;
      await post(first, true);
      if (chain.length === 1) return;
      await Promise.all(chain.slice(1, -1).map((metric) => post(metric, false)));
      await post(chain.at(-1) as Metric, true);
    }),
  );
}

/** Params of one run: independent POSTs. */
export async function boundParams(
  scheduler: Scheduler,
  send: Send,
  runId: string,
  params: readonly KeyValue[],
): Promise<void> {
  await Promise.all(
    params.map((param) =>
      scheduler.run(() =>
        send("POST", `/experiment_runs/${runId}/artifacts`, pluginParamBody(param)),
      ),
    ),
  );
}

/**
 * Run tags: a PATCH replaces the whole customProperties map (and resets status and state unless
 * sent), so the run is read first and written back with the new tags.
 */
export async function boundTags(
  scheduler: Scheduler,
  send: Send,
  runId: string,
  tags: readonly KeyValue[],
): Promise<void> {
  const run = (await scheduler.run(() => send("GET", `/experiment_runs/${runId}`), true)) as {
    customProperties?: Record<string, unknown>;
    status?: string;
    state?: string;
  };
  const properties = { ...(run.customProperties ?? {}) };
  for (const tag of tags) {
    properties[tag.key] = { metadataType: "MetadataStringValue", string_value: tag.value };
  }
  await scheduler.run(
    () =>
      send("PATCH", `/experiment_runs/${runId}`, {
        customProperties: properties,
        status: run.status,
        state: run.state,
      }),
    true,
  );
}

/** Creates a run with one POST (the experiment is known), returning its id. */
export async function boundCreateRun(
  send: Send,
  experimentId: string,
  name: string,
  startTime: number,
  tags: readonly KeyValue[] = [],
): Promise<string> {
  const run = (await send("POST", "/experiment_runs", {
    experimentId,
    name,
    startTimeSinceEpoch: String(startTime),
    status: "RUNNING",
    customProperties: Object.fromEntries(
      tags.map((t) => [t.key, { metadataType: "MetadataStringValue", string_value: t.value }]),
    ),
  })) as { id: string };
  return run.id;
}

/** Ends a run with one PATCH that carries status and state. */
export async function boundEndRun(send: Send, runId: string, endTime: number): Promise<void> {
  await send("PATCH", `/experiment_runs/${runId}`, {
    status: "FINISHED",
    state: "LIVE",
    endTimeSinceEpoch: String(endTime),
  });
}
