import { MlflowError } from "../mlflow-error.js";
import { knownActiveRun } from "../operations/run-access.js";
import type { StoreContext } from "../store-context.js";
import type { LoggedModelOutput } from "../types.js";
import { linkModelsToRun } from "./link-models-to-run.js";

/**
 * MLflow `log_outputs`: each model becomes an output of the run at its step. Requests: run GET
 * (skipped while the store knows the run is active), one bulk GET of the models, one POST each.
 * @internal
 */
export async function logOutputs(
  ctx: StoreContext,
  runId: string,
  models: readonly LoggedModelOutput[],
): Promise<void> {
  for (const model of models) {
    if (typeof model?.modelId !== "string" || model.modelId === "") {
      throw MlflowError.invalidParameterValue("Missing value for required parameter 'model_id'.");
    }
    if (!Number.isSafeInteger(model.step)) {
      throw MlflowError.invalidParameterValue(
        `Invalid value ${JSON.stringify(model.step)} for parameter 'step' supplied: step must be an integer.`,
      );
    }
  }
  await knownActiveRun(ctx, runId, "logOutputs");
  if (models.length === 0) return;
  await linkModelsToRun(
    ctx,
    runId,
    models.map((m) => ({ modelId: m.modelId, role: "output" as const, step: m.step })),
    "logOutputs",
  );
}
