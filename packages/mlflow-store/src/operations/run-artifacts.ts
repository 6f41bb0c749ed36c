import type { Artifact, ExperimentRun } from "@model-registry/registry-client";
import { datasetInputsFromArtifacts } from "../mapping/dataset.js";
import { dict } from "../mapping/dict.js";
import {
  compareMetricPoints,
  isMetricArtifact,
  metricFromArtifact,
  readBackMetricValue,
} from "../mapping/metric.js";
import { isParameterArtifact, paramFromArtifact } from "../mapping/param.js";
import { runTags, toRunInfo } from "../mapping/run.js";
import { modelInputsFromArtifacts, modelOutputsFromArtifacts } from "../mapping/run-model-links.js";
import type { KnownRun, StoreContext } from "../store-context.js";
import type { Metric, Run } from "../types.js";
import { rememberArtifactId } from "./post-run-artifact.js";
import { forEachPage } from "./registry-pages.js";
import { API } from "./registry-paths.js";
import { ARTIFACT_LIST } from "./response-shapes.js";

/** Page size for artifact listings (the Python plugin's default). @internal */
export const ARTIFACT_PAGE_SIZE = 1000;

/** Every artifact of a run (metric-history records excluded), paging by {@link ARTIFACT_PAGE_SIZE}. @internal */
export async function listRunArtifacts(
  ctx: StoreContext,
  runId: string,
  what: string,
  query: { artifactType?: "metric" | "parameter"; filterQuery?: string } = {},
): Promise<Artifact[]> {
  const items: Artifact[] = [];
  await forEachPage(
    ctx,
    what,
    ARTIFACT_LIST,
    (nextPageToken) =>
      ctx.client.GET(`${API}/experiment_runs/{experimentrunId}/artifacts`, {
        params: {
          path: { experimentrunId: runId },
          query: {
            ...query,
            pageSize: String(ARTIFACT_PAGE_SIZE),
            ...(nextPageToken ? { nextPageToken } : {}),
          },
        },
      }),
    (page) => {
      for (const item of page) items.push(item);
      return true;
    },
  );
  return items;
}

/**
 * The latest metric point per key among `artifacts`. The registry's metric artifact holds the
 * last posted point; this store posts the MLflow-latest point last, so it is read as-is.
 * @internal
 */
export function latestMetrics(artifacts: readonly Artifact[]): Map<string, Metric> {
  const latest = new Map<string, Metric>();
  for (const artifact of artifacts) {
    if (!isMetricArtifact(artifact)) continue;
    const point = metricFromArtifact(artifact);
    const seen = latest.get(point.key);
    if (seen === undefined || compareMetricPoints(point, seen) > 0) latest.set(point.key, point);
  }
  return latest;
}

/**
 * Updates the store's knowledge of a run from its artifacts; `complete` when they are all of the
 * run's metric artifacts.
 * @internal
 */
export function learnFromArtifacts(
  known: KnownRun | undefined,
  artifacts: readonly Artifact[],
  complete = false,
): void {
  if (known === undefined) return;
  if (complete) known.metricsComplete = true;
  for (const [key, point] of latestMetrics(artifacts)) {
    const seen = known.latestMetrics.get(key);
    if (seen === undefined || compareMetricPoints(point, seen) > 0)
      known.latestMetrics.set(key, point);
  }
  for (const artifact of artifacts) {
    rememberArtifactId(known, artifact);
    if (isParameterArtifact(artifact)) {
      const { key, value } = paramFromArtifact(artifact);
      known.params.set(key, value);
    }
  }
}

/** MLflow's `Run` from a registry run and its artifacts. @internal */
export function toMlflowRun(run: ExperimentRun, artifacts: Artifact[], artifactRoot: string): Run {
  const metrics = dict<number>();
  for (const [key, point] of latestMetrics(artifacts))
    metrics[key] = readBackMetricValue(point.value);
  const params = dict<string>();
  for (const artifact of artifacts) {
    if (isParameterArtifact(artifact)) {
      const { key, value } = paramFromArtifact(artifact);
      params[key] = value;
    }
  }
  const runId = run.id ?? "";
  return {
    info: toRunInfo(run, artifactRoot),
    data: { metrics, params, tags: runTags(run) },
    inputs: {
      datasetInputs: datasetInputsFromArtifacts(artifacts),
      modelInputs: modelInputsFromArtifacts(artifacts, runId),
    },
    outputs: { modelOutputs: modelOutputsFromArtifacts(artifacts, runId) },
  };
}

/**
 * Makes sure the store knows the run's latest point of every metric before it posts new points
 * (one request the first time for a run this store did not create or read in full).
 * @internal
 */
export async function ensureMetricState(
  ctx: StoreContext,
  known: KnownRun,
  what: string,
): Promise<void> {
  if (known.metricsComplete) return;
  learnFromArtifacts(known, await listRunArtifacts(ctx, known.runId, what), true);
}
