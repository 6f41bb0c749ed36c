// Friendly names for the generated schema types. Each alias is exactly the generated type.
import type { components } from "./generated/schema.js";

type Schemas = components["schemas"];

/** @public */
export type Artifact = Schemas["Artifact"];
/** @public */
export type ArtifactCreate = Schemas["ArtifactCreate"];
/** @public */
export type ArtifactList = Schemas["ArtifactList"];
/** @public */
export type ArtifactState = Schemas["ArtifactState"];
/** @public */
export type ArtifactTypeQueryParam = Schemas["ArtifactTypeQueryParam"];
/** @public */
export type ArtifactUpdate = Schemas["ArtifactUpdate"];
/** @public */
export type DataSet = Schemas["DataSet"];
/** @public */
export type DataSetCreate = Schemas["DataSetCreate"];
/** @public */
export type DataSetUpdate = Schemas["DataSetUpdate"];
/** @public */
export type DocArtifact = Schemas["DocArtifact"];
/** @public */
export type DocArtifactCreate = Schemas["DocArtifactCreate"];
/** @public */
export type DocArtifactUpdate = Schemas["DocArtifactUpdate"];
/** @public */
export type ExecutionState = Schemas["ExecutionState"];
/** @public */
export type Experiment = Schemas["Experiment"];
/** @public */
export type ExperimentCreate = Schemas["ExperimentCreate"];
/** @public */
export type ExperimentList = Schemas["ExperimentList"];
/** @public */
export type ExperimentRun = Schemas["ExperimentRun"];
/** @public */
export type ExperimentRunCreate = Schemas["ExperimentRunCreate"];
/** @public */
export type ExperimentRunList = Schemas["ExperimentRunList"];
/** @public */
export type ExperimentRunState = Schemas["ExperimentRunState"];
/** @public */
export type ExperimentRunStatus = Schemas["ExperimentRunStatus"];
/** @public */
export type ExperimentRunUpdate = Schemas["ExperimentRunUpdate"];
/** @public */
export type ExperimentState = Schemas["ExperimentState"];
/** @public */
export type ExperimentUpdate = Schemas["ExperimentUpdate"];
/** @public */
export type InferenceService = Schemas["InferenceService"];
/** @public */
export type InferenceServiceCreate = Schemas["InferenceServiceCreate"];
/** @public */
export type InferenceServiceList = Schemas["InferenceServiceList"];
/** @public */
export type InferenceServiceState = Schemas["InferenceServiceState"];
/** @public */
export type InferenceServiceUpdate = Schemas["InferenceServiceUpdate"];
/** @public */
export type MetadataBoolValue = Schemas["MetadataBoolValue"];
/** @public */
export type MetadataDoubleValue = Schemas["MetadataDoubleValue"];
/** @public */
export type MetadataIntValue = Schemas["MetadataIntValue"];
/** @public */
export type MetadataProtoValue = Schemas["MetadataProtoValue"];
/** @public */
export type MetadataStringValue = Schemas["MetadataStringValue"];
/** @public */
export type MetadataStructValue = Schemas["MetadataStructValue"];
/** @public */
export type MetadataValue = Schemas["MetadataValue"];
/** @public */
export type Metric = Schemas["Metric"];
/** @public */
export type MetricCreate = Schemas["MetricCreate"];
/** @public */
export type MetricList = Schemas["MetricList"];
/** @public */
export type MetricUpdate = Schemas["MetricUpdate"];
/** @public */
export type ModelArtifact = Schemas["ModelArtifact"];
/** @public */
export type ModelArtifactCreate = Schemas["ModelArtifactCreate"];
/** @public */
export type ModelArtifactList = Schemas["ModelArtifactList"];
/** @public */
export type ModelArtifactUpdate = Schemas["ModelArtifactUpdate"];
/** @public */
export type ModelVersion = Schemas["ModelVersion"];
/** @public */
export type ModelVersionCreate = Schemas["ModelVersionCreate"];
/** @public */
export type ModelVersionList = Schemas["ModelVersionList"];
/** @public */
export type ModelVersionState = Schemas["ModelVersionState"];
/** @public */
export type ModelVersionUpdate = Schemas["ModelVersionUpdate"];
/** @public */
export type OrderByField = Schemas["OrderByField"];
/** @public */
export type Parameter = Schemas["Parameter"];
/** @public */
export type ParameterCreate = Schemas["ParameterCreate"];
/** @public */
export type ParameterType = Schemas["ParameterType"];
/** @public */
export type ParameterUpdate = Schemas["ParameterUpdate"];
/** @public */
export type RegisteredModel = Schemas["RegisteredModel"];
/** @public */
export type RegisteredModelCreate = Schemas["RegisteredModelCreate"];
/** @public */
export type RegisteredModelList = Schemas["RegisteredModelList"];
/** @public */
export type RegisteredModelState = Schemas["RegisteredModelState"];
/** @public */
export type RegisteredModelUpdate = Schemas["RegisteredModelUpdate"];
/** @public */
export type ServeModel = Schemas["ServeModel"];
/** @public */
export type ServeModelCreate = Schemas["ServeModelCreate"];
/** @public */
export type ServeModelList = Schemas["ServeModelList"];
/** @public */
export type ServeModelUpdate = Schemas["ServeModelUpdate"];
/** @public */
export type ServingEnvironment = Schemas["ServingEnvironment"];
/** @public */
export type ServingEnvironmentCreate = Schemas["ServingEnvironmentCreate"];
/** @public */
export type ServingEnvironmentList = Schemas["ServingEnvironmentList"];
/** @public */
export type ServingEnvironmentUpdate = Schemas["ServingEnvironmentUpdate"];
/** @public */
export type SortOrder = Schemas["SortOrder"];
/** The registry's JSON error body `{ code, message }`. @public */
export type RegistryErrorBody = Schemas["Error"];
/** The `artifactType` discriminator values. @public */
export type ArtifactType = Artifact["artifactType"];
/** The `metadataType` discriminator values. @public */
export type MetadataType = MetadataValue["metadataType"];
