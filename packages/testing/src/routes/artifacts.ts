import { badRequest, HttpError, notFound } from "../core/http-error.js";
import { parseId } from "../core/int32.js";
import { compileLike } from "../core/like.js";
import { readListParams } from "../core/paging.js";
import {
  jsonBody,
  ok,
  type RouteContext,
  type RouteDefinition,
  route,
  wrote,
} from "../core/route-kit.js";
import type { ArtifactRow } from "../state/rows.js";
import {
  createArtifactRow,
  decodeArtifactBody,
  getArtifact,
  requireCreatable,
  updateArtifactRow,
} from "./artifact-service.js";
import { readArtifactType } from "./artifact-upsert.js";
import { listRows } from "./context-queries.js";

/**
 * `GET /artifact` and `/model_artifact`: `name` (stored-name `LIKE '%:<name>'`, restricted to the
 * parent's artifacts when `parentResourceId` is given) or `externalId`; 404 for none or several.
 * `/model_artifact` matches artifacts of every type first and then refuses a match that is not a
 * model artifact, as the server does.
 * @internal
 */
export function findArtifact(context: RouteContext, onlyModels: boolean): ArtifactRow {
  const { state, query } = context;
  const name = query.get("name");
  const externalId = query.get("externalId");
  const parentText = query.get("parentResourceId");
  if ((!name || !parentText) && !externalId) {
    throw badRequest(
      "invalid parameters call, supply either (artifactName and parentResourceId), or externalId",
    );
  }
  const parentId = parentText ? parseId(parentText, "parent resource") : undefined;
  const what = `name=${name ?? ""}, parentResourceId=${parentText ?? ""}, externalId=${externalId ?? ""}`;
  let matches: ArtifactRow[];
  if (name) {
    const rows =
      parentId === undefined ? state.artifacts.rows : (state.artifactsByParent.get(parentId) ?? []);
    const matcher = compileLike(`%:${name}`, { caseInsensitive: state.caseInsensitive });
    matches = rows.filter((row) => matcher.test(row.storedName));
  } else {
    const row = state.artifactExternalIds.get(state.fold(externalId ?? ""));
    matches = row && (parentId === undefined || row.parents.includes(parentId)) ? [row] : [];
  }
  const label = onlyModels ? "model artifacts" : "artifacts";
  if (matches.length === 0) throw notFound(`no ${label} found for ${what}`);
  if (matches.length > 1) throw notFound(`multiple ${label} found for ${what}`);
  const match = matches[0] as ArtifactRow;
  if (onlyModels && match.type !== "model-artifact")
    throw notFound(`artifact with ${what} is not a model artifact`);
  return match;
}

/** Artifacts of every type: list/create, get/patch, find. @internal */
export const artifactRoutes: RouteDefinition[] = [
  route("GET", "/artifacts", (context) => {
    const params = readListParams(context.query);
    const artifactType = readArtifactType(context);
    return ok(
      listRows(context, context.state.artifacts.rows, params, {
        filter: { artifactType },
        where: artifactType ? (row) => row.type === artifactType : null,
      }),
    );
  }),
  route("POST", "/artifacts", (context) => {
    const artifact = decodeArtifactBody(jsonBody(context), "create");
    const type = requireCreatable(artifact);
    return wrote(201, createArtifactRow(context, { type, body: artifact.body }).api);
  }),
  route("GET", "/artifacts/{id}", (context) =>
    ok(getArtifact(context, context.params["id"] ?? "").api),
  ),
  route("PATCH", "/artifacts/{id}", (context) => {
    const raw = jsonBody(context);
    const row = getArtifact(context, context.params["id"] ?? "");
    const artifact = decodeArtifactBody(raw, "update");
    if (artifact.type !== row.type) {
      throw new HttpError(
        400,
        `cannot change artifact type from '${row.type}' to '${artifact.type ?? "unknown"}': artifact type is immutable`,
      );
    }
    return wrote(
      200,
      updateArtifactRow(context, row, artifact.body, { dropAttribution: true }).api,
    );
  }),
  route("GET", "/artifact", (context) => ok(findArtifact(context, false).api)),
];
