import type { DecodedBody } from "../core/decode-body.js";
import { notFound } from "../core/http-error.js";
import { parseId, parseInt32 } from "../core/int32.js";
import type { RouteContext } from "../core/route-kit.js";
import type { ContextRow } from "../state/rows.js";
import { createContextRow } from "./context-service.js";

/**
 * The serving environment of a new inference service. The server re-wraps every failure of this
 * lookup, an id that does not parse included, as 404 `no serving environment found for id …`.
 */
function servingEnvironment(context: RouteContext, idText: string): ContextRow {
  const id = parseInt32(idText);
  const row = typeof id === "number" ? context.state.servingEnvironments.get(id) : undefined;
  if (!row) throw notFound(`no serving environment found for id ${idText}`);
  return row;
}

/**
 * Creates an inference service in a serving environment (the path id, when there is one, wins
 * over the body's). The environment must exist (404, even for an id that does not parse); model
 * and version ids are only parsed, after it.
 * @internal
 */
export function createInferenceService(
  context: RouteContext,
  body: DecodedBody,
  environmentText: string,
): ContextRow {
  const environment = servingEnvironment(context, environmentText);
  parseId(body["registeredModelId"] as string, "registered model");
  if (typeof body["modelVersionId"] === "string") {
    parseId(body["modelVersionId"], "model version");
  }
  const name = typeof body["name"] === "string" ? body["name"] : context.uuid();
  const fields: DecodedBody = { ...body, servingEnvironmentId: String(environment.id) };
  return createContextRow(context, {
    kind: "inferenceService",
    name,
    parentId: environment.id,
    body: fields,
    skip: ["servingEnvironmentId"],
  });
}
