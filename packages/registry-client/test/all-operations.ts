import type { RegistryClient } from "../src/index.js";

// One call per operation of the spec (56 operations over 34 paths), keyed "METHOD path".
// test/types/operations.test-d.ts proves at compile time that the keys are exactly the
// operations of the generated `paths`; test/operations.test.ts runs every call.

const id = "1";

export const ALL_OPERATIONS = {
  "GET /api/model_registry/v1alpha3/artifact": (c: RegistryClient) =>
    c.GET("/api/model_registry/v1alpha3/artifact", {
      params: { query: { name: "a", parentResourceId: "1" } },
    }), // findArtifact
  "GET /api/model_registry/v1alpha3/artifacts": (c: RegistryClient) =>
    c.GET("/api/model_registry/v1alpha3/artifacts", {
      params: { query: { artifactType: "metric", pageSize: "10" } },
    }), // getArtifacts
  "POST /api/model_registry/v1alpha3/artifacts": (c: RegistryClient) =>
    c.POST("/api/model_registry/v1alpha3/artifacts", {
      body: { artifactType: "metric", name: "loss", value: 0.1 },
    }), // createArtifact
  "GET /api/model_registry/v1alpha3/artifacts/{id}": (c: RegistryClient) =>
    c.GET("/api/model_registry/v1alpha3/artifacts/{id}", { params: { path: { id: id } } }), // getArtifact
  "PATCH /api/model_registry/v1alpha3/artifacts/{id}": (c: RegistryClient) =>
    c.PATCH("/api/model_registry/v1alpha3/artifacts/{id}", {
      params: { path: { id: id } },
      body: { artifactType: "metric", value: 0.2 },
    }), // updateArtifact
  "GET /api/model_registry/v1alpha3/experiment": (c: RegistryClient) =>
    c.GET("/api/model_registry/v1alpha3/experiment", { params: { query: { name: "exp" } } }), // findExperiment
  "GET /api/model_registry/v1alpha3/experiment_run": (c: RegistryClient) =>
    c.GET("/api/model_registry/v1alpha3/experiment_run", {
      params: { query: { name: "run", parentResourceId: "1" } },
    }), // findExperimentRun
  "GET /api/model_registry/v1alpha3/experiment_runs": (c: RegistryClient) =>
    c.GET("/api/model_registry/v1alpha3/experiment_runs"), // getExperimentRuns
  "POST /api/model_registry/v1alpha3/experiment_runs": (c: RegistryClient) =>
    c.POST("/api/model_registry/v1alpha3/experiment_runs", { body: { experimentId: "1" } }), // createExperimentRun
  "GET /api/model_registry/v1alpha3/experiment_runs/metric_history": (c: RegistryClient) =>
    c.GET("/api/model_registry/v1alpha3/experiment_runs/metric_history", {
      params: { query: { filterQuery: "name = 'loss'", pageSize: "10" } },
    }), // getExperimentRunsMetricHistory
  "GET /api/model_registry/v1alpha3/experiment_runs/{experimentrunId}": (c: RegistryClient) =>
    c.GET("/api/model_registry/v1alpha3/experiment_runs/{experimentrunId}", {
      params: { path: { experimentrunId: id } },
    }), // getExperimentRun
  "PATCH /api/model_registry/v1alpha3/experiment_runs/{experimentrunId}": (c: RegistryClient) =>
    c.PATCH("/api/model_registry/v1alpha3/experiment_runs/{experimentrunId}", {
      params: { path: { experimentrunId: id } },
      body: { status: "FINISHED", state: "LIVE" },
    }), // updateExperimentRun
  "GET /api/model_registry/v1alpha3/experiment_runs/{experimentrunId}/artifacts": (
    c: RegistryClient,
  ) =>
    c.GET("/api/model_registry/v1alpha3/experiment_runs/{experimentrunId}/artifacts", {
      params: { path: { experimentrunId: id } },
    }), // getExperimentRunArtifacts
  "POST /api/model_registry/v1alpha3/experiment_runs/{experimentrunId}/artifacts": (
    c: RegistryClient,
  ) =>
    c.POST("/api/model_registry/v1alpha3/experiment_runs/{experimentrunId}/artifacts", {
      params: { path: { experimentrunId: id } },
      body: { artifactType: "parameter", name: "lr", value: "0.1" },
    }), // upsertExperimentRunArtifact
  "GET /api/model_registry/v1alpha3/experiment_runs/{experimentrunId}/metric_history": (
    c: RegistryClient,
  ) =>
    c.GET("/api/model_registry/v1alpha3/experiment_runs/{experimentrunId}/metric_history", {
      params: { path: { experimentrunId: id } },
    }), // getExperimentRunMetricHistory
  "GET /api/model_registry/v1alpha3/experiments": (c: RegistryClient) =>
    c.GET("/api/model_registry/v1alpha3/experiments"), // getExperiments
  "POST /api/model_registry/v1alpha3/experiments": (c: RegistryClient) =>
    c.POST("/api/model_registry/v1alpha3/experiments", { body: { name: "exp" } }), // createExperiment
  "GET /api/model_registry/v1alpha3/experiments/{experimentId}": (c: RegistryClient) =>
    c.GET("/api/model_registry/v1alpha3/experiments/{experimentId}", {
      params: { path: { experimentId: id } },
    }), // getExperiment
  "PATCH /api/model_registry/v1alpha3/experiments/{experimentId}": (c: RegistryClient) =>
    c.PATCH("/api/model_registry/v1alpha3/experiments/{experimentId}", {
      params: { path: { experimentId: id } },
      body: { description: "d", state: "LIVE" },
    }), // updateExperiment
  "GET /api/model_registry/v1alpha3/experiments/{experimentId}/experiment_runs": (
    c: RegistryClient,
  ) =>
    c.GET("/api/model_registry/v1alpha3/experiments/{experimentId}/experiment_runs", {
      params: { path: { experimentId: id } },
    }), // getExperimentExperimentRuns
  "POST /api/model_registry/v1alpha3/experiments/{experimentId}/experiment_runs": (
    c: RegistryClient,
  ) =>
    c.POST("/api/model_registry/v1alpha3/experiments/{experimentId}/experiment_runs", {
      params: { path: { experimentId: id } },
      body: { experimentId: "1", name: "run" },
    }), // createExperimentExperimentRun
  "GET /api/model_registry/v1alpha3/inference_service": (c: RegistryClient) =>
    c.GET("/api/model_registry/v1alpha3/inference_service", {
      params: { query: { name: "isvc", parentResourceId: "1" } },
    }), // findInferenceService
  "GET /api/model_registry/v1alpha3/inference_services": (c: RegistryClient) =>
    c.GET("/api/model_registry/v1alpha3/inference_services"), // getInferenceServices
  "POST /api/model_registry/v1alpha3/inference_services": (c: RegistryClient) =>
    c.POST("/api/model_registry/v1alpha3/inference_services", {
      body: { registeredModelId: "1", servingEnvironmentId: "1" },
    }), // createInferenceService
  "GET /api/model_registry/v1alpha3/inference_services/{inferenceserviceId}": (c: RegistryClient) =>
    c.GET("/api/model_registry/v1alpha3/inference_services/{inferenceserviceId}", {
      params: { path: { inferenceserviceId: id } },
    }), // getInferenceService
  "PATCH /api/model_registry/v1alpha3/inference_services/{inferenceserviceId}": (
    c: RegistryClient,
  ) =>
    c.PATCH("/api/model_registry/v1alpha3/inference_services/{inferenceserviceId}", {
      params: { path: { inferenceserviceId: id } },
      body: { runtime: "vllm" },
    }), // updateInferenceService
  "GET /api/model_registry/v1alpha3/inference_services/{inferenceserviceId}/model": (
    c: RegistryClient,
  ) =>
    c.GET("/api/model_registry/v1alpha3/inference_services/{inferenceserviceId}/model", {
      params: { path: { inferenceserviceId: id } },
    }), // getInferenceServiceModel
  "GET /api/model_registry/v1alpha3/inference_services/{inferenceserviceId}/serves": (
    c: RegistryClient,
  ) =>
    c.GET("/api/model_registry/v1alpha3/inference_services/{inferenceserviceId}/serves", {
      params: { path: { inferenceserviceId: id } },
    }), // getInferenceServiceServes
  "POST /api/model_registry/v1alpha3/inference_services/{inferenceserviceId}/serves": (
    c: RegistryClient,
  ) =>
    c.POST("/api/model_registry/v1alpha3/inference_services/{inferenceserviceId}/serves", {
      params: { path: { inferenceserviceId: id } },
      body: { modelVersionId: "1" },
    }), // createInferenceServiceServe
  "GET /api/model_registry/v1alpha3/inference_services/{inferenceserviceId}/version": (
    c: RegistryClient,
  ) =>
    c.GET("/api/model_registry/v1alpha3/inference_services/{inferenceserviceId}/version", {
      params: { path: { inferenceserviceId: id } },
    }), // getInferenceServiceVersion
  "GET /api/model_registry/v1alpha3/model_artifact": (c: RegistryClient) =>
    c.GET("/api/model_registry/v1alpha3/model_artifact", {
      params: { query: { name: "m", parentResourceId: "1" } },
    }), // findModelArtifact
  "GET /api/model_registry/v1alpha3/model_artifacts": (c: RegistryClient) =>
    c.GET("/api/model_registry/v1alpha3/model_artifacts"), // getModelArtifacts
  "POST /api/model_registry/v1alpha3/model_artifacts": (c: RegistryClient) =>
    c.POST("/api/model_registry/v1alpha3/model_artifacts", {
      body: { artifactType: "model-artifact", uri: "s3://bucket/model" },
    }), // createModelArtifact
  "GET /api/model_registry/v1alpha3/model_artifacts/{modelartifactId}": (c: RegistryClient) =>
    c.GET("/api/model_registry/v1alpha3/model_artifacts/{modelartifactId}", {
      params: { path: { modelartifactId: id } },
    }), // getModelArtifact
  "PATCH /api/model_registry/v1alpha3/model_artifacts/{modelartifactId}": (c: RegistryClient) =>
    c.PATCH("/api/model_registry/v1alpha3/model_artifacts/{modelartifactId}", {
      params: { path: { modelartifactId: id } },
      body: { artifactType: "model-artifact", uri: "s3://bucket/model2" },
    }), // updateModelArtifact
  "GET /api/model_registry/v1alpha3/model_version": (c: RegistryClient) =>
    c.GET("/api/model_registry/v1alpha3/model_version", {
      params: { query: { name: "v1", parentResourceId: "1" } },
    }), // findModelVersion
  "GET /api/model_registry/v1alpha3/model_versions": (c: RegistryClient) =>
    c.GET("/api/model_registry/v1alpha3/model_versions"), // getModelVersions
  "POST /api/model_registry/v1alpha3/model_versions": (c: RegistryClient) =>
    c.POST("/api/model_registry/v1alpha3/model_versions", {
      body: { name: "v1", registeredModelId: "1" },
    }), // createModelVersion
  "GET /api/model_registry/v1alpha3/model_versions/{modelversionId}": (c: RegistryClient) =>
    c.GET("/api/model_registry/v1alpha3/model_versions/{modelversionId}", {
      params: { path: { modelversionId: id } },
    }), // getModelVersion
  "PATCH /api/model_registry/v1alpha3/model_versions/{modelversionId}": (c: RegistryClient) =>
    c.PATCH("/api/model_registry/v1alpha3/model_versions/{modelversionId}", {
      params: { path: { modelversionId: id } },
      body: { author: "me" },
    }), // updateModelVersion
  "GET /api/model_registry/v1alpha3/model_versions/{modelversionId}/artifacts": (
    c: RegistryClient,
  ) =>
    c.GET("/api/model_registry/v1alpha3/model_versions/{modelversionId}/artifacts", {
      params: { path: { modelversionId: id } },
    }), // getModelVersionArtifacts
  "POST /api/model_registry/v1alpha3/model_versions/{modelversionId}/artifacts": (
    c: RegistryClient,
  ) =>
    c.POST("/api/model_registry/v1alpha3/model_versions/{modelversionId}/artifacts", {
      params: { path: { modelversionId: id } },
      body: { artifactType: "doc-artifact", uri: "https://docs" },
    }), // upsertModelVersionArtifact
  "GET /api/model_registry/v1alpha3/registered_model": (c: RegistryClient) =>
    c.GET("/api/model_registry/v1alpha3/registered_model", {
      params: { query: { name: "model" } },
    }), // findRegisteredModel
  "GET /api/model_registry/v1alpha3/registered_models": (c: RegistryClient) =>
    c.GET("/api/model_registry/v1alpha3/registered_models"), // getRegisteredModels
  "POST /api/model_registry/v1alpha3/registered_models": (c: RegistryClient) =>
    c.POST("/api/model_registry/v1alpha3/registered_models", { body: { name: "model" } }), // createRegisteredModel
  "GET /api/model_registry/v1alpha3/registered_models/{registeredmodelId}": (c: RegistryClient) =>
    c.GET("/api/model_registry/v1alpha3/registered_models/{registeredmodelId}", {
      params: { path: { registeredmodelId: id } },
    }), // getRegisteredModel
  "PATCH /api/model_registry/v1alpha3/registered_models/{registeredmodelId}": (c: RegistryClient) =>
    c.PATCH("/api/model_registry/v1alpha3/registered_models/{registeredmodelId}", {
      params: { path: { registeredmodelId: id } },
      body: { owner: "me" },
    }), // updateRegisteredModel
  "GET /api/model_registry/v1alpha3/registered_models/{registeredmodelId}/versions": (
    c: RegistryClient,
  ) =>
    c.GET("/api/model_registry/v1alpha3/registered_models/{registeredmodelId}/versions", {
      params: { path: { registeredmodelId: id } },
    }), // getRegisteredModelVersions
  "POST /api/model_registry/v1alpha3/registered_models/{registeredmodelId}/versions": (
    c: RegistryClient,
  ) =>
    c.POST("/api/model_registry/v1alpha3/registered_models/{registeredmodelId}/versions", {
      params: { path: { registeredmodelId: id } },
      body: { name: "v2", registeredModelId: "1" },
    }), // createRegisteredModelVersion
  "GET /api/model_registry/v1alpha3/serving_environment": (c: RegistryClient) =>
    c.GET("/api/model_registry/v1alpha3/serving_environment", {
      params: { query: { name: "env" } },
    }), // findServingEnvironment
  "GET /api/model_registry/v1alpha3/serving_environments": (c: RegistryClient) =>
    c.GET("/api/model_registry/v1alpha3/serving_environments"), // getServingEnvironments
  "POST /api/model_registry/v1alpha3/serving_environments": (c: RegistryClient) =>
    c.POST("/api/model_registry/v1alpha3/serving_environments", { body: { name: "env" } }), // createServingEnvironment
  "GET /api/model_registry/v1alpha3/serving_environments/{servingenvironmentId}": (
    c: RegistryClient,
  ) =>
    c.GET("/api/model_registry/v1alpha3/serving_environments/{servingenvironmentId}", {
      params: { path: { servingenvironmentId: id } },
    }), // getServingEnvironment
  "PATCH /api/model_registry/v1alpha3/serving_environments/{servingenvironmentId}": (
    c: RegistryClient,
  ) =>
    c.PATCH("/api/model_registry/v1alpha3/serving_environments/{servingenvironmentId}", {
      params: { path: { servingenvironmentId: id } },
      body: { description: "d" },
    }), // updateServingEnvironment
  "GET /api/model_registry/v1alpha3/serving_environments/{servingenvironmentId}/inference_services":
    (c: RegistryClient) =>
      c.GET(
        "/api/model_registry/v1alpha3/serving_environments/{servingenvironmentId}/inference_services",
        { params: { path: { servingenvironmentId: id } } },
      ), // getEnvironmentInferenceServices
  "POST /api/model_registry/v1alpha3/serving_environments/{servingenvironmentId}/inference_services":
    (c: RegistryClient) =>
      c.POST(
        "/api/model_registry/v1alpha3/serving_environments/{servingenvironmentId}/inference_services",
        {
          params: { path: { servingenvironmentId: id } },
          body: { registeredModelId: "1", servingEnvironmentId: "2" },
        },
      ), // createEnvironmentInferenceService
} as const;
