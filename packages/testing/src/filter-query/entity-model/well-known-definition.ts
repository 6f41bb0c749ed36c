import type { FilterEntityKind } from "../filter-entity-kind.js";
import type { EntityColumn, ValueColumn } from "./sql-value.js";
import { storageGroup } from "./storage-group.js";
import { WELL_KNOWN_NAMES, wellKnownNames } from "./well-known-names.js";

/**
 * Where a well-known filter name points.
 *
 * @internal
 */
export type WellKnownDefinition =
  | { readonly location: "column"; readonly column: EntityColumn; readonly valueType: ValueColumn }
  | { readonly location: "property"; readonly property: string; readonly valueType: ValueColumn };

const col = (column: EntityColumn, valueType: ValueColumn): WellKnownDefinition => ({
  location: "column",
  column,
  valueType,
});
const prop = (property: string, valueType: ValueColumn): WellKnownDefinition => ({
  location: "property",
  property,
  valueType,
});

const COMMON: Record<string, WellKnownDefinition> = {
  id: col("id", "int_value"),
  name: col("name", "string_value"),
  externalId: col("external_id", "string_value"),
  createTimeSinceEpoch: col("create_time_since_epoch", "int_value"),
  lastUpdateTimeSinceEpoch: col("last_update_time_since_epoch", "int_value"),
};

const CONTEXT_MAP: Record<string, WellKnownDefinition> = {
  ...COMMON,
  registeredModelId: prop("registered_model_id", "int_value"),
  modelVersionId: prop("model_version_id", "int_value"),
  servingEnvironmentId: prop("serving_environment_id", "int_value"),
  experimentId: prop("experiment_id", "int_value"),
  runtime: prop("runtime", "string_value"),
  desiredState: prop("desired_state", "string_value"),
  state: prop("state", "string_value"),
  owner: prop("owner", "string_value"),
  author: prop("author", "string_value"),
  status: prop("status", "string_value"),
  endTimeSinceEpoch: prop("end_time_since_epoch", "string_value"),
  startTimeSinceEpoch: prop("start_time_since_epoch", "string_value"),
};

const ARTIFACT_MAP: Record<string, WellKnownDefinition> = {
  ...COMMON,
  uri: col("uri", "string_value"),
  state: col("state", "int_value"),
  modelFormatName: prop("model_format_name", "string_value"),
  modelFormatVersion: prop("model_format_version", "string_value"),
  storageKey: prop("storage_key", "string_value"),
  storagePath: prop("storage_path", "string_value"),
  serviceAccountName: prop("service_account_name", "string_value"),
  modelSourceKind: prop("model_source_kind", "string_value"),
  modelSourceClass: prop("model_source_class", "string_value"),
  modelSourceGroup: prop("model_source_group", "string_value"),
  modelSourceId: prop("model_source_id", "string_value"),
  modelSourceName: prop("model_source_name", "string_value"),
  value: prop("value", "double_value"),
  timestamp: prop("timestamp", "int_value"),
  step: prop("step", "int_value"),
  parameterType: prop("parameter_type", "string_value"),
  digest: prop("digest", "string_value"),
  sourceType: prop("source_type", "string_value"),
  source: prop("source", "string_value"),
  schema: prop("schema", "string_value"),
  profile: prop("profile", "string_value"),
  experimentId: prop("experiment_id", "int_value"),
  experimentRunId: prop("experiment_run_id", "int_value"),
};

const EXECUTION_MAP: Record<string, WellKnownDefinition> = {
  ...COMMON,
  lastKnownState: col("last_known_state", "int_value"),
  modelVersionId: prop("model_version_id", "int_value"),
  inferenceServiceId: prop("inference_service_id", "int_value"),
  registeredModelId: prop("registered_model_id", "int_value"),
  servingEnvironmentId: prop("serving_environment_id", "int_value"),
};

const WELL_KNOWN: ReadonlyMap<FilterEntityKind, ReadonlyMap<string, WellKnownDefinition>> = new Map(
  (Object.keys(WELL_KNOWN_NAMES) as FilterEntityKind[]).map((kind) => {
    const group = storageGroup(kind);
    const source =
      group === "context" ? CONTEXT_MAP : group === "artifact" ? ARTIFACT_MAP : EXECUTION_MAP;
    const entries = wellKnownNames(kind).map((name) => [name, source[name]] as const);
    return [
      kind,
      new Map(
        entries.filter((entry): entry is [string, WellKnownDefinition] => entry[1] !== undefined),
      ),
    ];
  }),
);

/**
 * The definition of a well-known name for this kind, or undefined for a custom property.
 *
 * @internal
 */
export function wellKnownDefinition(
  kind: FilterEntityKind,
  name: string,
): WellKnownDefinition | undefined {
  return WELL_KNOWN.get(kind)?.get(name);
}
