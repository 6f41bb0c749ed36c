import { BODY_SPECS } from "../core/body-specs.js";
import { decodeBody } from "../core/decode-body.js";
import { readListParams } from "../core/paging.js";
import { jsonBody, ok, type RouteDefinition, route, wrote } from "../core/route-kit.js";
import { createArtifactRow, getArtifact, updateArtifactRow } from "./artifact-service.js";
import { findArtifact } from "./artifacts.js";
import { listRows } from "./context-queries.js";

/** Model artifacts through their typed endpoints (strict bodies, `state` defaults to UNKNOWN). @internal */
export const modelArtifactRoutes: RouteDefinition[] = [
  route("GET", "/model_artifacts", (context) => {
    // Paging only: the server does not pass filterQuery on.
    const params = readListParams(context.query);
    return ok(
      listRows(context, context.state.artifacts.rows, params, {
        where: (row) => row.type === "model-artifact",
      }),
    );
  }),
  route("POST", "/model_artifacts", (context) => {
    const body = decodeBody(BODY_SPECS.ModelArtifactCreate, jsonBody(context));
    return wrote(201, createArtifactRow(context, { type: "model-artifact", body }).api);
  }),
  route("GET", "/model_artifacts/{modelartifactId}", (context) =>
    ok(getArtifact(context, context.params["modelartifactId"] ?? "", "model-artifact").api),
  ),
  route("PATCH", "/model_artifacts/{modelartifactId}", (context) => {
    const body = decodeBody(BODY_SPECS.ModelArtifactUpdate, jsonBody(context));
    const row = getArtifact(context, context.params["modelartifactId"] ?? "", "model-artifact");
    return wrote(200, updateArtifactRow(context, row, body, { dropAttribution: true }).api);
  }),
  route("GET", "/model_artifact", (context) => ok(findArtifact(context, true).api)),
];
