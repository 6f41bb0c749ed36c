import { MlflowError } from "../mlflow-error.js";
import { experimentNotFound, fetchExperiment } from "../operations/experiment-access.js";
import type { KnownExperiment, StoreContext } from "../store-context.js";

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
  if (known === undefined) throw experimentNotFound(experimentId);
  if (known.lifecycleStage !== "active") {
    throw MlflowError.invalidParameterValue(
      `The experiment ${experimentId} must be in the 'active' state. Current state is ${known.lifecycleStage}.`,
    );
  }
  return known;
}
