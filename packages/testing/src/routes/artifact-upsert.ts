import { checkColumnLimits } from "../core/column-limits.js";
import { type ArtifactType, isArtifactType } from "../core/field-types.js";
import { badRequest, HttpError } from "../core/http-error.js";
import { parseInt32 } from "../core/int32.js";
import { compileLike } from "../core/like.js";
import type { ListBody, ListParams } from "../core/paging.js";
import { jsonBody, type RouteContext, type RouteResult, wrote } from "../core/route-kit.js";
import type { ArtifactRow, ContextRow, HistoryRow } from "../state/rows.js";
import {
  ARTIFACT_LABELS,
  createArtifactRow,
  decodeArtifactBody,
  requireCreatable,
  updateArtifactRow,
} from "./artifact-service.js";
import { listRows } from "./context-queries.js";
import { checkEpochFields } from "./context-service.js";

/** Reads `artifactType`: empty is ignored, anything not a type (including `null`) is a 400. @internal */
export function readArtifactType(context: RouteContext): ArtifactType | undefined {
  const value = context.query.get("artifactType");
  if (value === undefined || value === "") return undefined;
  if (!isArtifactType(value)) throw badRequest(`invalid artifact type ${value}`);
  return value;
}

/** Lists the artifacts attributed to a run or model version (no parent existence check). @internal */
export function listParentArtifacts(
  context: RouteContext,
  parentId: number,
  params: ListParams,
  extraFilter?: string,
): ListBody<unknown> {
  const artifactType = readArtifactType(context);
  const rows = context.state.artifactsByParent.get(parentId) ?? [];
  return listRows(context, rows, params, {
    filter: { artifactType },
    ...(extraFilter ? { extraFilter } : {}),
    where: artifactType ? (row) => row.type === artifactType : null,
  });
}

function findByNameUnder(context: RouteContext, parentId: number, name: string): ArtifactRow[] {
  const matcher = compileLike(`%:${name}`, { caseInsensitive: context.state.caseInsensitive });
  const rows = context.state.artifactsByParent.get(parentId) ?? [];
  return rows.filter((row) => matcher.test(row.storedName));
}

function appendHistory(context: RouteContext, run: ContextRow, metric: ArtifactRow): void {
  const { state } = context;
  const source = metric.api;
  const storedName = `${run.id}:${String(source["name"])}__${String(source["lastUpdateTimeSinceEpoch"])}`;
  // The metric itself was saved; its history record's longer name may not fit the column.
  checkColumnLimits(
    context,
    `failed to insert metric history for metric ${String(source["name"])}: failed to insert metric history: error saving metric history`,
    { storedName },
  );
  if (context.historyCollisions && state.historyNames.has(state.fold(storedName))) {
    // The metric itself was saved; the history insert fails on the unique name (and uses an id).
    state.nextArtifactId += 1;
    throw new HttpError(500, `failed to insert metric history: duplicate entry '${storedName}'`);
  }
  const now = context.now();
  const id = state.nextArtifactId;
  const api: HistoryRow["api"] = {
    id: String(id),
    name: source["name"],
    artifactType: "metric",
    customProperties: source.customProperties,
  };
  for (const key of ["description", "value", "timestamp", "step", "state"]) {
    if (source[key] !== undefined) api[key] = source[key];
  }
  api["experimentId"] = run.api["experimentId"];
  api["experimentRunId"] = String(run.id);
  api["createTimeSinceEpoch"] = String(now);
  api["lastUpdateTimeSinceEpoch"] = String(now);
  state.addHistory({ id, runId: run.id, api, created: now, updated: now, storedName });
}

/**
 * `POST /experiment_runs/{id}/artifacts` and `POST /model_versions/{id}/artifacts` (§5.2): update
 * by `id`; otherwise metrics and parameters are upserted by name under the parent, model and doc
 * artifacts are created (409 on a duplicate) and datasets always created. 201 only for a new model
 * or doc artifact. On the run endpoint every metric also appends a history record.
 * @internal
 */
export function upsertParentArtifact(
  context: RouteContext,
  parentKind: "experimentRun" | "modelVersion",
  parent: () => ContextRow,
): RouteResult {
  const artifact = decodeArtifactBody(jsonBody(context), "full");
  checkEpochFields(artifact.body);
  const owner = parent();
  const type = requireCreatable(artifact);
  const { body } = artifact;
  const run = parentKind === "experimentRun" ? owner : undefined;
  const hidden = run
    ? { experimentId: String(run.api["experimentId"]), experimentRunId: String(run.id) }
    : undefined;
  const updateOptions = hidden ? { hidden } : {};
  let row: ArtifactRow | undefined;
  if (body["id"] !== undefined) {
    const idText = body["id"] as string;
    const id = parseInt32(idText);
    const existing = typeof id === "number" ? context.state.artifacts.get(id) : undefined;
    const label = ARTIFACT_LABELS[type];
    if (!existing)
      throw badRequest(`mismatched types, artifact with id ${idText} is not a ${label} artifact`);
    if (existing.type !== type)
      throw badRequest(`artifact with id ${idText} is not a ${label} artifact`);
    row = updateArtifactRow(context, existing, body, updateOptions);
    context.state.attach(row, owner.id);
  } else if ((type === "metric" || type === "parameter") && typeof body["name"] === "string") {
    const matches = findByNameUnder(context, owner.id, body["name"]);
    const only = matches.length === 1 ? matches[0] : undefined;
    if (only?.type === type) row = updateArtifactRow(context, only, body, updateOptions);
  }
  if (row === undefined) {
    row = createArtifactRow(context, {
      type,
      body,
      parentId: owner.id,
      ...(hidden ? { hidden } : {}),
    });
    if (run && row.type === "metric") appendHistory(context, run, row);
    // Only a new model or doc artifact is a 201; new metrics, parameters and datasets are 200s.
    return wrote(type === "model-artifact" || type === "doc-artifact" ? 201 : 200, row.api);
  }
  if (run && row.type === "metric") appendHistory(context, run, row);
  return wrote(200, row.api);
}
