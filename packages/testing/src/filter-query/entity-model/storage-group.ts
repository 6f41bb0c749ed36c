import type { FilterEntityKind } from "../filter-entity-kind.js";

/**
 * The table an entity kind is stored in.
 *
 * @internal
 */
export type StorageGroup = "context" | "artifact" | "execution";

/** The table the server stores entities of this kind in. */
export function storageGroup(kind: FilterEntityKind): StorageGroup {
  switch (kind) {
    case "experiment":
    case "experimentRun":
    case "registeredModel":
    case "modelVersion":
    case "servingEnvironment":
    case "inferenceService":
      return "context";
    case "serveModel":
      return "execution";
    default:
      return "artifact";
  }
}

/** Whether the kind stores names as `<parentId>:<name>` (every entity but the top-level ones). */
export function hasPrefixedNames(kind: FilterEntityKind): boolean {
  return kind !== "experiment" && kind !== "registeredModel" && kind !== "servingEnvironment";
}

/** Whether `state` is the artifact state column (an integer enum). */
export function isArtifactKind(kind: FilterEntityKind): boolean {
  return storageGroup(kind) === "artifact";
}
