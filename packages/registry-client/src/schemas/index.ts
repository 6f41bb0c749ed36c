export {
  ArtifactListSchema,
  ArtifactSchema,
  ArtifactStateSchema,
  DataSetSchema,
  DocArtifactSchema,
  MetricListSchema,
  MetricSchema,
  ModelArtifactListSchema,
  ModelArtifactSchema,
  ParameterSchema,
  ParameterTypeSchema,
} from "./artifact.js";
export {
  ExperimentListSchema,
  ExperimentRunListSchema,
  ExperimentRunSchema,
  ExperimentRunStateSchema,
  ExperimentRunStatusSchema,
  ExperimentSchema,
  ExperimentStateSchema,
} from "./experiment.js";
export {
  CustomPropertiesSchema,
  MetadataBoolValueSchema,
  MetadataDoubleValueSchema,
  MetadataIntValueSchema,
  MetadataProtoValueSchema,
  MetadataStringValueSchema,
  MetadataStructValueSchema,
  MetadataValueSchema,
} from "./metadata-value.js";
export {
  ModelVersionListSchema,
  ModelVersionSchema,
  ModelVersionStateSchema,
  RegisteredModelListSchema,
  RegisteredModelSchema,
  RegisteredModelStateSchema,
  RegistryErrorBodySchema,
} from "./registered-model.js";
