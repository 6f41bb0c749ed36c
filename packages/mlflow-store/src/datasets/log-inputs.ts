import { type Artifact, REGISTRY_API_PREFIX } from "@model-registry/registry-client";
import { stringCustomProperties } from "../mapping/custom-property-text.js";
import { datasetInputsFromArtifacts, datasetKey } from "../mapping/dataset.js";
import { tagRecord } from "../mapping/tag.js";
import { findArtifactsNamed } from "../operations/find-written.js";
import { mapConcurrent } from "../operations/map-concurrent.js";
import { registryCall } from "../operations/registry-call.js";
import { checkDatasetNameFits } from "../operations/registry-name-limits.js";
import { forEachPage } from "../operations/registry-pages.js";
import { ARTIFACT_LIST, UNREAD } from "../operations/response-shapes.js";
import { knownActiveRun } from "../operations/run-access.js";
import { writeOnce } from "../operations/write-once.js";
import type { StoreContext } from "../store-context.js";
import type { DatasetInput, LoggedModelInput } from "../types.js";
import { validateDatasetInput } from "../validation/index.js";
import { linkModelsToRun } from "./link-models-to-run.js";

const LIST_PAGE_SIZE = 1000;

async function runDatasetArtifacts(ctx: StoreContext, runId: string): Promise<Artifact[]> {
  const items: Artifact[] = [];
  await forEachPage(
    ctx,
    "logInputs",
    ARTIFACT_LIST,
    (nextPageToken) =>
      ctx.client.GET(`${REGISTRY_API_PREFIX}/experiment_runs/{experimentrunId}/artifacts`, {
        params: {
          path: { experimentrunId: runId },
          query: {
            artifactType: "dataset-artifact",
            pageSize: String(LIST_PAGE_SIZE),
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

/** Inputs not yet linked to the run, first of each (name, digest) pair, as MLflow keeps them. */
function newInputs(existing: DatasetInput[], inputs: readonly DatasetInput[]): DatasetInput[] {
  const seen = new Set(existing.map((d) => datasetKey(d.dataset.name, d.dataset.digest)));
  const out: DatasetInput[] = [];
  for (const input of inputs) {
    const key = datasetKey(input.dataset.name, input.dataset.digest);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(input);
  }
  return out;
}

/**
 * Posts one dataset input once. The registry stores every dataset POST as a new artifact, so
 * after a lost answer the run's datasets are looked up by (name, digest) — this input was not
 * linked before the call — before posting again.
 */
async function postDataset(ctx: StoreContext, runId: string, input: DatasetInput): Promise<void> {
  const { dataset } = input;
  await writeOnce<unknown>(ctx, {
    send: () =>
      registryCall(
        "logInputs",
        UNREAD,
        ctx.client.POST(`${REGISTRY_API_PREFIX}/experiment_runs/{experimentrunId}/artifacts`, {
          params: { path: { experimentrunId: runId } },
          body: {
            artifactType: "dataset-artifact",
            name: dataset.name,
            digest: dataset.digest,
            sourceType: dataset.sourceType,
            source: dataset.source,
            ...(dataset.schema !== undefined ? { schema: dataset.schema } : {}),
            ...(dataset.profile !== undefined ? { profile: dataset.profile } : {}),
            customProperties: stringCustomProperties(tagRecord(input.tags)),
          },
        }),
        { notFound: `Run with id=${runId} not found` },
      ),
    landed: async () => {
      const named = await findArtifactsNamed(
        ctx,
        { runId },
        "dataset-artifact",
        dataset.name,
        "logInputs",
      );
      return named.some((artifact) => "digest" in artifact && artifact.digest === dataset.digest)
        ? true
        : undefined;
    },
  });
}

/**
 * MLflow `log_inputs`. Datasets become `dataset-artifact`s of the run with their input tags as
 * custom properties; a dataset already linked to the run (same name and digest) is not logged
 * again, and within one call the first of each pair wins. Models become model inputs of the run.
 * Requests: run GET (skipped while the store knows the run is active), one listing of the run's
 * datasets, one POST per new dataset; for models one bulk GET and one POST per model.
 * @internal
 */
export async function logInputs(
  ctx: StoreContext,
  runId: string,
  inputs: { datasets?: DatasetInput[]; models?: LoggedModelInput[] },
): Promise<void> {
  const datasets = inputs.datasets ?? [];
  const models = inputs.models ?? [];
  datasets.forEach((input, index) => {
    validateDatasetInput(input);
    checkDatasetNameFits(input.dataset.name, `datasets[${index}].dataset.name`);
  });
  await knownActiveRun(ctx, runId, "logInputs");
  if (datasets.length > 0) {
    const existing = datasetInputsFromArtifacts(await runDatasetArtifacts(ctx, runId));
    const toPost = newInputs(existing, datasets);
    await mapConcurrent(toPost, ctx.concurrency, (input) => postDataset(ctx, runId, input));
  }
  if (models.length > 0) {
    await linkModelsToRun(
      ctx,
      runId,
      models.map((m) => ({ modelId: m.modelId, role: "input" as const })),
      "logInputs",
    );
  }
}
