import * as z from "zod";
import { baseResourceShape, listSchema } from "./base-resource.js";

/** Validates an artifact `state`. @public */
export const ArtifactStateSchema = z.enum([
  "UNKNOWN",
  "PENDING",
  "LIVE",
  "MARKED_FOR_DELETION",
  "DELETED",
  "ABANDONED",
  "REFERENCE",
]);

const baseArtifactShape = {
  ...baseResourceShape,
  experimentId: z.string().exactOptional(),
  experimentRunId: z.string().exactOptional(),
  state: ArtifactStateSchema.exactOptional(),
};

/** Validates a model artifact response. @public */
export const ModelArtifactSchema = z.object({
  ...baseArtifactShape,
  artifactType: z.literal("model-artifact"),
  modelFormatName: z.string().exactOptional(),
  storageKey: z.string().exactOptional(),
  storagePath: z.string().exactOptional(),
  modelFormatVersion: z.string().exactOptional(),
  serviceAccountName: z.string().exactOptional(),
  modelSourceKind: z.string().exactOptional(),
  modelSourceClass: z.string().exactOptional(),
  modelSourceGroup: z.string().exactOptional(),
  modelSourceId: z.string().exactOptional(),
  modelSourceName: z.string().exactOptional(),
  uri: z.string().exactOptional(),
});

/** Validates a document artifact response. @public */
export const DocArtifactSchema = z.object({
  ...baseArtifactShape,
  artifactType: z.literal("doc-artifact"),
  uri: z.string().exactOptional(),
});

/** Validates a dataset artifact response. @public */
export const DataSetSchema = z.object({
  ...baseArtifactShape,
  artifactType: z.literal("dataset-artifact"),
  digest: z.string().exactOptional(),
  sourceType: z.string().exactOptional(),
  source: z.string().exactOptional(),
  schema: z.string().exactOptional(),
  profile: z.string().exactOptional(),
  uri: z.string().exactOptional(),
});

/** Validates a metric artifact response. @public */
export const MetricSchema = z.object({
  ...baseArtifactShape,
  artifactType: z.literal("metric"),
  value: z.number().exactOptional(),
  timestamp: z.string().exactOptional(),
  step: z.number().exactOptional(),
});

/** Validates a parameter artifact's `parameterType`. @public */
export const ParameterTypeSchema = z.enum(["string", "number", "boolean", "object"]);

/** Validates a parameter artifact response. @public */
export const ParameterSchema = z.object({
  ...baseArtifactShape,
  artifactType: z.literal("parameter"),
  value: z.string().exactOptional(),
  parameterType: ParameterTypeSchema.exactOptional(),
});

/** Any artifact, discriminated by `artifactType`. @public */
export const ArtifactSchema = z.discriminatedUnion("artifactType", [
  ModelArtifactSchema,
  DocArtifactSchema,
  DataSetSchema,
  MetricSchema,
  ParameterSchema,
]);

/** Validates a page of artifacts of any type. @public */
export const ArtifactListSchema = listSchema(ArtifactSchema);
/** Validates a page of metric artifacts (e.g. a metric history). @public */
export const MetricListSchema = listSchema(MetricSchema);
/** Validates a page of model artifacts. @public */
export const ModelArtifactListSchema = listSchema(ModelArtifactSchema);
