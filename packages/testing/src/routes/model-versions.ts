import { BODY_SPECS } from "../core/body-specs.js";
import { decodeBody } from "../core/decode-body.js";
import { parseId } from "../core/int32.js";
import { readListParams } from "../core/paging.js";
import { jsonBody, ok, type RouteDefinition, route, wrote } from "../core/route-kit.js";
import { listParentArtifacts, upsertParentArtifact } from "./artifact-upsert.js";
import { findChild, listRows, nameOrExternalIdClause } from "./context-queries.js";
import { createContextRow, getContext, updateContextRow } from "./context-service.js";

/** Model versions: list/create, get/patch, find, and the nested artifact list/upsert. @internal */
export const modelVersionRoutes: RouteDefinition[] = [
  route("GET", "/model_versions", (context) => {
    const params = readListParams(context.query);
    const rows = context.state.modelVersions.rows;
    return ok(listRows(context, rows, params, { filter: "modelVersion" }));
  }),
  route("POST", "/model_versions", (context) => {
    const body = decodeBody(BODY_SPECS.ModelVersionCreate, jsonBody(context));
    const modelId = parseId(body["registeredModelId"] as string, "registered model");
    const row = createContextRow(context, {
      kind: "modelVersion",
      name: body["name"] as string,
      parentId: modelId,
      body,
      skip: ["registeredModelId"],
    });
    return wrote(201, row.api);
  }),
  route("GET", "/model_versions/{modelversionId}", (context) =>
    ok(getContext(context, "modelVersion", context.params["modelversionId"] ?? "").api),
  ),
  route("PATCH", "/model_versions/{modelversionId}", (context) => {
    const body = decodeBody(BODY_SPECS.ModelVersionUpdate, jsonBody(context));
    const row = getContext(context, "modelVersion", context.params["modelversionId"] ?? "");
    return wrote(200, updateContextRow(context, row, body).api);
  }),
  route("GET", "/model_version", (context) => ok(findChild(context, "modelVersion").api)),
  route("GET", "/model_versions/{modelversionId}/artifacts", (context) => {
    const params = readListParams(context.query);
    const versionId = parseId(context.params["modelversionId"] ?? "", "model version");
    return ok(listParentArtifacts(context, versionId, params, nameOrExternalIdClause(context)));
  }),
  route("POST", "/model_versions/{modelversionId}/artifacts", (context) => {
    const id = context.params["modelversionId"] ?? "";
    return upsertParentArtifact(context, "modelVersion", () =>
      getContext(context, "modelVersion", id),
    );
  }),
];
