// Friendly names for the generated schema types. Each alias is exactly the generated type.
import type { components } from "./generated/schema.js";

type Schemas = components["schemas"];

/**
 * A registry artifact of any type (discriminated by `artifactType`), as the API returns it.
 * @public
 */
export type Artifact = Schemas["Artifact"];
/** The request body that creates a artifact of any type. @public */
export type ArtifactCreate = Schemas["ArtifactCreate"];
/** One page of artifact of any types: `items`, `size`, `pageSize` and `nextPageToken`. @public */
export type ArtifactList = Schemas["ArtifactList"];
/** The `state` values of an artifact. @public */
export type ArtifactState = Schemas["ArtifactState"];
/** The `artifactType` query parameter of the artifact list operations. @public */
export type ArtifactTypeQueryParam = Schemas["ArtifactTypeQueryParam"];
/** The request body that updates a artifact of any type (`PATCH`). @public */
export type ArtifactUpdate = Schemas["ArtifactUpdate"];
/** A registry dataset artifact, as the API returns it. @public */
export type DataSet = Schemas["DataSet"];
/** The request body that creates a dataset artifact. @public */
export type DataSetCreate = Schemas["DataSetCreate"];
/** The request body that updates a dataset artifact (`PATCH`). @public */
export type DataSetUpdate = Schemas["DataSetUpdate"];
/** A registry document artifact, as the API returns it. @public */
export type DocArtifact = Schemas["DocArtifact"];
/** The request body that creates a document artifact. @public */
export type DocArtifactCreate = Schemas["DocArtifactCreate"];
/** The request body that updates a document artifact (`PATCH`). @public */
export type DocArtifactUpdate = Schemas["DocArtifactUpdate"];
/** The `lastKnownState` values of a serve model. @public */
export type ExecutionState = Schemas["ExecutionState"];
/** A registry experiment, as the API returns it. @public */
export type Experiment = Schemas["Experiment"];
/** The request body that creates a experiment. @public */
export type ExperimentCreate = Schemas["ExperimentCreate"];
/** One page of experiments: `items`, `size`, `pageSize` and `nextPageToken`. @public */
export type ExperimentList = Schemas["ExperimentList"];
/** A registry experiment run, as the API returns it. @public */
export type ExperimentRun = Schemas["ExperimentRun"];
/** The request body that creates a experiment run. @public */
export type ExperimentRunCreate = Schemas["ExperimentRunCreate"];
/** One page of experiment runs: `items`, `size`, `pageSize` and `nextPageToken`. @public */
export type ExperimentRunList = Schemas["ExperimentRunList"];
/** The `state` values of an experiment run. @public */
export type ExperimentRunState = Schemas["ExperimentRunState"];
/** The `status` values of an experiment run. @public */
export type ExperimentRunStatus = Schemas["ExperimentRunStatus"];
/** The request body that updates a experiment run (`PATCH`). @public */
export type ExperimentRunUpdate = Schemas["ExperimentRunUpdate"];
/** The `state` values of an experiment. @public */
export type ExperimentState = Schemas["ExperimentState"];
/** The request body that updates a experiment (`PATCH`). @public */
export type ExperimentUpdate = Schemas["ExperimentUpdate"];
/** A registry inference service, as the API returns it. @public */
export type InferenceService = Schemas["InferenceService"];
/** The request body that creates a inference service. @public */
export type InferenceServiceCreate = Schemas["InferenceServiceCreate"];
/** One page of inference services: `items`, `size`, `pageSize` and `nextPageToken`. @public */
export type InferenceServiceList = Schemas["InferenceServiceList"];
/** The `state` values of an inference service (desired state). @public */
export type InferenceServiceState = Schemas["InferenceServiceState"];
/** The request body that updates a inference service (`PATCH`). @public */
export type InferenceServiceUpdate = Schemas["InferenceServiceUpdate"];
/** A boolean custom property value. @public */
export type MetadataBoolValue = Schemas["MetadataBoolValue"];
/** A double custom property value. @public */
export type MetadataDoubleValue = Schemas["MetadataDoubleValue"];
/** An integer custom property value (`int_value` as a decimal string). @public */
export type MetadataIntValue = Schemas["MetadataIntValue"];
/** A protocol-buffer custom property value (type URL and base64 payload). @public */
export type MetadataProtoValue = Schemas["MetadataProtoValue"];
/** A string custom property value. @public */
export type MetadataStringValue = Schemas["MetadataStringValue"];
/**
 * A struct custom property value (`struct_value`: JSON text in responses, base64 of JSON in
 * requests).
 * @public
 */
export type MetadataStructValue = Schemas["MetadataStructValue"];
/** Any custom property value, discriminated by `metadataType`. @public */
export type MetadataValue = Schemas["MetadataValue"];
/** A registry metric artifact, as the API returns it. @public */
export type Metric = Schemas["Metric"];
/** The request body that creates a metric artifact. @public */
export type MetricCreate = Schemas["MetricCreate"];
/** One page of metric artifacts: `items`, `size`, `pageSize` and `nextPageToken`. @public */
export type MetricList = Schemas["MetricList"];
/** The request body that updates a metric artifact (`PATCH`). @public */
export type MetricUpdate = Schemas["MetricUpdate"];
/** A registry model artifact, as the API returns it. @public */
export type ModelArtifact = Schemas["ModelArtifact"];
/** The request body that creates a model artifact. @public */
export type ModelArtifactCreate = Schemas["ModelArtifactCreate"];
/** One page of model artifacts: `items`, `size`, `pageSize` and `nextPageToken`. @public */
export type ModelArtifactList = Schemas["ModelArtifactList"];
/** The request body that updates a model artifact (`PATCH`). @public */
export type ModelArtifactUpdate = Schemas["ModelArtifactUpdate"];
/** A registry model version, as the API returns it. @public */
export type ModelVersion = Schemas["ModelVersion"];
/** The request body that creates a model version. @public */
export type ModelVersionCreate = Schemas["ModelVersionCreate"];
/** One page of model versions: `items`, `size`, `pageSize` and `nextPageToken`. @public */
export type ModelVersionList = Schemas["ModelVersionList"];
/** The `state` values of a model version. @public */
export type ModelVersionState = Schemas["ModelVersionState"];
/** The request body that updates a model version (`PATCH`). @public */
export type ModelVersionUpdate = Schemas["ModelVersionUpdate"];
/** The fields a list operation can order by. @public */
export type OrderByField = Schemas["OrderByField"];
/** A registry parameter artifact, as the API returns it. @public */
export type Parameter = Schemas["Parameter"];
/** The request body that creates a parameter artifact. @public */
export type ParameterCreate = Schemas["ParameterCreate"];
/** The `parameterType` values of a parameter artifact. @public */
export type ParameterType = Schemas["ParameterType"];
/** The request body that updates a parameter artifact (`PATCH`). @public */
export type ParameterUpdate = Schemas["ParameterUpdate"];
/** A registry registered model, as the API returns it. @public */
export type RegisteredModel = Schemas["RegisteredModel"];
/** The request body that creates a registered model. @public */
export type RegisteredModelCreate = Schemas["RegisteredModelCreate"];
/** One page of registered models: `items`, `size`, `pageSize` and `nextPageToken`. @public */
export type RegisteredModelList = Schemas["RegisteredModelList"];
/** The `state` values of a registered model. @public */
export type RegisteredModelState = Schemas["RegisteredModelState"];
/** The request body that updates a registered model (`PATCH`). @public */
export type RegisteredModelUpdate = Schemas["RegisteredModelUpdate"];
/**
 * A registry serve model (the action of serving a model version in an inference service), as the
 * API returns it.
 * @public
 */
export type ServeModel = Schemas["ServeModel"];
/** The request body that creates a serve model. @public */
export type ServeModelCreate = Schemas["ServeModelCreate"];
/** One page of serve models: `items`, `size`, `pageSize` and `nextPageToken`. @public */
export type ServeModelList = Schemas["ServeModelList"];
/** The request body that updates a serve model (`PATCH`). @public */
export type ServeModelUpdate = Schemas["ServeModelUpdate"];
/** A registry serving environment, as the API returns it. @public */
export type ServingEnvironment = Schemas["ServingEnvironment"];
/** The request body that creates a serving environment. @public */
export type ServingEnvironmentCreate = Schemas["ServingEnvironmentCreate"];
/** One page of serving environments: `items`, `size`, `pageSize` and `nextPageToken`. @public */
export type ServingEnvironmentList = Schemas["ServingEnvironmentList"];
/** The request body that updates a serving environment (`PATCH`). @public */
export type ServingEnvironmentUpdate = Schemas["ServingEnvironmentUpdate"];
/** The sort directions of a list operation (`ASC`, `DESC`). @public */
export type SortOrder = Schemas["SortOrder"];
/** The registry's JSON error body `{ code, message }`. @public */
export type RegistryErrorBody = Schemas["Error"];
/** The `artifactType` discriminator values. @public */
export type ArtifactType = Artifact["artifactType"];
/** The `metadataType` discriminator values. @public */
export type MetadataType = MetadataValue["metadataType"];
