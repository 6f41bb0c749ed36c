import { type Artifact, REGISTRY_API_PREFIX } from "@model-registry/registry-client";
import {
  DATASET_CONTEXT_TAG,
  datasetInputFromArtifact,
  isDatasetArtifact,
} from "../mapping/dataset.js";
import { MlflowError } from "../mlflow-error.js";
import { forEachPage } from "../operations/registry-pages.js";
import { isRegistryId } from "../operations/registry-paths.js";
import { ARTIFACT_LIST } from "../operations/response-shapes.js";
import type { StoreContext } from "../store-context.js";
import type { DatasetSummary } from "../types.js";

/** MLflow's limit on experiment ids per `search_datasets` call. @internal */
export const MAX_SEARCH_DATASETS_EXPERIMENTS = 20;
/** MLflow's cap on the summaries one `search_datasets` call returns. @internal */
export const MAX_DATASET_SUMMARIES_RESULTS = 1000;
const PAGE_SIZE = 1000;

function summaryOf(artifact: Artifact): DatasetSummary | undefined {
  if (!isDatasetArtifact(artifact) || artifact.experimentId === undefined) return undefined;
  const input = datasetInputFromArtifact(artifact);
  const context = input.tags.find((t) => t.key === DATASET_CONTEXT_TAG)?.value;
  return {
    experimentId: artifact.experimentId,
    name: input.dataset.name,
    digest: input.dataset.digest,
    ...(context !== undefined ? { context } : {}),
  };
}

/**
 * MLflow `_search_datasets`: the distinct (experiment, name, digest, context) of the datasets
 * logged to runs of 1–20 experiments, at most 1000. One `GET /artifacts` per 1000 datasets,
 * filtered by the experiments in the registry.
 * @internal
 */
export async function searchDatasets(
  ctx: StoreContext,
  experimentIds: readonly string[],
): Promise<DatasetSummary[]> {
  if (!Array.isArray(experimentIds) || experimentIds.length === 0) {
    throw MlflowError.invalidParameterValue(
      "SearchDatasets request must specify at least one experiment_id.",
    );
  }
  if (experimentIds.length > MAX_SEARCH_DATASETS_EXPERIMENTS) {
    throw MlflowError.invalidParameterValue(
      `SearchDatasets request cannot specify more than ${MAX_SEARCH_DATASETS_EXPERIMENTS} experiment_ids. Received ${experimentIds.length} experiment_ids.`,
    );
  }
  const ids = [...new Set(experimentIds.filter(isRegistryId))];
  if (ids.length === 0) return [];
  const seen = new Set<string>();
  const out: DatasetSummary[] = [];
  await forEachPage(
    ctx,
    "searchDatasets",
    ARTIFACT_LIST,
    (nextPageToken) =>
      ctx.client.GET(`${REGISTRY_API_PREFIX}/artifacts`, {
        params: {
          query: {
            artifactType: "dataset-artifact",
            filterQuery: `experimentId IN (${ids.join(", ")})`,
            pageSize: String(PAGE_SIZE),
            ...(nextPageToken ? { nextPageToken } : {}),
          },
        },
      }),
    (page) => {
      for (const artifact of page) {
        const summary = summaryOf(artifact);
        if (summary === undefined) continue;
        const key = JSON.stringify([
          summary.experimentId,
          summary.name,
          summary.digest,
          summary.context ?? null,
        ]);
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(summary);
        if (out.length >= MAX_DATASET_SUMMARIES_RESULTS) return false;
      }
      return true;
    },
  );
  return out;
}
