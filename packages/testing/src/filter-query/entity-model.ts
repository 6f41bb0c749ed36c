/**
 * How the server stores each REST entity (columns and typed properties) and which filter names
 * are "well-known" per entity kind. Entities arrive in their JSON API shape; this module maps
 * them back to the stored representation the server's SQL compares against.
 *
 * @internal
 */
import type { FilterEntityKind } from "./filter-entity-kind.js";

/** A typed value column of a property row. */
export type ValueColumn = "string_value" | "int_value" | "double_value" | "bool_value";

/** A stored SQL value: numbers for int/double/bool columns, strings for text, null for NULL. */
export type SqlValue = number | string | null;

export type EntityColumn =
  | "id"
  | "name"
  | "external_id"
  | "create_time_since_epoch"
  | "last_update_time_since_epoch"
  | "uri"
  | "state"
  | "last_known_state";

/** Where a well-known filter name points. */
export type WellKnownDefinition =
  | { readonly location: "column"; readonly column: EntityColumn; readonly valueType: ValueColumn }
  | { readonly location: "property"; readonly property: string; readonly valueType: ValueColumn };

type StorageGroup = "context" | "artifact" | "execution";

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

const COMMON_NAMES = [
  "id",
  "name",
  "externalId",
  "createTimeSinceEpoch",
  "lastUpdateTimeSinceEpoch",
];
const ARTIFACT_NAMES = [...COMMON_NAMES, "uri", "state", "experimentId", "experimentRunId"];

// Which names each REST entity treats as well-known; any other name is a custom property.
const ALLOWED: Readonly<Record<FilterEntityKind, readonly string[]>> = {
  registeredModel: [...COMMON_NAMES, "state", "owner"],
  modelVersion: [...COMMON_NAMES, "registeredModelId", "state", "author"],
  inferenceService: [
    ...COMMON_NAMES,
    "registeredModelId",
    "modelVersionId",
    "servingEnvironmentId",
    "runtime",
    "desiredState",
  ],
  servingEnvironment: COMMON_NAMES,
  experiment: [...COMMON_NAMES, "state", "owner"],
  experimentRun: [
    ...COMMON_NAMES,
    "experimentId",
    "startTimeSinceEpoch",
    "endTimeSinceEpoch",
    "status",
    "state",
    "owner",
  ],
  modelArtifact: [
    ...ARTIFACT_NAMES,
    "modelFormatName",
    "modelFormatVersion",
    "storageKey",
    "storagePath",
    "serviceAccountName",
    "modelSourceKind",
    "modelSourceClass",
    "modelSourceGroup",
    "modelSourceId",
    "modelSourceName",
  ],
  artifact: [],
  docArtifact: ARTIFACT_NAMES,
  dataSet: [...ARTIFACT_NAMES, "digest", "sourceType", "source", "schema", "profile"],
  metric: [...ARTIFACT_NAMES, "value", "timestamp", "step"],
  metricHistory: [],
  parameter: [...ARTIFACT_NAMES, "value", "parameterType"],
  serveModel: [
    ...COMMON_NAMES,
    "lastKnownState",
    "modelVersionId",
    "inferenceServiceId",
    "registeredModelId",
    "servingEnvironmentId",
  ],
};

function storageGroup(kind: FilterEntityKind): StorageGroup {
  switch (kind) {
    case "experiment":
    case "experimentRun":
    case "registeredModel":
    case "modelVersion":
    case "servingEnvironment":
    case "inferenceService":
      return "context";
    case "serveModel":
      return "execution";
    default:
      return "artifact";
  }
}

function allowedNames(kind: FilterEntityKind): readonly string[] {
  if (kind === "artifact") return ALLOWED.modelArtifact;
  if (kind === "metricHistory") return ALLOWED.metric;
  return ALLOWED[kind];
}

const WELL_KNOWN: ReadonlyMap<FilterEntityKind, ReadonlyMap<string, WellKnownDefinition>> = new Map(
  (Object.keys(ALLOWED) as FilterEntityKind[]).map((kind) => {
    const group = storageGroup(kind);
    const source =
      group === "context" ? CONTEXT_MAP : group === "artifact" ? ARTIFACT_MAP : EXECUTION_MAP;
    const entries = allowedNames(kind).map((name) => [name, source[name]] as const);
    return [
      kind,
      new Map(
        entries.filter((entry): entry is [string, WellKnownDefinition] => entry[1] !== undefined),
      ),
    ];
  }),
);

/** The definition of a well-known name for this kind, or undefined for a custom property. */
export function wellKnownDefinition(
  kind: FilterEntityKind,
  name: string,
): WellKnownDefinition | undefined {
  return WELL_KNOWN.get(kind)?.get(name);
}

/** Whether the kind stores names as `<parentId>:<name>` (every entity but the top-level ones). */
export function hasPrefixedNames(kind: FilterEntityKind): boolean {
  return kind !== "experiment" && kind !== "registeredModel" && kind !== "servingEnvironment";
}

/** Whether `state` is the artifact state column (an integer enum). */
export function isArtifactKind(kind: FilterEntityKind): boolean {
  return storageGroup(kind) === "artifact";
}

/** Artifact state names → stored integers. */
export const ARTIFACT_STATE_NUMBERS: Readonly<Record<string, number>> = {
  UNKNOWN: 0,
  PENDING: 1,
  LIVE: 2,
  MARKED_FOR_DELETION: 3,
  DELETED: 4,
  ABANDONED: 5,
  REFERENCE: 6,
};

const EXECUTION_STATE_NUMBERS: Readonly<Record<string, number>> = {
  UNKNOWN: 0,
  NEW: 1,
  RUNNING: 2,
  COMPLETE: 3,
  FAILED: 4,
  CACHED: 5,
  CANCELED: 6,
};

// ---------------------------------------------------------------------------------------------
// Stored values of an entity given in its JSON API shape.

type Entity = Record<string, unknown>;

function toNumber(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string" && value.trim() !== "") {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : null;
  }
  return null;
}

function toText(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}

function parentPrefix(kind: FilterEntityKind, entity: Entity): string {
  const parent =
    kind === "experimentRun"
      ? entity["experimentId"]
      : kind === "modelVersion"
        ? entity["registeredModelId"]
        : kind === "inferenceService"
          ? entity["servingEnvironmentId"]
          : kind === "serveModel"
            ? entity["inferenceServiceId"]
            : entity["experimentRunId"];
  return typeof parent === "string" || typeof parent === "number" ? String(parent) : "";
}

/**
 * The name as the server stores it. Top-level entities keep their name; child entities are
 * stored as `<parentId>:<name>` (the parent being the experiment, registered model, serving
 * environment, or for artifacts the run in `experimentRunId` when present); metric-history
 * records as `<runId>:<name>__<lastUpdateTimeSinceEpoch>`.
 */
export function defaultStoredName(kind: FilterEntityKind, entity: Entity): string | null {
  const name = toText(entity["name"]);
  if (name === null) return null;
  if (!hasPrefixedNames(kind)) return name;
  const prefix = parentPrefix(kind, entity);
  if (kind === "metricHistory") {
    const stamp = toText(entity["lastUpdateTimeSinceEpoch"]) ?? "";
    return `${prefix}:${name}__${stamp}`;
  }
  return `${prefix}:${name}`;
}

/** Reads an entity-table column. */
export function columnValue(
  kind: FilterEntityKind,
  column: EntityColumn,
  entity: Entity,
  storedName: (entity: Entity) => string | null,
): SqlValue {
  switch (column) {
    case "id":
      return toNumber(entity["id"]);
    case "name":
      return storedName(entity);
    case "external_id":
      return toText(entity["externalId"]);
    case "create_time_since_epoch":
      return toNumber(entity["createTimeSinceEpoch"]);
    case "last_update_time_since_epoch":
      return toNumber(entity["lastUpdateTimeSinceEpoch"]);
    case "uri":
      return toText(entity["uri"]);
    case "state": {
      const state = toText(entity["state"]);
      if (state === null || !isArtifactKind(kind)) return null;
      return ARTIFACT_STATE_NUMBERS[state] ?? null;
    }
    case "last_known_state": {
      const state = toText(entity["lastKnownState"]);
      return state === null ? null : (EXECUTION_STATE_NUMBERS[state] ?? null);
    }
  }
}

type BuiltIn = readonly [field: string, type: "string" | "int" | "double"];

const DESCRIPTION: Record<string, BuiltIn> = { description: ["description", "string"] };
const ARTIFACT_EXPERIMENT_KEYS: Record<string, BuiltIn> = {
  experiment_id: ["experimentId", "int"],
  experiment_run_id: ["experimentRunId", "int"],
};
const METRIC_PROPERTIES: Record<string, BuiltIn> = {
  ...DESCRIPTION,
  value: ["value", "double"],
  timestamp: ["timestamp", "string"],
  step: ["step", "int"],
  ...ARTIFACT_EXPERIMENT_KEYS,
};

// Built-in properties as stored: stored name → [JSON field, stored type].
const BUILT_INS: Readonly<Record<string, Record<string, BuiltIn>>> = {
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

const ARTIFACT_TYPES = [
  "model-artifact",
  "doc-artifact",
  "dataset-artifact",
  "metric",
  "parameter",
] as const;

const COLUMN_OF_TYPE: Readonly<Record<BuiltIn[1], ValueColumn>> = {
  string: "string_value",
  int: "int_value",
  double: "double_value",
};

function builtInOf(table: Record<string, BuiltIn> | undefined, name: string): BuiltIn | undefined {
  return table !== undefined && Object.hasOwn(table, name) ? table[name] : undefined;
}

/**
 * Compiles a test of "some property row stored under `name` has a non-NULL value in one of
 * `columns` that passes `test`". Rows are the entity's built-in property of that stored name and
 * its custom property of that name: the server's property conditions do not check which is which.
 */
export function propertyMatcher(
  kind: FilterEntityKind,
  name: string,
  columns: readonly ValueColumn[],
  test: (value: number | string) => boolean,
): (entity: Entity) => boolean {
  const wants = (column: ValueColumn): boolean => columns.includes(column);
  const checkBuiltIn = (builtIn: BuiltIn | undefined, entity: Entity): boolean => {
    if (builtIn === undefined || !wants(COLUMN_OF_TYPE[builtIn[1]])) return false;
    const raw = entity[builtIn[0]];
    if (builtIn[1] === "string") return typeof raw === "string" && test(raw);
    const number = toNumber(raw);
    return number !== null && test(number);
  };
  let builtInFor: (entity: Entity) => BuiltIn | undefined;
  if (kind === "metricHistory") {
    const fixed = builtInOf(METRIC_PROPERTIES, name);
    builtInFor = () => fixed;
  } else if (isArtifactKind(kind)) {
    const byType = new Map<unknown, BuiltIn | undefined>(
      ARTIFACT_TYPES.map((type) => [type, builtInOf(BUILT_INS[type], name)]),
    );
    builtInFor = (entity) => byType.get(entity["artifactType"]);
  } else {
    const fixed = builtInOf(BUILT_INS[kind], name);
    builtInFor = () => fixed;
  }
  const wantString = wants("string_value");
  const wantInt = wants("int_value");
  const wantDouble = wants("double_value");
  const wantBool = wants("bool_value");
  return (entity) => {
    if (checkBuiltIn(builtInFor(entity), entity)) return true;
    const map = entity["customProperties"];
    if (typeof map !== "object" || map === null || !Object.hasOwn(map, name)) return false;
    const metadata = (map as Record<string, unknown>)[name];
    if (typeof metadata !== "object" || metadata === null) return false;
    const value = metadata as Record<string, unknown>;
    switch (value["metadataType"]) {
      case "MetadataStringValue":
        return wantString && test(toText(value["string_value"]) ?? "");
      case "MetadataIntValue": {
        if (!wantInt) return false;
        const number = toNumber(value["int_value"]);
        return number !== null && test(number);
      }
      case "MetadataDoubleValue":
        return wantDouble && test(toNumber(value["double_value"]) ?? 0);
      case "MetadataBoolValue":
        return wantBool && test(value["bool_value"] === true ? 1 : 0);
      case "MetadataStructValue":
        return wantString && test(`mlmd-struct::${toText(value["struct_value"]) ?? ""}`);
      default:
        return false;
    }
  };
}
