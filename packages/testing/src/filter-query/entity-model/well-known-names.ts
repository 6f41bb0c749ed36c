import type { FilterEntityKind } from "../filter-entity-kind.js";

const COMMON_NAMES = [
  "id",
  "name",
  "externalId",
  "createTimeSinceEpoch",
  "lastUpdateTimeSinceEpoch",
];
const ARTIFACT_NAMES = [...COMMON_NAMES, "uri", "state", "experimentId", "experimentRunId"];

/**
 * Which names each REST entity treats as well-known; any other name is a custom property.
 *
 * @internal
 */
export const WELL_KNOWN_NAMES: Readonly<Record<FilterEntityKind, readonly string[]>> = {
  registeredModel: [...COMMON_NAMES, "state", "owner"],
  modelVersion: [...COMMON_NAMES, "registeredModelId", "state", "author"],
  inferenceService: [
    ...COMMON_NAMES,
    "registeredModelId",
    "modelVersionId",
    "servingEnvironmentId",
    "runtime",
    "desiredState",
  ],
  servingEnvironment: COMMON_NAMES,
  experiment: [...COMMON_NAMES, "state", "owner"],
  experimentRun: [
    ...COMMON_NAMES,
    "experimentId",
    "startTimeSinceEpoch",
    "endTimeSinceEpoch",
    "status",
    "state",
    "owner",
  ],
  modelArtifact: [
    ...ARTIFACT_NAMES,
    "modelFormatName",
    "modelFormatVersion",
    "storageKey",
    "storagePath",
    "serviceAccountName",
    "modelSourceKind",
    "modelSourceClass",
    "modelSourceGroup",
    "modelSourceId",
    "modelSourceName",
  ],
  artifact: [],
  docArtifact: ARTIFACT_NAMES,
  dataSet: [...ARTIFACT_NAMES, "digest", "sourceType", "source", "schema", "profile"],
  metric: [...ARTIFACT_NAMES, "value", "timestamp", "step"],
  metricHistory: [],
  parameter: [...ARTIFACT_NAMES, "value", "parameterType"],
  serveModel: [
    ...COMMON_NAMES,
    "lastKnownState",
    "modelVersionId",
    "inferenceServiceId",
    "registeredModelId",
    "servingEnvironmentId",
  ],
};

/**
 * The well-known names of a kind: the generic artifact list takes the model artifact's, metric
 * history takes the metric's.
 *
 * @internal
 */
export function wellKnownNames(kind: FilterEntityKind): readonly string[] {
  if (kind === "artifact") return WELL_KNOWN_NAMES.modelArtifact;
  if (kind === "metricHistory") return WELL_KNOWN_NAMES.metric;
  return WELL_KNOWN_NAMES[kind];
}
