import { BODY_SPECS } from "../core/body-specs.js";
import { decodeBody } from "../core/decode-body.js";
import { parseId } from "../core/int32.js";
import { readListParams } from "../core/paging.js";
import { jsonBody, ok, type RouteDefinition, route, wrote } from "../core/route-kit.js";
import { findTopLevel, listRows, nameOrExternalIdClause } from "./context-queries.js";
import {
  checkEpochFields,
  createContextRow,
  getContext,
  updateContextRow,
} from "./context-service.js";

const VERSION_SKIP = ["registeredModelId", "createTimeSinceEpoch", "lastUpdateTimeSinceEpoch"];

/** Registered models: list/create, get/patch, find, and the nested version list/create. @internal */
export const registeredModelRoutes: RouteDefinition[] = [
  route("GET", "/registered_models", (context) => {
    const params = readListParams(context.query);
    const rows = context.state.registeredModels.rows;
    return ok(listRows(context, rows, params, { filter: "registeredModel" }));
  }),
  route("POST", "/registered_models", (context) => {
    const body = decodeBody(BODY_SPECS.RegisteredModelCreate, jsonBody(context));
    const name = body["name"] as string;
    return wrote(201, createContextRow(context, { kind: "registeredModel", name, body }).api);
  }),
  route("GET", "/registered_models/{registeredmodelId}", (context) =>
    ok(getContext(context, "registeredModel", context.params["registeredmodelId"] ?? "").api),
  ),
  route("PATCH", "/registered_models/{registeredmodelId}", (context) => {
    const body = decodeBody(BODY_SPECS.RegisteredModelUpdate, jsonBody(context));
    const row = getContext(context, "registeredModel", context.params["registeredmodelId"] ?? "");
    return wrote(200, updateContextRow(context, row, body).api);
  }),
  route("GET", "/registered_model", (context) => ok(findTopLevel(context, "registeredModel").api)),
  route("GET", "/registered_models/{registeredmodelId}/versions", (context) => {
    const params = readListParams(context.query);
    const modelId = parseId(context.params["registeredmodelId"] ?? "", "registered model");
    const versions = context.state.versionsByModel.get(modelId) ?? [];
    const extraFilter = nameOrExternalIdClause(context);
    return ok(
      listRows(context, versions, params, {
        filter: "modelVersion",
        ...(extraFilter ? { extraFilter } : {}),
      }),
    );
  }),
  route("POST", "/registered_models/{registeredmodelId}/versions", (context) => {
    const body = decodeBody(BODY_SPECS.ModelVersion, jsonBody(context));
    checkEpochFields(body);
    const modelId = parseId(context.params["registeredmodelId"] ?? "", "registered model");
    if (body["id"] !== undefined) {
      const version = getContext(context, "modelVersion", body["id"] as string);
      return wrote(201, updateContextRow(context, version, body, { skip: VERSION_SKIP }).api);
    }
    const name = body["name"] as string;
    const row = createContextRow(context, {
      kind: "modelVersion",
      name,
      parentId: modelId,
      body,
      skip: VERSION_SKIP,
    });
    return wrote(201, row.api);
  }),
];
