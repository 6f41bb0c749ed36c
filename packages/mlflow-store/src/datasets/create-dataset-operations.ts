import type { StoreContext } from "../store-context.js";
import type { MlflowStore } from "../types.js";
import { logInputs } from "./log-inputs.js";
import { logOutputs } from "./log-outputs.js";
import { searchDatasets } from "./search-datasets.js";

/**
 * The store's run input/output operations: `logInputs`, `logOutputs` and `searchDatasets`.
 * @internal
 */
export function createDatasetOperations(
  ctx: StoreContext,
): Pick<MlflowStore, "logInputs" | "logOutputs" | "searchDatasets"> {
  return {
    logInputs: (runId, inputs) => logInputs(ctx, runId, inputs ?? {}),
    logOutputs: (runId, models) => logOutputs(ctx, runId, models ?? []),
    searchDatasets: (experimentIds) => searchDatasets(ctx, experimentIds),
  };
}
