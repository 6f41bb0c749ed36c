import type { Artifact } from "@model-registry/registry-client";
import { isParameterArtifact, toParameterCreate } from "../mapping/param.js";
import { MlflowError } from "../mlflow-error.js";
import type { KnownRun, StoreContext } from "../store-context.js";
import type { KeyValue } from "../types.js";
import { confusableNames, postRunArtifact } from "./post-run-artifact.js";
import { registryLiteral } from "./registry-paths.js";
import { learnFromArtifacts, listRunArtifacts } from "./run-artifacts.js";

/**
 * Reads the params of the run whose names the registry matches with `keys` (one request: a filter
 * on the artifact names, which the registry compares with LIKE, so resembling names come back too
 * and are remembered as well) — unless the store already knows every key.
 * @internal
 */
export async function loadParams(
  ctx: StoreContext,
  known: KnownRun,
  keys: readonly string[],
  what: string,
): Promise<void> {
  const artifacts = await readParamArtifacts(
    ctx,
    known.runId,
    keys.filter((key) => !known.params.has(key)),
    what,
  );
  learnFromArtifacts(known, artifacts);
}

/** The param artifacts the registry's name filter finds for `keys` (none and no request when empty). @internal */
export async function readParamArtifacts(
  ctx: StoreContext,
  runId: string,
  keys: readonly string[],
  what: string,
): Promise<Artifact[]> {
  if (keys.length === 0) return [];
  const literals = keys.map(registryLiteral);
  const filterQuery = literals.every((l) => l !== undefined)
    ? literals.map((l) => `name = ${l}`).join(" OR ")
    : undefined;
  const artifacts = await listRunArtifacts(ctx, runId, what, {
    artifactType: "parameter",
    ...(filterQuery ? { filterQuery } : {}),
  });
  return artifacts.filter(isParameterArtifact);
}

/** MLflow's single-param conflict error. @internal */
export function paramConflict(
  runId: string,
  key: string,
  oldValue: string,
  newValue: string,
): MlflowError {
  return MlflowError.invalidParameterValue(
    `Changing param values is not allowed. Param with key='${key}' was already logged with value='${oldValue}' for run ID='${runId}'. Attempted logging new value '${newValue}'.`,
  );
}

/** MLflow's batch param conflict error. @internal */
export function batchParamConflict(
  runId: string,
  conflicts: { key: string; old: string; value: string }[],
): MlflowError {
  const list = conflicts
    .map((c) => `{'key': '${c.key}', 'old_value': '${c.old}', 'new_value': '${c.value}'}`)
    .join(", ");
  return MlflowError.invalidParameterValue(
    `Changing param values is not allowed. Params were already logged='[${list}]' for run ID='${runId}'.`,
  );
}

/** The params not yet logged (already-logged identical ones are no-ops). Assumes conflicts were checked. @internal */
export function newParams(known: KnownRun, params: readonly KeyValue[]): KeyValue[] {
  return params.filter((param) => known.params.get(param.key) === undefined);
}

/** `POST /experiment_runs/{id}/artifacts` for one param, remembered on success. @internal */
export async function postParam(
  ctx: StoreContext,
  known: KnownRun,
  param: KeyValue,
): Promise<void> {
  await postRunArtifact(ctx, known, toParameterCreate(param.key, param.value), "logParam");
  known.params.set(param.key, param.value);
}

/**
 * Posts new params of one run through the store's write lanes: all at once, except names the
 * registry's name lookup would confuse with each other, which go one after the other (each then
 * sees the ones before it, see `postRunArtifact`). Settles every post before it throws the first
 * failure. @internal
 */
export async function postParams(
  ctx: StoreContext,
  known: KnownRun,
  params: readonly KeyValue[],
): Promise<void> {
  if (params.length === 0) return;
  const confusable = confusableNames(params.map((param) => param.key));
  const posts = params
    .filter((param) => !confusable.has(param.key))
    .map((param) => ctx.lanes.run(() => postParam(ctx, known, param)));
  const inTurn = (async () => {
    let failure: { error: unknown } | undefined;
    for (const param of params.filter((p) => confusable.has(p.key))) {
      try {
        await ctx.lanes.run(() => postParam(ctx, known, param), { urgent: true });
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure !== undefined) throw failure.error;
  })();
  const results = await Promise.allSettled([...posts, inTurn]);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) throw failed.reason;
}
