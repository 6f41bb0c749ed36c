import { REGISTRY_API_PREFIX } from "@model-registry/registry-client";
import { defaultExperimentLocation } from "../mapping/experiment.js";
import { MlflowError } from "../mlflow-error.js";
import { registryCall } from "../operations/registry-call.js";
import type { KnownExperiment, KnownRun, StoreContext } from "../store-context.js";

const INT32_MAX = 2_147_483_647;

/** True for ids the registry can hold (decimal int32); anything else cannot exist there. @internal */
export function isRegistryId(id: string): boolean {
  return /^[0-9]{1,10}$/.test(id) && Number(id) <= INT32_MAX;
}

function fresh(ctx: StoreContext, confirmedAt: number): boolean {
  return ctx.now() - confirmedAt < ctx.lifecycleTtlMs;
}

function experimentNotFound(experimentId: string): MlflowError {
  return new MlflowError(`No Experiment with id=${experimentId} exists`, "RESOURCE_DOES_NOT_EXIST");
}

function runNotFound(runId: string): MlflowError {
  return new MlflowError(`Run with id=${runId} not found`, "RESOURCE_DOES_NOT_EXIST");
}

/**
 * The experiment, from the store's cache when recently confirmed, else with one GET. Throws
 * RESOURCE_DOES_NOT_EXIST when absent and, unless `allowDeleted`, INVALID_PARAMETER_VALUE when deleted.
 * @internal
 */
export async function activeExperiment(
  ctx: StoreContext,
  experimentId: string,
): Promise<KnownExperiment> {
  if (!isRegistryId(experimentId)) throw experimentNotFound(experimentId);
  let known = ctx.experiments.get(experimentId);
  if (known === undefined || !fresh(ctx, known.confirmedAt)) {
    const experiment = await registryCall(
      "getExperiment",
      ctx.client.GET(`${REGISTRY_API_PREFIX}/experiments/{experimentId}`, {
        params: { path: { experimentId } },
      }),
      { notFound: experimentNotFound(experimentId).message },
    );
    known = {
      experimentId,
      artifactLocation:
        experiment.externalId || defaultExperimentLocation(ctx.artifactRoot, experimentId),
      lifecycleStage: experiment.state === "ARCHIVED" ? "deleted" : "active",
      confirmedAt: ctx.now(),
    };
    ctx.experiments.set(experimentId, known);
  }
  if (known.lifecycleStage !== "active") {
    throw MlflowError.invalidParameterValue(
      `The experiment ${experimentId} must be in the 'active' state. Current state is ${known.lifecycleStage}.`,
    );
  }
  return known;
}

/**
 * The run, from the store's cache when recently confirmed, else with one GET; throws
 * RESOURCE_DOES_NOT_EXIST when absent and INVALID_PARAMETER_VALUE when deleted (MLflow refuses
 * writes to deleted runs).
 * @internal
 */
export async function activeRun(ctx: StoreContext, runId: string): Promise<KnownRun> {
  if (!isRegistryId(runId)) throw runNotFound(runId);
  let known = ctx.runs.get(runId);
  if (known === undefined || !fresh(ctx, known.confirmedAt)) {
    const run = await registryCall(
      "getRun",
      ctx.client.GET(`${REGISTRY_API_PREFIX}/experiment_runs/{experimentrunId}`, {
        params: { path: { experimentrunId: runId } },
      }),
      { notFound: runNotFound(runId).message },
    );
    const lifecycleStage = run.state === "ARCHIVED" ? "deleted" : "active";
    if (known === undefined) {
      known = {
        runId,
        experimentId: run.experimentId,
        lifecycleStage,
        confirmedAt: ctx.now(),
        latestMetrics: new Map(),
        params: new Map(),
        postedPoints: new Set(),
      };
      ctx.runs.set(runId, known);
    } else {
      known.lifecycleStage = lifecycleStage;
      known.confirmedAt = ctx.now();
    }
  }
  if (known.lifecycleStage !== "active") {
    throw MlflowError.invalidParameterValue(
      `The run ${runId} must be in the 'active' state. Current state is ${known.lifecycleStage}.`,
    );
  }
  return known;
}
