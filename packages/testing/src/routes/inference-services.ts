import { BODY_SPECS } from "../core/body-specs.js";
import { decodeBody } from "../core/decode-body.js";
import { notFound } from "../core/http-error.js";
import { parseId } from "../core/int32.js";
import { readListParams } from "../core/paging.js";
import { jsonBody, ok, type RouteDefinition, route, wrote } from "../core/route-kit.js";
import type { ContextRow } from "../state/rows.js";
import { findChild, listRows } from "./context-queries.js";
import { getContext, updateContextRow } from "./context-service.js";
import { createInferenceService } from "./inference-service-service.js";
import { createServeModel } from "./serve-models.js";

type Context = Parameters<RouteDefinition["handle"]>[0];

function service(context: Context): ContextRow {
  return getContext(context, "inferenceService", context.params["inferenceserviceId"] ?? "");
}

/** GET and PATCH by id: the server's `GetInferenceServiceById` names the kind in Go style. */
function serviceById(context: Context): ContextRow {
  const idText = context.params["inferenceserviceId"] ?? "";
  const row = context.state.inferenceServices.get(parseId(idText, "inference service"));
  if (!row) throw notFound(`no InferenceService found for id ${idText}`);
  return row;
}

/** Inference services: list/create, get/patch, find, model, version, serves. @internal */
export const inferenceServiceRoutes: RouteDefinition[] = [
  route("GET", "/inference_services", (context) => {
    // filterQuery is ignored here.
    const params = readListParams(context.query);
    return ok(listRows(context, context.state.inferenceServices.rows, params));
  }),
  route("POST", "/inference_services", (context) => {
    const body = decodeBody(BODY_SPECS.InferenceServiceCreate, jsonBody(context));
    const environment = body["servingEnvironmentId"] as string;
    return wrote(201, createInferenceService(context, body, environment).api);
  }),
  route("GET", "/inference_services/{inferenceserviceId}", (context) =>
    ok(serviceById(context).api),
  ),
  route("PATCH", "/inference_services/{inferenceserviceId}", (context) => {
    const body = decodeBody(BODY_SPECS.InferenceServiceUpdate, jsonBody(context));
    const row = serviceById(context);
    if (typeof body["modelVersionId"] === "string") {
      parseId(body["modelVersionId"], "model version");
    }
    return wrote(200, updateContextRow(context, row, body).api);
  }),
  route("GET", "/inference_service", (context) => ok(findChild(context, "inferenceService").api)),
  route("GET", "/inference_services/{inferenceserviceId}/model", (context) => {
    const modelId = service(context).api["registeredModelId"] as string;
    return ok(getContext(context, "registeredModel", modelId).api);
  }),
  route("GET", "/inference_services/{inferenceserviceId}/version", (context) => {
    const row = service(context);
    const versionId = row.api["modelVersionId"];
    if (typeof versionId === "string")
      return ok(getContext(context, "modelVersion", versionId).api);
    const modelId = Number(row.api["registeredModelId"]);
    const versions = context.state.versionsByModel.get(modelId) ?? [];
    // The server takes the first row of `ORDER BY create_time DESC` without a tie-breaker, so
    // among versions created in the same millisecond its pick depends on the database; the fake
    // takes the one created last (the highest id).
    let newest: ContextRow | undefined;
    for (const version of versions) {
      if (!newest || version.created >= newest.created) newest = version;
    }
    if (!newest)
      throw notFound(`no model versions found for id ${context.params["inferenceserviceId"]}`);
    return ok(newest.api);
  }),
  route("GET", "/inference_services/{inferenceserviceId}/serves", (context) => {
    // Paging only: filterQuery, name and externalId are ignored; the parent is not checked.
    const params = readListParams(context.query);
    const id = parseId(context.params["inferenceserviceId"] ?? "", "inference service");
    return ok(listRows(context, context.state.serveModelsByService.get(id) ?? [], params));
  }),
  route("POST", "/inference_services/{inferenceserviceId}/serves", (context) => {
    const body = decodeBody(BODY_SPECS.ServeModelCreate, jsonBody(context));
    const serviceId = context.params["inferenceserviceId"] ?? "";
    return wrote(201, createServeModel(context, serviceId, body).api);
  }),
];
