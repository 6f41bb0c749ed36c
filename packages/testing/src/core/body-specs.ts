import {
  ARTIFACT_STATE,
  type ArtifactType,
  type BodySpec,
  EXECUTION_STATE,
  EXPERIMENT_RUN_STATE,
  EXPERIMENT_RUN_STATUS,
  EXPERIMENT_STATE,
  type FieldType,
  INFERENCE_SERVICE_STATE,
  INTEGER,
  MODEL_VERSION_STATE,
  NUMBER,
  PARAMETER_TYPE,
  PROPERTIES,
  REGISTERED_MODEL_STATE,
  STRING,
  STRING_ARRAY,
} from "./field-types.js";

const BASE_UPDATE = { customProperties: PROPERTIES, description: STRING, externalId: STRING };
const BASE_CREATE = { ...BASE_UPDATE, name: STRING };
const DATES = { id: STRING, createTimeSinceEpoch: STRING, lastUpdateTimeSinceEpoch: STRING };

function strict(
  typeName: string,
  fields: Record<string, FieldType>,
  defaults: Record<string, unknown> = {},
  required: string[] = [],
): BodySpec {
  return { typeName, fields, defaults, required, strict: true };
}

const EXPERIMENT_UPDATE_FIELDS = { ...BASE_UPDATE, owner: STRING, state: EXPERIMENT_STATE };
const RUN_UPDATE_FIELDS = {
  ...BASE_UPDATE,
  endTimeSinceEpoch: STRING,
  status: EXPERIMENT_RUN_STATUS,
  state: EXPERIMENT_RUN_STATE,
  owner: STRING,
};
const RUN_CREATE_FIELDS = {
  ...BASE_CREATE,
  ...RUN_UPDATE_FIELDS,
  experimentId: STRING,
  startTimeSinceEpoch: STRING,
};
const RUN_DEFAULTS = { status: "RUNNING", state: "LIVE" };
const MODEL_UPDATE_FIELDS = {
  ...BASE_UPDATE,
  owner: STRING,
  state: REGISTERED_MODEL_STATE,
  readme: STRING,
  maturity: STRING,
  language: STRING_ARRAY,
  tasks: STRING_ARRAY,
  provider: STRING,
  logo: STRING,
  license: STRING,
  licenseLink: STRING,
  libraryName: STRING,
};
const VERSION_UPDATE_FIELDS = { ...BASE_UPDATE, author: STRING, state: MODEL_VERSION_STATE };
const VERSION_CREATE_FIELDS = {
  ...BASE_CREATE,
  ...VERSION_UPDATE_FIELDS,
  registeredModelId: STRING,
};
const SERVICE_UPDATE_FIELDS = {
  ...BASE_UPDATE,
  modelVersionId: STRING,
  runtime: STRING,
  desiredState: INFERENCE_SERVICE_STATE,
};
const MODEL_ARTIFACT_FIELDS = {
  uri: STRING,
  state: ARTIFACT_STATE,
  modelFormatName: STRING,
  modelFormatVersion: STRING,
  storageKey: STRING,
  storagePath: STRING,
  serviceAccountName: STRING,
  modelSourceKind: STRING,
  modelSourceClass: STRING,
  modelSourceGroup: STRING,
  modelSourceId: STRING,
  modelSourceName: STRING,
};

/** Strict request bodies, by Go type name. @internal */
export const BODY_SPECS = {
  ExperimentCreate: strict(
    "ExperimentCreate",
    { ...BASE_CREATE, ...EXPERIMENT_UPDATE_FIELDS },
    { state: "LIVE" },
    ["name"],
  ),
  ExperimentUpdate: strict("ExperimentUpdate", EXPERIMENT_UPDATE_FIELDS, { state: "LIVE" }),
  ExperimentRunCreate: strict("ExperimentRunCreate", RUN_CREATE_FIELDS, RUN_DEFAULTS, [
    "experimentId",
  ]),
  ExperimentRun: strict("ExperimentRun", { ...RUN_CREATE_FIELDS, ...DATES }, RUN_DEFAULTS, [
    "experimentId",
  ]),
  ExperimentRunUpdate: strict("ExperimentRunUpdate", RUN_UPDATE_FIELDS, RUN_DEFAULTS),
  RegisteredModelCreate: strict(
    "RegisteredModelCreate",
    { ...BASE_CREATE, ...MODEL_UPDATE_FIELDS },
    { state: "LIVE" },
    ["name"],
  ),
  RegisteredModelUpdate: strict("RegisteredModelUpdate", MODEL_UPDATE_FIELDS, { state: "LIVE" }),
  ModelVersionCreate: strict("ModelVersionCreate", VERSION_CREATE_FIELDS, { state: "LIVE" }, [
    "name",
    "registeredModelId",
  ]),
  ModelVersion: strict("ModelVersion", { ...VERSION_CREATE_FIELDS, ...DATES }, { state: "LIVE" }, [
    "name",
    "registeredModelId",
  ]),
  ModelVersionUpdate: strict("ModelVersionUpdate", VERSION_UPDATE_FIELDS, { state: "LIVE" }),
  ServingEnvironmentCreate: strict("ServingEnvironmentCreate", BASE_CREATE, {}, ["name"]),
  ServingEnvironmentUpdate: strict("ServingEnvironmentUpdate", BASE_UPDATE),
  InferenceServiceCreate: strict(
    "InferenceServiceCreate",
    {
      ...BASE_CREATE,
      ...SERVICE_UPDATE_FIELDS,
      registeredModelId: STRING,
      servingEnvironmentId: STRING,
    },
    { desiredState: "DEPLOYED" },
    ["registeredModelId", "servingEnvironmentId"],
  ),
  InferenceServiceUpdate: strict("InferenceServiceUpdate", SERVICE_UPDATE_FIELDS, {
    desiredState: "DEPLOYED",
  }),
  ServeModelCreate: strict(
    "ServeModelCreate",
    { ...BASE_CREATE, modelVersionId: STRING, lastKnownState: EXECUTION_STATE },
    { lastKnownState: "UNKNOWN" },
    ["modelVersionId"],
  ),
  ModelArtifactCreate: strict(
    "ModelArtifactCreate",
    { ...BASE_CREATE, ...MODEL_ARTIFACT_FIELDS, artifactType: STRING },
    { artifactType: "model-artifact", state: "UNKNOWN" },
  ),
  ModelArtifactUpdate: strict(
    "ModelArtifactUpdate",
    { ...BASE_UPDATE, ...MODEL_ARTIFACT_FIELDS, artifactType: STRING },
    { artifactType: "model-artifact", state: "UNKNOWN" },
  ),
} as const satisfies Record<string, BodySpec>;

const TYPE_FIELDS: Record<ArtifactType, { goName: string; fields: Record<string, FieldType> }> = {
  "model-artifact": { goName: "ModelArtifact", fields: MODEL_ARTIFACT_FIELDS },
  "doc-artifact": { goName: "DocArtifact", fields: { uri: STRING, state: ARTIFACT_STATE } },
  "dataset-artifact": {
    goName: "DataSet",
    fields: {
      uri: STRING,
      state: ARTIFACT_STATE,
      digest: STRING,
      sourceType: STRING,
      source: STRING,
      schema: STRING,
      profile: STRING,
    },
  },
  metric: {
    goName: "Metric",
    fields: { value: NUMBER, timestamp: STRING, step: INTEGER, state: ARTIFACT_STATE },
  },
  parameter: {
    goName: "Parameter",
    fields: { value: STRING, parameterType: PARAMETER_TYPE, state: ARTIFACT_STATE },
  },
};

/** Which artifact oneOf body: the full `Artifact`, `ArtifactCreate` or `ArtifactUpdate`. @internal */
export type ArtifactBodyVariant = "full" | "create" | "update";

/** The lenient body spec of one concrete artifact type in one oneOf variant. @internal */
export function artifactBodySpec(type: ArtifactType, variant: ArtifactBodyVariant): BodySpec {
  const { goName, fields } = TYPE_FIELDS[type];
  const common =
    variant === "full"
      ? { ...BASE_CREATE, ...DATES, experimentId: STRING, experimentRunId: STRING }
      : variant === "create"
        ? BASE_CREATE
        : BASE_UPDATE;
  const suffix = variant === "full" ? "" : variant === "create" ? "Create" : "Update";
  return {
    typeName: `${goName}${suffix}`,
    fields: { ...common, ...fields, artifactType: STRING },
    strict: false,
  };
}
