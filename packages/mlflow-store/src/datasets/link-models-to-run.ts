import { type ModelArtifact, REGISTRY_API_PREFIX } from "@model-registry/registry-client";
import { loggedModelNotFound, saveModelArtifact } from "../logged-models/model-artifact-store.js";
import { updatedProperties } from "../logged-models/model-properties.js";
import { customPropertyTexts } from "../mapping/custom-property-text.js";
import { dict } from "../mapping/dict.js";
import {
  isDeletedModelArtifact,
  isLoggedModelArtifact,
  MODEL_KEYS,
} from "../mapping/logged-model.js";
import {
  modelRoleInRun,
  type RunModelLinks,
  readRunModelLinks,
  writeRunModelLinks,
} from "../mapping/run-model-links.js";
import { mapConcurrent } from "../operations/map-concurrent.js";
import { registryCall } from "../operations/registry-call.js";
import { isRegistryId } from "../operations/registry-paths.js";
import { ARTIFACT_LIST } from "../operations/response-shapes.js";
import type { StoreContext } from "../store-context.js";

/** One model to link to a run, as an input or as an output at a step. @internal */
export type ModelLink =
  | { modelId: string; role: "input" }
  | { modelId: string; role: "output"; step: number };

/** Links for a model written in the plugin's layout, derived from its runs' roles. */
function seedLinks(artifact: ModelArtifact, props: Record<string, string>): RunModelLinks {
  const links: RunModelLinks = { inputRunIds: [], outputRunSteps: {} };
  const runs = new Set([props[MODEL_KEYS.sourceRunId], artifact.experimentRunId]);
  for (const run of runs) {
    if (run === undefined) continue;
    const role = modelRoleInRun(artifact, run);
    if (role.kind === "input") links.inputRunIds.push(run);
    if (role.kind === "output") links.outputRunSteps[run] = role.step;
  }
  return links;
}

async function fetchModels(
  ctx: StoreContext,
  ids: readonly string[],
  what: string,
): Promise<Map<string, ModelArtifact>> {
  for (const id of ids) if (!isRegistryId(id)) throw loggedModelNotFound(id);
  const list = await registryCall(
    what,
    ARTIFACT_LIST,
    ctx.client.GET(`${REGISTRY_API_PREFIX}/artifacts`, {
      params: {
        query: {
          artifactType: "model-artifact",
          filterQuery: `id IN (${ids.join(", ")})`,
          pageSize: String(ids.length),
        },
      },
    }),
  );
  const found = new Map<string, ModelArtifact>();
  for (const item of list.items) {
    if (item.artifactType !== "model-artifact" || item.id === undefined) continue;
    if (!isLoggedModelArtifact(item) || isDeletedModelArtifact(item)) continue;
    found.set(item.id, item as ModelArtifact);
  }
  for (const id of ids) if (!found.has(id)) throw loggedModelNotFound(id);
  return found;
}

/**
 * Makes logged models inputs or outputs of a run: one bulk GET of the models, then one re-post of
 * each model by id through the run's artifact endpoint (which attributes it to the run), carrying
 * `mlflow__model_io_type` (and `mlflow__step` for outputs) as the Python plugin does, plus the
 * per-run link keys.
 * @internal
 */
export async function linkModelsToRun(
  ctx: StoreContext,
  runId: string,
  links: readonly ModelLink[],
  what: string,
): Promise<void> {
  const byModel = new Map<string, ModelLink[]>();
  for (const link of links) byModel.set(link.modelId, [...(byModel.get(link.modelId) ?? []), link]);
  const ids = [...byModel.keys()];
  await withModelLocks(ctx, ids, () => linkFetched(ctx, runId, byModel, what));
}

/** Runs `task` holding the per-model locks of `ids` (taken in a fixed order, so never deadlocking). */
function withModelLocks<T>(
  ctx: StoreContext,
  ids: readonly string[],
  task: () => Promise<T>,
): Promise<T> {
  return [...ids]
    .sort()
    .reduceRight<() => Promise<T>>(
      (inner, id) => () => ctx.exclusive(`model:${id}`, inner),
      task,
    )();
}

async function linkFetched(
  ctx: StoreContext,
  runId: string,
  byModel: Map<string, ModelLink[]>,
  what: string,
): Promise<void> {
  const models = await fetchModels(ctx, [...byModel.keys()], what);
  await mapConcurrent([...byModel], ctx.concurrency, async ([modelId, modelLinks]) => {
    const artifact = models.get(modelId) as ModelArtifact;
    const props = customPropertyTexts(artifact.customProperties);
    const current = readRunModelLinks(props) ?? seedLinks(artifact, props);
    const set = dict<string>();
    for (const link of modelLinks) {
      if (link.role === "input") {
        if (!current.inputRunIds.includes(runId)) current.inputRunIds.push(runId);
        set[MODEL_KEYS.ioType] = "input";
      } else {
        current.outputRunSteps[runId] = link.step;
        set[MODEL_KEYS.ioType] = "output";
        set[MODEL_KEYS.step] = String(link.step);
      }
    }
    Object.assign(set, writeRunModelLinks(current));
    await saveModelArtifact(
      ctx,
      artifact,
      { customProperties: updatedProperties(artifact, set) },
      what,
      runId,
    );
  });
}
