import type { Experiment as RegistryExperiment } from "@model-registry/registry-client";
import {
  EXPERIMENT_NAME_PROPERTY,
  experimentName,
  toMlflowExperiment,
} from "../mapping/experiment.js";
import { MlflowError } from "../mlflow-error.js";
import type { KnownExperiment, StoreContext } from "../store-context.js";
import type { Experiment } from "../types.js";
import { registryCall } from "./registry-call.js";
import { API, isRegistryId, registryLiteral } from "./registry-paths.js";
import { EXPERIMENT, EXPERIMENT_LIST } from "./response-shapes.js";

/** MLflow's not-found message for an experiment. @internal */
export function experimentNotFound(experimentId: string): MlflowError {
  return new MlflowError(`No Experiment with id=${experimentId} exists`, "RESOURCE_DOES_NOT_EXIST");
}

/** Rejects ids MLflow's SQL store rejects; ids outside the registry's range cannot exist. @internal */
export function checkExperimentId(experimentId: string): void {
  if (!/^-?[0-9]+$/.test(experimentId)) {
    throw MlflowError.invalidParameterValue(
      `Invalid experiment ID '${experimentId}'. Experiment ID must be a valid integer.`,
    );
  }
  if (!isRegistryId(experimentId)) throw experimentNotFound(experimentId);
}

/** Records what the store now knows about an experiment. @internal */
export function rememberExperiment(ctx: StoreContext, experiment: Experiment): void {
  ctx.experiments.set(experiment.experimentId, {
    experimentId: experiment.experimentId,
    artifactLocation: experiment.artifactLocation,
    lifecycleStage: experiment.lifecycleStage,
    confirmedAt: ctx.now(),
  });
}

/** `GET /experiments/{id}`, remembered in the cache. @internal */
export async function fetchExperiment(
  ctx: StoreContext,
  experimentId: string,
): Promise<RegistryExperiment> {
  checkExperimentId(experimentId);
  const experiment = await registryCall(
    "getExperiment",
    EXPERIMENT,
    ctx.client.GET(`${API}/experiments/{experimentId}`, { params: { path: { experimentId } } }),
    { notFound: `No Experiment with id=${experimentId} exists` },
  );
  rememberExperiment(ctx, toMlflowExperiment(experiment, ctx.artifactRoot));
  return experiment;
}

/**
 * The experiment, from the store's cache while its lifecycle stage is recently confirmed, else
 * with one GET. Throws RESOURCE_DOES_NOT_EXIST when absent and INVALID_PARAMETER_VALUE when
 * deleted (MLflow creates runs and logged models only in active experiments).
 * @internal
 */
export async function knownActiveExperiment(
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

/** Every registry experiment matching `filterQuery` (one request; the registry does not page unless asked). @internal */
export async function listExperiments(
  ctx: StoreContext,
  what: string,
  filterQuery?: string,
): Promise<RegistryExperiment[]> {
  const query = filterQuery === undefined ? {} : { filterQuery };
  const list = await registryCall(
    what,
    EXPERIMENT_LIST,
    ctx.client.GET(`${API}/experiments`, { params: { query } }),
  );
  return list.items;
}

/**
 * The registry experiments whose MLflow name is `name` (its registry name, or the name it was
 * renamed to), oldest first. One request.
 * @internal
 */
export async function findExperimentsByName(
  ctx: StoreContext,
  name: string,
  what: string,
): Promise<RegistryExperiment[]> {
  const literal = registryLiteral(name);
  const filter =
    literal === undefined
      ? undefined
      : `name = ${literal} OR ${EXPERIMENT_NAME_PROPERTY} = ${literal}`;
  const items = await listExperiments(ctx, what, filter);
  return items
    .filter((experiment) => experimentName(experiment) === name)
    .sort((a, b) => Number(a.id) - Number(b.id));
}
