import { REGISTRY_API_PREFIX, unwrap } from "@model-registry/registry-client";
import type { Target } from "./target.js";
import { unique } from "./target.js";

const P = REGISTRY_API_PREFIX;

/** Creates an experiment through the typed client. */
export async function createExperiment(target: Target, body: Record<string, unknown> = {}) {
  return unwrap(target.client.POST(`${P}/experiments`, { body: { name: unique("exp"), ...body } }));
}

/** Creates a run in a new (or the given) experiment through the typed client. */
export async function createRun(target: Target, body: Record<string, unknown> = {}) {
  const experimentId =
    (body["experimentId"] as string | undefined) ?? (await createExperiment(target)).id!;
  return unwrap(
    target.client.POST(`${P}/experiment_runs`, {
      body: { name: unique("run"), ...body, experimentId },
    }),
  );
}

/** Creates a registered model through the typed client. */
export async function createModel(target: Target, body: Record<string, unknown> = {}) {
  return unwrap(
    target.client.POST(`${P}/registered_models`, { body: { name: unique("model"), ...body } }),
  );
}

/** Creates a model version (in a new model unless one is given). */
export async function createVersion(target: Target, body: Record<string, unknown> = {}) {
  const registeredModelId =
    (body["registeredModelId"] as string | undefined) ?? (await createModel(target)).id!;
  return unwrap(
    target.client.POST(`${P}/model_versions`, {
      body: { name: unique("v"), ...body, registeredModelId },
    }),
  );
}

/** Creates a serving environment. */
export async function createEnvironment(target: Target, body: Record<string, unknown> = {}) {
  return unwrap(
    target.client.POST(`${P}/serving_environments`, { body: { name: unique("env"), ...body } }),
  );
}

/** Posts an artifact to a run (raw, so the status code is visible). */
export async function logToRun(target: Target, runId: string, artifact: Record<string, unknown>) {
  return target.request("POST", `/experiment_runs/${runId}/artifacts`, { body: artifact });
}

/** A metric body. */
export function metric(name: string, value: number, extra: Record<string, unknown> = {}) {
  return { artifactType: "metric", name, value, ...extra };
}
