/**
 * A built-in property as stored: its JSON field and stored type.
 *
 * @internal
 */
export type BuiltIn = readonly [field: string, type: "string" | "int" | "double"];

const DESCRIPTION: Record<string, BuiltIn> = { description: ["description", "string"] };
const ARTIFACT_EXPERIMENT_KEYS: Record<string, BuiltIn> = {
  experiment_id: ["experimentId", "int"],
  experiment_run_id: ["experimentRunId", "int"],
};

/**
 * The built-in properties of a metric (also those of a metric-history record).
 *
 * @internal
 */
export const METRIC_PROPERTIES: Record<string, BuiltIn> = {
  ...DESCRIPTION,
  value: ["value", "double"],
  timestamp: ["timestamp", "string"],
  step: ["step", "int"],
  ...ARTIFACT_EXPERIMENT_KEYS,
};

/**
 * Built-in properties as stored, per entity kind (per `artifactType` for artifacts): stored
 * name → [JSON field, stored type].
 *
 * @internal
 */
export const BUILT_IN_PROPERTIES: Readonly<Record<string, Record<string, BuiltIn>>> = {
  experiment: { ...DESCRIPTION, owner: ["owner", "string"], state: ["state", "string"] },
  experimentRun: {
    ...DESCRIPTION,
    owner: ["owner", "string"],
    state: ["state", "string"],
    status: ["status", "string"],
    start_time_since_epoch: ["startTimeSinceEpoch", "string"],
    end_time_since_epoch: ["endTimeSinceEpoch", "string"],
    experiment_id: ["experimentId", "int"],
  },
  registeredModel: {
    ...DESCRIPTION,
    owner: ["owner", "string"],
    state: ["state", "string"],
    library_name: ["libraryName", "string"],
    license_link: ["licenseLink", "string"],
    license: ["license", "string"],
    logo: ["logo", "string"],
    maturity: ["maturity", "string"],
    provider: ["provider", "string"],
    readme: ["readme", "string"],
  },
  modelVersion: {
    ...DESCRIPTION,
    author: ["author", "string"],
    state: ["state", "string"],
    registered_model_id: ["registeredModelId", "int"],
  },
  servingEnvironment: DESCRIPTION,
  inferenceService: {
    ...DESCRIPTION,
    runtime: ["runtime", "string"],
    desired_state: ["desiredState", "string"],
    registered_model_id: ["registeredModelId", "int"],
    serving_environment_id: ["servingEnvironmentId", "int"],
    model_version_id: ["modelVersionId", "int"],
  },
  serveModel: { ...DESCRIPTION, model_version_id: ["modelVersionId", "int"] },
  "model-artifact": {
    ...DESCRIPTION,
    model_format_name: ["modelFormatName", "string"],
    model_format_version: ["modelFormatVersion", "string"],
    storage_key: ["storageKey", "string"],
    storage_path: ["storagePath", "string"],
    service_account_name: ["serviceAccountName", "string"],
    model_source_kind: ["modelSourceKind", "string"],
    model_source_class: ["modelSourceClass", "string"],
    model_source_group: ["modelSourceGroup", "string"],
    model_source_id: ["modelSourceId", "string"],
    model_source_name: ["modelSourceName", "string"],
    ...ARTIFACT_EXPERIMENT_KEYS,
  },
  "doc-artifact": { ...DESCRIPTION, ...ARTIFACT_EXPERIMENT_KEYS },
  "dataset-artifact": {
    ...DESCRIPTION,
    digest: ["digest", "string"],
    source_type: ["sourceType", "string"],
    source: ["source", "string"],
    schema: ["schema", "string"],
    profile: ["profile", "string"],
    ...ARTIFACT_EXPERIMENT_KEYS,
  },
  metric: METRIC_PROPERTIES,
  parameter: {
    ...DESCRIPTION,
    value: ["value", "string"],
    parameter_type: ["parameterType", "string"],
    ...ARTIFACT_EXPERIMENT_KEYS,
  },
};

/**
 * The built-in property stored under `name` in a table, if any.
 *
 * @internal
 */
export function builtInOf(
  table: Record<string, BuiltIn> | undefined,
  name: string,
): BuiltIn | undefined {
  return table !== undefined && Object.hasOwn(table, name) ? table[name] : undefined;
}
