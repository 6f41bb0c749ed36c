import { checkColumnLimits } from "../core/column-limits.js";
import type { StoredProperties } from "../core/custom-properties.js";
import type { DecodedBody } from "../core/decode-body.js";
import { badRequest, conflict, DroppedConnection, notFound } from "../core/http-error.js";
import { parseId } from "../core/int32.js";
import type { RouteContext } from "../core/route-kit.js";
import {
  type ApiObject,
  type ContextRow,
  prefixedName,
  type ServeModelRow,
} from "../state/rows.js";
import { getContext } from "./context-service.js";

function stringProperty(properties: StoredProperties, key: string): string | undefined {
  const value = properties[key];
  return value?.metadataType === "MetadataStringValue" ? value.string_value : undefined;
}

/** The server's HuggingFace gate: gated (`hf_gated` not "false"/empty) or private models are refused. */
function checkHuggingFaceGate(version: ContextRow): void {
  const properties = version.api.customProperties as StoredProperties;
  const gated = stringProperty(properties, "hf_gated");
  if (gated !== undefined && gated !== "false" && gated !== "") {
    throw badRequest(
      "cannot deploy gated HuggingFace model: authentication not yet supported (model requires approval or authentication)",
    );
  }
  if (stringProperty(properties, "hf_private") === "true") {
    throw badRequest("cannot deploy private HuggingFace model: authentication not yet supported");
  }
}

/**
 * Creates a serve model under an inference service (own id sequence; name unique within the
 * service; externalId unique among serve models). As on the server, the model version and its
 * HuggingFace gate are checked before the inference service: an unknown service with a gated
 * version is 400, with an unknown version 404 about the version.
 * @internal
 */
export function createServeModel(
  context: RouteContext,
  serviceIdText: string,
  body: DecodedBody,
): ServeModelRow {
  const { state } = context;
  const version = getContext(context, "modelVersion", body["modelVersionId"] as string);
  checkHuggingFaceGate(version);
  const serviceId = parseId(serviceIdText, "inference service");
  const service = state.inferenceServices.get(serviceId);
  // The server prints the parsed id here (`%d`), and names the kind in Go style.
  if (!service) throw notFound(`no InferenceService found for id ${serviceId}`);
  const name = typeof body["name"] === "string" ? body["name"] : context.uuid();
  const { stored: storedName, shown } = prefixedName(service.id, name);
  const externalId = body["externalId"];
  checkColumnLimits(context, "error saving serve model", {
    storedName,
    externalId,
    properties: body.customProperties,
  });
  if (
    !state.serveModelNames.isFreeFor(state.fold(storedName), undefined) ||
    (typeof externalId === "string" &&
      !state.serveModelExternalIds.isFreeFor(state.fold(externalId), undefined))
  ) {
    // Without a name the server's conflict path dereferences it and panics.
    if (typeof body["name"] !== "string") throw new DroppedConnection();
    throw conflict(`serve model with name ${name} already exists`);
  }
  const now = context.now();
  const id = state.nextServeModelId;
  const api: ApiObject = { id: String(id), name: shown, customProperties: {} };
  for (const [key, value] of Object.entries(body)) {
    if (key !== "customProperties" && key !== "name") api[key] = value;
  }
  api.customProperties = body.customProperties?.visible ?? {};
  api["createTimeSinceEpoch"] = String(now);
  api["lastUpdateTimeSinceEpoch"] = String(now);
  const row: ServeModelRow = {
    id,
    parentId: service.id,
    api,
    created: now,
    updated: now,
    storedName,
  };
  state.addServeModel(row);
  return row;
}
