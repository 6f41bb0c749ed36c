import { MlflowError } from "../mlflow-error.js";
import { fetchExperiment } from "../operations/experiment-access.js";
import { knownActiveRun } from "../operations/run-access.js";
import type { KnownExperiment, KnownRun, StoreContext } from "../store-context.js";

export { isRegistryId } from "../operations/registry-paths.js";

/**
 * The experiment, from the store's cache while its lifecycle stage is recently confirmed, else
 * with one GET. Throws RESOURCE_DOES_NOT_EXIST when absent and INVALID_PARAMETER_VALUE when
 * deleted (MLflow creates logged models only in active experiments).
 * @internal
 */
export async function activeExperiment(
  ctx: StoreContext,
  experimentId: string,
): Promise<KnownExperiment> {
  let known = ctx.experiments.get(experimentId);
  if (known === undefined || ctx.now() - known.confirmedAt > ctx.lifecycleTtlMs) {
    await fetchExperiment(ctx, experimentId);
    known = ctx.experiments.get(experimentId);
  }
  if (known === undefined) {
    throw new MlflowError(
      `No Experiment with id=${experimentId} exists`,
      "RESOURCE_DOES_NOT_EXIST",
    );
  }
  if (known.lifecycleStage !== "active") {
    throw MlflowError.invalidParameterValue(
      `The experiment ${experimentId} must be in the 'active' state. Current state is ${known.lifecycleStage}.`,
    );
  }
  return known;
}

/**
 * The run, from the store's cache while its lifecycle stage is recently confirmed, else with one
 * GET; throws RESOURCE_DOES_NOT_EXIST when absent and INVALID_PARAMETER_VALUE when deleted
 * (MLflow refuses writes to deleted runs).
 * @internal
 */
export function activeRun(ctx: StoreContext, runId: string, what: string): Promise<KnownRun> {
  return knownActiveRun(ctx, runId, what);
}
