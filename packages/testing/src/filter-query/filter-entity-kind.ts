/**
 * Which property map a filter is resolved against. The server picks it per endpoint:
 *
 * - `experiment`, `experimentRun`, `registeredModel`, `modelVersion`: their list endpoints;
 * - `artifact`: artifact lists **without** an `artifactType` parameter, which the server resolves
 *   with the ModelArtifact map (same as `modelArtifact`);
 * - `modelArtifact`, `docArtifact`, `dataSet`, `metric`, `parameter`: artifact lists with that
 *   `artifactType` (see {@link filterEntityKindForArtifactType});
 * - `metricHistory`: both metric-history endpoints (Metric map, history records' stored names);
 * - `servingEnvironment`, `inferenceService`, `serveModel`: their endpoints ignore filterQuery on
 *   the server, but the maps exist and are provided for completeness.
 */
export type FilterEntityKind =
  | "experiment"
  | "experimentRun"
  | "registeredModel"
  | "modelVersion"
  | "servingEnvironment"
  | "inferenceService"
  | "serveModel"
  | "artifact"
  | "modelArtifact"
  | "docArtifact"
  | "dataSet"
  | "metric"
  | "parameter"
  | "metricHistory";

/** All kinds, in a stable order. */
export const FILTER_ENTITY_KINDS: readonly FilterEntityKind[] = [
  "experiment",
  "experimentRun",
  "registeredModel",
  "modelVersion",
  "servingEnvironment",
  "inferenceService",
  "serveModel",
  "artifact",
  "modelArtifact",
  "docArtifact",
  "dataSet",
  "metric",
  "parameter",
  "metricHistory",
];

const BY_ARTIFACT_TYPE: Readonly<Record<string, FilterEntityKind>> = {
  "model-artifact": "modelArtifact",
  "doc-artifact": "docArtifact",
  "dataset-artifact": "dataSet",
  metric: "metric",
  parameter: "parameter",
};

/**
 * The kind an artifact list uses for its filter, given its `artifactType` query parameter
 * (absent or empty → `artifact`, i.e. the ModelArtifact map). Returns `undefined` for a value the
 * server rejects.
 */
export function filterEntityKindForArtifactType(
  artifactType: string | undefined,
): FilterEntityKind | undefined {
  if (artifactType === undefined || artifactType === "") return "artifact";
  return BY_ARTIFACT_TYPE[artifactType];
}
