import type { DecodedBody } from "../core/decode-body.js";
import { parseId } from "../core/int32.js";
import type { RouteContext } from "../core/route-kit.js";
import type { ContextRow } from "../state/rows.js";
import { createContextRow, getContext } from "./context-service.js";

/**
 * Creates an inference service in a serving environment (the path id, when there is one, wins
 * over the body's). The environment must exist; model and version ids are only parsed.
 * @internal
 */
export function createInferenceService(
  context: RouteContext,
  body: DecodedBody,
  environmentText: string,
): ContextRow {
  const environment = getContext(context, "servingEnvironment", environmentText);
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
