import { isParameterArtifact, paramFromArtifact, toParameterCreate } from "../mapping/param.js";
import { MlflowError } from "../mlflow-error.js";
import type { KnownRun, StoreContext } from "../store-context.js";
import type { KeyValue } from "../types.js";
import { registryCall } from "./registry-call.js";
import { API, registryLiteral } from "./registry-paths.js";
import { listRunArtifacts } from "./run-artifacts.js";

/**
 * Reads the values of `keys` already logged on the run (one request: a filter on the artifact
 * names; the registry matches child names with LIKE, so the result is narrowed exactly here) and
 * remembers them.
 * @internal
 */
export async function loadParams(
  ctx: StoreContext,
  known: KnownRun,
  keys: readonly string[],
  what: string,
): Promise<void> {
  const values = await readParams(
    ctx,
    known.runId,
    keys.filter((key) => !known.params.has(key)),
    what,
  );
  for (const [key, value] of values) known.params.set(key, value);
}

/** The logged values of `keys` on a run (one request when `keys` is not empty, else none). @internal */
export async function readParams(
  ctx: StoreContext,
  runId: string,
  keys: readonly string[],
  what: string,
): Promise<Map<string, string>> {
  const values = new Map<string, string>();
  if (keys.length === 0) return values;
  const literals = keys.map(registryLiteral);
  const filterQuery = literals.every((l) => l !== undefined)
    ? literals.map((l) => `name = ${l}`).join(" OR ")
    : undefined;
  const artifacts = await listRunArtifacts(ctx, runId, what, {
    artifactType: "parameter",
    ...(filterQuery ? { filterQuery } : {}),
  });
  const wanted = new Set(keys);
  for (const artifact of artifacts) {
    if (!isParameterArtifact(artifact)) continue;
    const { key, value } = paramFromArtifact(artifact);
    if (wanted.has(key)) values.set(key, value);
  }
  return values;
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
  await registryCall(
    "logParam",
    ctx.client.POST(`${API}/experiment_runs/{experimentrunId}/artifacts`, {
      params: { path: { experimentrunId: known.runId } },
      body: toParameterCreate(param.key, param.value),
    }),
    { notFound: `Run with id=${known.runId} not found` },
  );
  known.params.set(param.key, param.value);
}
