import { checkColumnLimits } from "../core/column-limits.js";
import {
  assertRefeedable,
  type DecodedProperties,
  type StoredProperties,
} from "../core/custom-properties.js";
import type { DecodedBody } from "../core/decode-body.js";
import { conflict, DroppedConnection, HttpError, notFound } from "../core/http-error.js";
import { parseId } from "../core/int32.js";
import type { RouteContext } from "../core/route-kit.js";
import { type ApiObject, type ContextKind, type ContextRow, prefixedName } from "../state/rows.js";

/** Message labels per context kind, as the server words them. @internal */
export const LABELS: Record<ContextKind, string> = {
  experiment: "experiment",
  experimentRun: "experiment run",
  registeredModel: "registered model",
  modelVersion: "model version",
  servingEnvironment: "serving environment",
  inferenceService: "inference service",
};

/** The response field that names the parent, per child kind. @internal */
export const PARENT_FIELDS: Partial<Record<ContextKind, string>> = {
  experimentRun: "experimentId",
  modelVersion: "registeredModelId",
  inferenceService: "servingEnvironmentId",
};

/** Looks a context up by path id: 400 for a non-int32 id, 404 when absent. @internal */
export function getContext(context: RouteContext, kind: ContextKind, idText: string): ContextRow {
  const id = parseId(idText, LABELS[kind]);
  const row = context.state.tableOf(kind).get(id);
  if (!row) throw notFound(`no ${LABELS[kind]} found for id ${idText}`);
  return row;
}

function copyFields(target: Record<string, unknown>, body: DecodedBody, skip: readonly string[]) {
  for (const [key, value] of Object.entries(body)) {
    if (key === "customProperties" || skip.includes(key)) continue;
    target[key] = value;
  }
}

function assertUnique(
  context: RouteContext,
  kind: ContextKind,
  row: ContextRow | undefined,
  storedName: string | undefined,
  externalId: unknown,
  displayName: string | undefined,
): void {
  const { state } = context;
  const nameTaken =
    storedName !== undefined &&
    !state.contextNameIndex(kind).isFreeFor(state.fold(storedName), row);
  const externalTaken =
    typeof externalId === "string" &&
    !state.contextExternalIds.isFreeFor(state.fold(externalId), row);
  if (nameTaken || externalTaken) {
    // Without a name the server's conflict path dereferences it and panics.
    if (displayName === undefined) throw new DroppedConnection();
    throw conflict(`${LABELS[kind]} with name ${displayName} already exists`);
  }
}

/** Options of {@link createContextRow}. @internal */
export interface CreateContextOptions {
  readonly kind: ContextKind;
  readonly name: string;
  /** True when the server generated the name (the body had none). */
  readonly generatedName?: boolean;
  readonly parentId?: number;
  readonly body: DecodedBody;
  /** Body fields that are not stored as such (ids, timestamps, the parent id). */
  readonly skip?: readonly string[];
}

/**
 * Creates a context entity: name unique within its scope (stored as `<parentId>:<name>` for child
 * kinds), externalId unique across every context, fresh id from the shared sequence.
 * @internal
 */
export function createContextRow(context: RouteContext, options: CreateContextOptions): ContextRow {
  const { state } = context;
  const { kind, name, parentId, body } = options;
  const prefixed = parentId === undefined ? undefined : prefixedName(parentId, name);
  const storedName = prefixed?.stored ?? name;
  const display = options.generatedName ? undefined : name;
  checkColumnLimits(context, `error saving ${LABELS[kind]}`, {
    storedName,
    externalId: body["externalId"],
    properties: body.customProperties,
  });
  assertUnique(context, kind, undefined, storedName, body["externalId"], display);
  const now = context.now();
  const id = state.nextContextId;
  const api: ApiObject = { id: String(id), name: prefixed?.shown ?? name, customProperties: {} };
  const parentField = PARENT_FIELDS[kind];
  if (parentField !== undefined && parentId !== undefined) api[parentField] = String(parentId);
  copyFields(api, body, [...(options.skip ?? []), "id", "name"]);
  api.customProperties = body.customProperties?.visible ?? {};
  api["createTimeSinceEpoch"] = String(now);
  api["lastUpdateTimeSinceEpoch"] = String(now);
  const row: ContextRow =
    parentId === undefined
      ? { id, kind, api, created: now, updated: now, storedName }
      : { id, kind, parentId, api, created: now, updated: now, storedName };
  state.addContext(row);
  return row;
}

/**
 * Merges an update into a context entity: present fields overwrite, `customProperties` replaces
 * the whole map when present (and a stored struct value fails when it is not), externalId stays
 * unique, `lastUpdateTimeSinceEpoch` moves.
 * @internal
 */
export function updateContextRow(
  context: RouteContext,
  row: ContextRow,
  body: DecodedBody,
  options: {
    readonly skip?: readonly string[];
    readonly validate?: (merged: ApiObject) => void;
  } = {},
): ContextRow {
  const { state } = context;
  const properties: DecodedProperties | undefined = body.customProperties;
  if (properties === undefined) assertRefeedable(row.api.customProperties as StoredProperties);
  const externalId = body["externalId"];
  checkColumnLimits(context, `error saving ${LABELS[row.kind]}`, { externalId, properties });
  assertUnique(context, row.kind, row, undefined, externalId, String(row.api["name"]));
  const merged: ApiObject = { ...row.api };
  copyFields(merged, body, [...(options.skip ?? []), "id", "name"]);
  if (properties !== undefined) merged.customProperties = properties.visible;
  options.validate?.(merged);
  if (typeof externalId === "string")
    state.moveExternalId(state.contextExternalIds, row, externalId);
  const now = context.now();
  merged["lastUpdateTimeSinceEpoch"] = String(now);
  row.api = merged;
  row.updated = now;
  return row;
}

/**
 * Full entity bodies (`ExperimentRun`, `ModelVersion`, `Artifact`) carry the timestamps; they are
 * ignored, but a non-numeric one is a 400.
 * @internal
 */
export function checkEpochFields(body: Record<string, unknown>): void {
  for (const field of ["createTimeSinceEpoch", "lastUpdateTimeSinceEpoch"]) {
    const value = body[field];
    if (typeof value === "string" && !/^[+-]?[0-9]+$/.test(value)) {
      throw new HttpError(
        400,
        `bad request: unable to decode as int64: strconv.ParseInt: parsing ${JSON.stringify(value)}: invalid syntax`,
      );
    }
  }
}
