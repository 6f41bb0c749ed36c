// The Python plugin's requests per MLflow store operation, replayed one at a time with plain
// fetch: same methods, paths and body shapes (see the plugin's request table in bench/README.md).
import type { KeyValue, Metric } from "@model-registry/mlflow-store";
import type { Send } from "../http/plain-http.js";
import type { Batch } from "./batches.js";

interface Entity {
  id: string;
  externalId?: string;
  customProperties?: Record<string, unknown>;
  nextPageToken?: string;
  items?: Entity[];
}

/** The plugin writes every custom property as a MetadataStringValue. */
function stringProperties(pairs: readonly KeyValue[]): Record<string, unknown> {
  return Object.fromEntries(
    pairs.map((p) => [p.key, { metadataType: "MetadataStringValue", string_value: p.value }]),
  );
}

/** `get_experiment_by_name`: 1 request. */
export async function pluginGetExperimentByName(send: Send, name: string): Promise<string> {
  const experiment = (await send("GET", `/experiment?name=${encodeURIComponent(name)}`)) as Entity;
  return experiment.id;
}

/** `create_run`: POST run, GET experiment, PATCH the run's externalId: 3 requests. */
export async function pluginCreateRun(
  send: Send,
  input: { experimentId: string; name: string; startTime: number; tags?: readonly KeyValue[] },
): Promise<string> {
  const run = (await send("POST", "/experiment_runs", {
    experimentId: input.experimentId,
    name: input.name,
    description: `MLflow run in experiment ${input.experimentId}`,
    startTimeSinceEpoch: String(input.startTime),
    status: "RUNNING",
    customProperties: stringProperties(input.tags ?? []),
    owner: "bench",
  })) as Entity;
  const experiment = (await send("GET", `/experiments/${input.experimentId}`)) as Entity;
  const location = experiment.externalId || "file:///mlruns";
  await send("PATCH", `/experiment_runs/${run.id}`, { externalId: `${location}/${run.id}` });
  return run.id;
}

/** Body of the plugin's `log_metric` POST. */
export function pluginMetricBody(metric: Metric): Record<string, unknown> {
  return {
    artifactType: "metric",
    name: metric.key,
    value: metric.value,
    step: metric.step,
    timestamp: String(metric.timestamp),
    customProperties: {},
  };
}

/** Body of the plugin's `log_param` POST. */
export function pluginParamBody(param: KeyValue): Record<string, unknown> {
  return {
    artifactType: "parameter",
    name: param.key,
    value: param.value,
    parameterType: "string",
  };
}

/**
 * `log_batch`: GET the run, PATCH its whole customProperties (even without tags), then one POST per
 * metric, then one per param, in order: 2 + M + P requests.
 */
export async function pluginLogBatch(send: Send, runId: string, batch: Batch): Promise<void> {
  const run = (await send("GET", `/experiment_runs/${runId}`)) as Entity;
  await send("PATCH", `/experiment_runs/${runId}`, {
    customProperties: { ...(run.customProperties ?? {}), ...stringProperties(batch.tags) },
  });
  for (const metric of batch.metrics) {
    await send("POST", `/experiment_runs/${runId}/artifacts`, pluginMetricBody(metric));
  }
  for (const param of batch.params) {
    await send("POST", `/experiment_runs/${runId}/artifacts`, pluginParamBody(param));
  }
}

/** Worker threads of MLflow's async logging queue (`MLFLOW_ASYNC_LOGGING_THREADPOOL_SIZE`, 10). */
export const MLFLOW_ASYNC_WORKERS = 10;

/**
 * MLflow's async logging on the plugin, as MLflow is configured by default: every
 * `log_batch_async` request becomes one plugin `log_batch` (MLflow merges queued requests only
 * when `MLFLOW_ASYNC_LOGGING_BUFFERING_SECONDS` is set), run by a pool of 10 worker threads in
 * the order logged; each call's requests are sequential.
 */
export async function pluginAsyncLogBatches(
  send: Send,
  runId: string,
  batches: readonly Batch[],
): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (failure === undefined && next < batches.length) {
      const batch = batches[next++] as Batch;
      try {
        await pluginLogBatch(send, runId, batch);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(MLFLOW_ASYNC_WORKERS, batches.length) }, () => worker()),
  );
  if (failure !== undefined) throw failure.error;
}

/**
 * Round trips on the critical path of sequential jobs of these lengths run in order by `workers`
 * workers (each job starts when a worker frees up).
 */
export function poolRoundTrips(lengths: readonly number[], workers: number): number {
  const free = new Array<number>(Math.max(1, workers)).fill(0);
  for (const length of lengths) {
    let earliest = 0;
    for (let i = 1; i < free.length; i++)
      if ((free[i] as number) < (free[earliest] as number)) earliest = i;
    free[earliest] = (free[earliest] as number) + length;
  }
  return Math.max(...free);
}

/** `update_run_info` (`set_terminated`): 1 PATCH. */
export async function pluginEndRun(send: Send, runId: string, endTime: number): Promise<void> {
  await send("PATCH", `/experiment_runs/${runId}`, {
    status: "FINISHED",
    endTimeSinceEpoch: String(endTime),
  });
}

/** Pages followed at most by one listing (bounds every loop). */
const MAX_PAGES = 1000;

/** `get_run`: GET the run, then its artifacts in pages of 1000: 1 + pages requests. */
export async function pluginGetRun(send: Send, runId: string): Promise<void> {
  await send("GET", `/experiment_runs/${runId}`);
  let token = "";
  for (let page = 0; page < MAX_PAGES; page++) {
    const query = token ? `&nextPageToken=${encodeURIComponent(token)}` : "";
    const list = (await send(
      "GET",
      `/experiment_runs/${runId}/artifacts?pageSize=1000${query}`,
    )) as Entity;
    token = list.nextPageToken ?? "";
    if (!token) return;
  }
}

/**
 * `search_runs` over one experiment: list the runs (filter and order are ignored), then GET every
 * run's artifacts: 1 + N requests per page of at most 1000 runs. The plugin itself reads one page;
 * answering a filter over the whole experiment with its pattern means reading every page.
 */
export async function pluginSearchRuns(send: Send, experimentId: string): Promise<void> {
  let token = "";
  for (let page = 0; page < MAX_PAGES; page++) {
    const query = token ? `&nextPageToken=${encodeURIComponent(token)}` : "";
    const list = (await send(
      "GET",
      `/experiments/${experimentId}/experiment_runs?pageSize=1000${query}`,
    )) as Entity;
    for (const run of list.items ?? []) {
      await send("GET", `/experiment_runs/${run.id}/artifacts`);
    }
    token = list.nextPageToken ?? "";
    if (!token) return;
  }
}

/** `get_metric_history` as MLflow's client calls it (one page of up to 25,000 points): 1 request. */
export async function pluginGetMetricHistory(
  send: Send,
  runId: string,
  key: string,
): Promise<void> {
  await send(
    "GET",
    `/experiment_runs/${runId}/metric_history?name=${encodeURIComponent(key)}&pageSize=25000`,
  );
}
