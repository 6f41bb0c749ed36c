import type { ExperimentRun, ExperimentRunUpdate } from "@model-registry/registry-client";
import { MlflowError } from "../mlflow-error.js";
import type { KnownRun, StoreContext } from "../store-context.js";
import { registryCall } from "./registry-call.js";
import { API, isRegistryId } from "./registry-paths.js";
import { RUN } from "./response-shapes.js";

/** MLflow's not-found message for a run. @internal */
export function runNotFound(runId: string): MlflowError {
  return new MlflowError(`Run with id=${runId} not found`, "RESOURCE_DOES_NOT_EXIST");
}

/** Rejects run ids MLflow rejects before touching storage. @internal */
export function checkRunIdFormat(runId: string): void {
  if (!/^[a-zA-Z0-9][\w-]{0,255}$/.test(runId)) {
    throw MlflowError.invalidParameterValue(
      `Invalid value "${runId}" for parameter 'run_id' supplied.`,
    );
  }
}

/** Records (or refreshes) what the store knows about a run and returns the entry. @internal */
export function rememberRun(ctx: StoreContext, run: ExperimentRun): KnownRun {
  const runId = run.id ?? "";
  const lifecycleStage = run.state === "ARCHIVED" ? "deleted" : "active";
  const known = ctx.runs.get(runId);
  if (known !== undefined) {
    known.lifecycleStage = lifecycleStage;
    known.confirmedAt = ctx.now();
    return known;
  }
  const entry: KnownRun = {
    runId,
    experimentId: run.experimentId,
    lifecycleStage,
    confirmedAt: ctx.now(),
    latestMetrics: new Map(),
    params: new Map(),
    postedPoints: new Set(),
  };
  ctx.runs.set(runId, entry);
  return entry;
}

/** `GET /experiment_runs/{id}`, remembered in the cache. @internal */
export async function fetchRun(
  ctx: StoreContext,
  runId: string,
  what: string,
): Promise<ExperimentRun> {
  if (!isRegistryId(runId)) throw runNotFound(runId);
  const run = await registryCall(
    what,
    RUN,
    ctx.client.GET(`${API}/experiment_runs/{experimentrunId}`, {
      params: { path: { experimentrunId: runId } },
    }),
    { notFound: `Run with id=${runId} not found` },
  );
  rememberRun(ctx, run);
  return run;
}

/** MLflow's error for a write to a deleted run. @internal */
export function runNotActive(runId: string): MlflowError {
  return MlflowError.invalidParameterValue(
    `The run ${runId} must be in the 'active' state. Current state is deleted.`,
  );
}

/** Throws unless the fetched run is active. @internal */
export function requireActiveRun(run: ExperimentRun): void {
  if (run.state === "ARCHIVED") throw runNotActive(run.id ?? "");
}

/**
 * The cached entry of an active run, re-reading the run only when the store does not know it or
 * its lifecycle stage was confirmed longer than `lifecycleTtlMs` ago. Throws for deleted runs.
 * @internal
 */
export async function knownActiveRun(
  ctx: StoreContext,
  runId: string,
  what: string,
): Promise<KnownRun> {
  checkRunIdFormat(runId);
  let known = ctx.runs.get(runId);
  if (known === undefined || ctx.now() - known.confirmedAt > ctx.lifecycleTtlMs) {
    await fetchRun(ctx, runId, what);
    known = ctx.runs.get(runId);
  }
  if (known === undefined) throw runNotFound(runId);
  if (known.lifecycleStage === "deleted") throw runNotActive(runId);
  return known;
}

/**
 * `PATCH /experiment_runs/{id}` carrying the run's current `status` and `state` unless the update
 * changes them (the registry resets omitted enums to RUNNING/LIVE). Remembers the result.
 * @internal
 */
export async function patchRun(
  ctx: StoreContext,
  current: ExperimentRun,
  update: Omit<ExperimentRunUpdate, "status" | "state"> &
    Partial<Pick<ExperimentRunUpdate, "status" | "state">>,
  what: string,
): Promise<ExperimentRun> {
  const runId = current.id ?? "";
  const body: ExperimentRunUpdate = {
    ...update,
    status: update.status ?? current.status ?? "RUNNING",
    state: update.state ?? current.state ?? "LIVE",
  };
  const updated = await registryCall(
    what,
    RUN,
    ctx.client.PATCH(`${API}/experiment_runs/{experimentrunId}`, {
      params: { path: { experimentrunId: runId } },
      body,
    }),
    { notFound: `Run with id=${runId} not found` },
  );
  rememberRun(ctx, updated);
  return updated;
}
