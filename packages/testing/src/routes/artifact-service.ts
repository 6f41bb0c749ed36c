import { type ArtifactBodyVariant, artifactBodySpec } from "../core/body-specs.js";
import { checkColumnLimits } from "../core/column-limits.js";
import {
  assertRefeedable,
  type HiddenProperties,
  type StoredProperties,
} from "../core/custom-properties.js";
import { type DecodedBody, decodeBody } from "../core/decode-body.js";
import { type ArtifactType, isArtifactType } from "../core/field-types.js";
import { badRequest, conflict, decodeError, notFound } from "../core/http-error.js";
import { parseId } from "../core/int32.js";
import type { RouteContext } from "../core/route-kit.js";
import { type ApiObject, type ArtifactRow, prefixedName } from "../state/rows.js";

/** Names used in conflict and type messages. @internal */
export const ARTIFACT_LABELS: Record<ArtifactType, string> = {
  "model-artifact": "model",
  "doc-artifact": "doc",
  "dataset-artifact": "dataset",
  metric: "metric",
  parameter: "parameter",
};

/** The repositories' names for artifact rows, as in `error saving <name>`. */
const ARTIFACT_ENTITIES: Record<ArtifactType, string> = {
  "model-artifact": "model artifact",
  "doc-artifact": "doc artifact",
  "dataset-artifact": "dataset",
  metric: "metric",
  parameter: "parameter",
};

/** Body fields that never become stored fields. */
const NOT_STORED = new Set([
  "id",
  "name",
  "artifactType",
  "customProperties",
  "createTimeSinceEpoch",
  "lastUpdateTimeSinceEpoch",
  "experimentId",
  "experimentRunId",
]);

/** A metric's `step` is an int64 in the API but an int32 in the database: it wraps silently. */
function stored(key: string, value: unknown): unknown {
  return key === "step" && typeof value === "number"
    ? Number(BigInt.asIntN(32, BigInt(value)))
    : value;
}

/** A decoded artifact oneOf body; `type` is undefined when `artifactType` matched no member. @internal */
export interface ArtifactBody {
  readonly type: ArtifactType | undefined;
  readonly body: DecodedBody;
}

/** Decodes an artifact oneOf body leniently (unknown fields dropped). @internal */
export function decodeArtifactBody(raw: unknown, variant: ArtifactBodyVariant): ArtifactBody {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    const kind = Array.isArray(raw) ? "array" : raw === null ? "null" : typeof raw;
    throw decodeError(
      `json: cannot unmarshal ${kind} into Go value of type map[string]interface {}`,
    );
  }
  const type = (raw as Record<string, unknown>)["artifactType"];
  if (!isArtifactType(type)) return { type: undefined, body: {} };
  return { type, body: decodeBody(artifactBodySpec(type, variant), raw) };
}

/** The create/upsert check for an unmatched `artifactType`, and the metric `value` rule. @internal */
export function requireCreatable(artifact: ArtifactBody): ArtifactType {
  if (artifact.type === undefined) {
    throw badRequest(
      "invalid artifact type, must be either ModelArtifact, DocArtifact, DataSet, Metric, or Parameter",
    );
  }
  if (artifact.type === "metric" && artifact.body["value"] === undefined) {
    throw badRequest("metric value is required");
  }
  return artifact.type;
}

/** Writes the attribution into the response object (the hidden keys surface as fields). */
function applyHidden(api: ApiObject, hidden: HiddenProperties): void {
  delete api["experimentId"];
  delete api["experimentRunId"];
  if (hidden.experimentId !== undefined) api["experimentId"] = hidden.experimentId;
  if (hidden.experimentRunId !== undefined) api["experimentRunId"] = hidden.experimentRunId;
}

/** Options of {@link createArtifactRow}. @internal */
export interface CreateArtifactOptions {
  readonly type: ArtifactType;
  readonly body: DecodedBody;
  /** The attributed parent, or none (`POST /artifacts`, `/model_artifacts`). */
  readonly parentId?: number;
  /** Attribution from the run endpoint. */
  readonly hidden?: HiddenProperties;
}

/**
 * Creates an artifact. Its stored name is `<parentId>:<name>`, or `<uuid>:<name>` without a parent
 * and always for datasets, so only those two can clash (per type); externalId is unique across
 * artifacts.
 * @internal
 */
export function createArtifactRow(
  context: RouteContext,
  options: CreateArtifactOptions,
): ArtifactRow {
  const { state } = context;
  const { type, body, parentId } = options;
  const name = typeof body["name"] === "string" ? body["name"] : context.uuid();
  const prefix = parentId === undefined || type === "dataset-artifact" ? context.uuid() : parentId;
  const { stored: storedName, shown } = prefixedName(prefix, name);
  const externalId = body["externalId"];
  checkColumnLimits(context, `error saving ${ARTIFACT_ENTITIES[type]}`, {
    storedName,
    externalId,
    properties: body.customProperties,
  });
  if (
    !state.artifactNames.isFreeFor(state.artifactNameKey({ type, storedName }), undefined) ||
    (typeof externalId === "string" &&
      !state.artifactExternalIds.isFreeFor(state.fold(externalId), undefined))
  ) {
    throw conflict(`${ARTIFACT_LABELS[type]} artifact with name ${name} already exists`);
  }
  const now = context.now();
  const id = state.nextArtifactId;
  const api: ApiObject = { id: String(id), name: shown, artifactType: type, customProperties: {} };
  for (const [key, value] of Object.entries(body)) {
    if (!NOT_STORED.has(key)) api[key] = stored(key, value);
  }
  const hidden = { ...body.customProperties?.hidden, ...options.hidden };
  applyHidden(api, hidden);
  api.customProperties = body.customProperties?.visible ?? {};
  api["createTimeSinceEpoch"] = String(now);
  api["lastUpdateTimeSinceEpoch"] = String(now);
  const parents = parentId === undefined ? [] : [parentId];
  const row: ArtifactRow = {
    id,
    type,
    api,
    created: now,
    updated: now,
    storedName,
    parents,
    hidden,
  };
  state.addArtifact(row);
  return row;
}

/** Options of {@link updateArtifactRow}. @internal */
export interface UpdateArtifactOptions {
  /** The PATCH endpoints drop the experiment attribution (it is stripped on read). */
  readonly dropAttribution?: boolean;
  /** The run endpoint injects the attribution, which also makes the request map non-null. */
  readonly hidden?: HiddenProperties;
}

/** Merges an update into an artifact (§3.5): present fields overwrite; the map replaces. @internal */
export function updateArtifactRow(
  context: RouteContext,
  row: ArtifactRow,
  body: DecodedBody,
  options: UpdateArtifactOptions = {},
): ArtifactRow {
  const { state } = context;
  let properties = body.customProperties;
  if (properties === undefined && options.hidden !== undefined)
    properties = { visible: {}, hidden: {} };
  if (properties === undefined) assertRefeedable(row.api.customProperties as StoredProperties);
  const externalId = body["externalId"];
  checkColumnLimits(context, `error saving ${ARTIFACT_ENTITIES[row.type]}`, {
    externalId,
    properties: body.customProperties,
  });
  if (
    typeof externalId === "string" &&
    !state.artifactExternalIds.isFreeFor(state.fold(externalId), row)
  ) {
    throw conflict(
      `${ARTIFACT_LABELS[row.type]} artifact with name ${row.api["name"]} already exists`,
    );
  }
  const merged: ApiObject = { ...row.api };
  for (const [key, value] of Object.entries(body)) {
    if (!NOT_STORED.has(key)) merged[key] = stored(key, value);
  }
  if (properties !== undefined) merged.customProperties = properties.visible;
  let hidden = row.hidden;
  if (options.dropAttribution) hidden = { ...properties?.hidden };
  if (options.hidden !== undefined) hidden = { ...properties?.hidden, ...options.hidden };
  applyHidden(merged, hidden);
  if (typeof externalId === "string")
    state.moveExternalId(state.artifactExternalIds, row, externalId);
  const now = context.now();
  merged["lastUpdateTimeSinceEpoch"] = String(now);
  row.api = merged;
  row.hidden = hidden;
  row.updated = now;
  return row;
}

/**
 * Looks an artifact up by path id (400 non-int32, 404 absent). With `type` (the typed
 * `/model_artifacts/{id}` endpoints) an artifact of another type is 404 `artifact with id N is not
 * a model artifact`, after the generic lookup.
 * @internal
 */
export function getArtifact(
  context: RouteContext,
  idText: string,
  type?: ArtifactType,
): ArtifactRow {
  const id = parseId(idText, "artifact");
  const row = context.state.artifacts.get(id);
  if (!row) throw notFound(`no artifact found for id ${idText}`);
  if (type !== undefined && row.type !== type) {
    throw notFound(`artifact with id ${idText} is not a ${ARTIFACT_LABELS[type]} artifact`);
  }
  return row;
}
