/** How one body field decodes (mirrors the Go type of the generated struct field). @internal */
export type FieldType =
  | { readonly kind: "string" }
  | { readonly kind: "number" }
  | { readonly kind: "integer" }
  | { readonly kind: "boolean" }
  | { readonly kind: "stringArray" }
  | { readonly kind: "enum"; readonly name: string; readonly values: readonly string[] }
  | { readonly kind: "properties" };

/** A request body type: its Go name, fields, required fields and pre-filled defaults. @internal */
export interface BodySpec {
  readonly typeName: string;
  readonly fields: Readonly<Record<string, FieldType>>;
  readonly required?: readonly string[];
  readonly defaults?: Readonly<Record<string, unknown>>;
  /** Strict bodies reject unknown fields; the artifact oneOf bodies drop them. */
  readonly strict: boolean;
}

/** @internal */
export const STRING: FieldType = { kind: "string" };
/** @internal */
export const NUMBER: FieldType = { kind: "number" };
/** @internal */
export const INTEGER: FieldType = { kind: "integer" };
/** @internal */
export const BOOLEAN: FieldType = { kind: "boolean" };
/** @internal */
export const STRING_ARRAY: FieldType = { kind: "stringArray" };
/** @internal */
export const PROPERTIES: FieldType = { kind: "properties" };

function enumType(name: string, values: readonly string[]): FieldType {
  return { kind: "enum", name, values };
}

/** @internal */
export const EXPERIMENT_STATE = enumType("ExperimentState", ["LIVE", "ARCHIVED"]);
/** @internal */
export const EXPERIMENT_RUN_STATE = enumType("ExperimentRunState", ["LIVE", "ARCHIVED"]);
/** @internal */
export const EXPERIMENT_RUN_STATUS = enumType("ExperimentRunStatus", [
  "RUNNING",
  "SCHEDULED",
  "FINISHED",
  "FAILED",
  "KILLED",
]);
/** @internal */
export const REGISTERED_MODEL_STATE = enumType("RegisteredModelState", ["LIVE", "ARCHIVED"]);
/** @internal */
export const MODEL_VERSION_STATE = enumType("ModelVersionState", ["LIVE", "ARCHIVED"]);
/** @internal */
export const ARTIFACT_STATE = enumType("ArtifactState", [
  "UNKNOWN",
  "PENDING",
  "LIVE",
  "MARKED_FOR_DELETION",
  "DELETED",
  "ABANDONED",
  "REFERENCE",
]);
/** @internal */
export const INFERENCE_SERVICE_STATE = enumType("InferenceServiceState", [
  "DEPLOYED",
  "UNDEPLOYED",
]);
/** @internal */
export const EXECUTION_STATE = enumType("ExecutionState", [
  "UNKNOWN",
  "NEW",
  "RUNNING",
  "COMPLETE",
  "FAILED",
  "CACHED",
  "CANCELED",
]);
/** @internal */
export const PARAMETER_TYPE = enumType("ParameterType", ["string", "number", "boolean", "object"]);

/** The artifact types accepted in `artifactType`. @internal */
export const ARTIFACT_TYPES = [
  "model-artifact",
  "doc-artifact",
  "dataset-artifact",
  "metric",
  "parameter",
] as const;

/** @internal */
export type ArtifactType = (typeof ARTIFACT_TYPES)[number];

/** @internal */
export function isArtifactType(value: unknown): value is ArtifactType {
  return typeof value === "string" && (ARTIFACT_TYPES as readonly string[]).includes(value);
}
