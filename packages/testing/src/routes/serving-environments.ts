import { BODY_SPECS } from "../core/body-specs.js";
import { decodeBody } from "../core/decode-body.js";
import { parseId } from "../core/int32.js";
import { readListParams } from "../core/paging.js";
import { jsonBody, ok, type RouteDefinition, route, wrote } from "../core/route-kit.js";
import { findTopLevel, listRows } from "./context-queries.js";
import { createContextRow, getContext, updateContextRow } from "./context-service.js";
import { createInferenceService } from "./inference-service-service.js";

/** Serving environments: list/create, get/patch, find, nested inference services. @internal */
export const servingEnvironmentRoutes: RouteDefinition[] = [
  route("GET", "/serving_environments", (context) => {
    // filterQuery is ignored here (not even parsed).
    const params = readListParams(context.query);
    return ok(listRows(context, context.state.servingEnvironments.rows, params));
  }),
  route("POST", "/serving_environments", (context) => {
    const body = decodeBody(BODY_SPECS.ServingEnvironmentCreate, jsonBody(context));
    const name = body["name"] as string;
    return wrote(201, createContextRow(context, { kind: "servingEnvironment", name, body }).api);
  }),
  route("GET", "/serving_environments/{servingenvironmentId}", (context) =>
    ok(getContext(context, "servingEnvironment", context.params["servingenvironmentId"] ?? "").api),
  ),
  route("PATCH", "/serving_environments/{servingenvironmentId}", (context) => {
    const body = decodeBody(BODY_SPECS.ServingEnvironmentUpdate, jsonBody(context));
    const id = context.params["servingenvironmentId"] ?? "";
    const row = getContext(context, "servingEnvironment", id);
    return wrote(200, updateContextRow(context, row, body).api);
  }),
  route("GET", "/serving_environment", (context) =>
    ok(findTopLevel(context, "servingEnvironment").api),
  ),
  route("GET", "/serving_environments/{servingenvironmentId}/inference_services", (context) => {
    // name, externalId and filterQuery are ignored; the parent is not checked.
    const params = readListParams(context.query);
    const id = parseId(context.params["servingenvironmentId"] ?? "", "serving environment");
    const services = context.state.servicesByEnvironment.get(id) ?? [];
    return ok(listRows(context, services, params));
  }),
  route("POST", "/serving_environments/{servingenvironmentId}/inference_services", (context) => {
    const body = decodeBody(BODY_SPECS.InferenceServiceCreate, jsonBody(context));
    const environment = context.params["servingenvironmentId"] ?? "";
    return wrote(201, createInferenceService(context, body, environment).api);
  }),
];
