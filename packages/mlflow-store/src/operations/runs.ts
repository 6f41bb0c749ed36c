import type { ExperimentRun, ExperimentRunCreate } from "@model-registry/registry-client";
import {
  END_TIME_PROPERTY,
  RUN_NAME_TAG,
  registryEndTime,
  runArtifactUri,
  runDescription,
  setRunTag,
  toRunInfo,
} from "../mapping/run.js";
import { customPropertiesFromTags, resendable, tagRecord } from "../mapping/tag.js";
import type { MlflowError } from "../mlflow-error.js";
import type { StoreContext } from "../store-context.js";
import type { CreateRunInput, MlflowStore, Run, RunStatus } from "../types.js";
import { validateRunName } from "../validation/index.js";
import { checkStorableText } from "../validation/storable-text.js";
import { checkExperimentId, knownActiveExperiment } from "./experiment-access.js";
import { findRunByExternalId } from "./find-written.js";
import { registryCall } from "./registry-call.js";
import { checkRunArtifactUriFits } from "./registry-name-limits.js";
import { API, isRegistryId } from "./registry-paths.js";
import { RUN } from "./response-shapes.js";
import {
  checkRunIdFormat,
  fetchRun,
  patchRun,
  rememberRun,
  requireActiveRun,
  runNotFound,
} from "./run-access.js";
import { learnFromArtifacts, listRunArtifacts, toMlflowRun } from "./run-artifacts.js";
import { generateRunName, registryRunName } from "./run-names.js";
import { validateRunStatus, validateRunTags } from "./validate.js";
import { writeOnce } from "./write-once.js";

type RunOperations = Pick<
  MlflowStore,
  "createRun" | "getRun" | "updateRunInfo" | "deleteRun" | "restoreRun"
>;

const MAX_NAME_ATTEMPTS = 3;

/** Run operations: create/get/update/delete/restore. @internal */
export function createRunOperations(ctx: StoreContext): RunOperations {
  async function createRun(input: CreateRunInput): Promise<Run> {
    const tags = validateRunTags(tagRecord(input.tags), ctx.truncation);
    const runName = validateRunName(input.runName, tags[RUN_NAME_TAG]) || generateRunName();
    tags[RUN_NAME_TAG] = runName;
    checkExperimentId(input.experimentId);
    if (input.userId) checkStorableText("user_id", input.userId);
    const { artifactLocation: location } = await knownActiveExperiment(ctx, input.experimentId);
    const artifactUri = runArtifactUri(location, ctx.randomId());
    checkRunArtifactUriFits(input.experimentId, location, artifactUri);
    const body: ExperimentRunCreate = {
      experimentId: input.experimentId,
      name: registryRunName(runName),
      description: runDescription(input.experimentId),
      status: "RUNNING",
      state: "LIVE",
      startTimeSinceEpoch: String(input.startTime ?? ctx.now()),
      externalId: artifactUri,
      customProperties: customPropertiesFromTags(tags),
      ...(input.userId ? { owner: input.userId } : {}),
    };
    const created = await postRun(body, runName);
    rememberRun(ctx, created).metricsComplete = true;
    return toMlflowRun(created, [], ctx.artifactRoot);
  }

  /**
   * POSTs the run once (see `writeOnce`: after a lost answer the run is looked up by its unique
   * `externalId` before posting again); a 409 means the registry name is taken in the
   * experiment, so retry with a suffix.
   */
  async function postRun(body: ExperimentRunCreate, runName: string): Promise<ExperimentRun> {
    const externalId = body.externalId ?? "";
    for (let attempt = 1; ; attempt++) {
      try {
        return await writeOnce(ctx, {
          send: () =>
            registryCall("createRun", RUN, ctx.client.POST(`${API}/experiment_runs`, { body }), {
              notFound: `No Experiment with id=${body.experimentId} exists`,
            }),
          landed: async () => {
            const run = await findRunByExternalId(ctx, externalId, "createRun");
            return run?.experimentId === body.experimentId ? run : undefined;
          },
        });
      } catch (error) {
        if (
          (error as MlflowError).errorCode !== "RESOURCE_ALREADY_EXISTS" ||
          attempt >= MAX_NAME_ATTEMPTS
        )
          throw error;
        body.name = registryRunName(runName, ctx.randomId().slice(0, 8));
      }
    }
  }

  async function getRun(runId: string): Promise<Run> {
    if (!isRegistryId(runId)) throw runNotFound(runId);
    const [run, artifacts] = await Promise.all([
      fetchRun(ctx, runId, "getRun"),
      listRunArtifacts(ctx, runId, "getRun"),
    ]);
    learnFromArtifacts(ctx.runs.get(runId), artifacts, true);
    return toMlflowRun(run, artifacts, ctx.artifactRoot);
  }

  async function updateRunInfo(
    runId: string,
    update: { status?: RunStatus; endTime?: number; runName?: string },
  ) {
    checkRunIdFormat(runId);
    if (update.status !== undefined) validateRunStatus(update.status);
    if (typeof update.runName === "string") checkStorableText("run_name", update.runName);
    return ctx.exclusive(`run:${runId}`, async () => {
      const current = await fetchRun(ctx, runId, "updateRunInfo");
      requireActiveRun(current);
      const change: Parameters<typeof patchRun>[2] = {};
      const properties = resendable(current.customProperties);
      let propertiesChanged = false;
      if (update.status !== undefined) change.status = update.status;
      if (update.endTime !== undefined && update.endTime !== null) {
        // The registry refuses an end before the start: it gets the start, MLflow's value is kept.
        const { endTimeSinceEpoch, kept } = registryEndTime(current, update.endTime);
        change.endTimeSinceEpoch = endTimeSinceEpoch;
        if (kept !== null) {
          properties[END_TIME_PROPERTY] = {
            metadataType: "MetadataStringValue",
            string_value: kept,
          };
          propertiesChanged = true;
        } else if (END_TIME_PROPERTY in properties) {
          delete properties[END_TIME_PROPERTY];
          propertiesChanged = true;
        }
      }
      if (update.runName) {
        setRunTag(properties, RUN_NAME_TAG, update.runName);
        propertiesChanged = true;
      }
      if (propertiesChanged) change.customProperties = properties;
      const updated = await patchRun(ctx, current, change, "updateRunInfo");
      return toRunInfo(updated, ctx.artifactRoot);
    });
  }

  async function setLifecycle(runId: string, target: "ARCHIVED" | "LIVE"): Promise<void> {
    const what = target === "ARCHIVED" ? "deleteRun" : "restoreRun";
    await ctx.exclusive(`run:${runId}`, async () => {
      const current = await fetchRun(ctx, runId, what);
      if (current.state === target) return;
      await patchRun(ctx, current, { state: target }, what);
    });
  }

  return {
    createRun,
    getRun,
    updateRunInfo,
    deleteRun: (runId) => setLifecycle(runId, "ARCHIVED"),
    restoreRun: (runId) => setLifecycle(runId, "LIVE"),
  };
}
