import type { FilterEntityKind } from "../filter-entity-kind.js";
import type { FilterEntity } from "../filter-predicate.js";
import { hasPrefixedNames } from "./storage-group.js";
import { toText } from "./stored-scalar.js";

function parentPrefix(kind: FilterEntityKind, entity: FilterEntity): string {
  const parent =
    kind === "experimentRun"
      ? entity["experimentId"]
      : kind === "modelVersion"
        ? entity["registeredModelId"]
        : kind === "inferenceService"
          ? entity["servingEnvironmentId"]
          : kind === "serveModel"
            ? entity["inferenceServiceId"]
            : entity["experimentRunId"];
  return typeof parent === "string" || typeof parent === "number" ? String(parent) : "";
}

/**
 * The name as the server stores it. Top-level entities keep their name; child entities are
 * stored as `<parentId>:<name>` (the parent being the experiment, registered model, serving
 * environment, or for artifacts the run in `experimentRunId` when present); metric-history
 * records as `<runId>:<name>__<lastUpdateTimeSinceEpoch>`.
 *
 * @internal
 */
export function defaultStoredName(kind: FilterEntityKind, entity: FilterEntity): string | null {
  const name = toText(entity["name"]);
  if (name === null) return null;
  if (!hasPrefixedNames(kind)) return name;
  const prefix = parentPrefix(kind, entity);
  if (kind === "metricHistory") {
    const stamp = toText(entity["lastUpdateTimeSinceEpoch"]) ?? "";
    return `${prefix}:${name}__${stamp}`;
  }
  return `${prefix}:${name}`;
}
