import type { MlflowClient } from "../client/mlflow-client.js";
import { isMlflowError } from "../mlflow-error.js";
import type { Experiment } from "../types.js";

/** Finds an experiment by name, creating it when missing (a concurrent create is tolerated), as MLflow's `set_experiment` does. @internal */
export async function getOrCreateExperiment(
  client: MlflowClient,
  name: string,
): Promise<Experiment> {
  const existing = await client.getExperimentByName(name);
  if (existing) return existing;
  try {
    return await client.getExperiment(await client.createExperiment(name));
  } catch (error) {
    if (isMlflowError(error) && error.errorCode === "RESOURCE_ALREADY_EXISTS") {
      const created = await client.getExperimentByName(name);
      if (created) return created;
    }
    throw error;
  }
}
