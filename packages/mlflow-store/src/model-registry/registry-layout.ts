import type {
  MetadataValue,
  ModelArtifact,
  ModelVersion as RegistryModelVersion,
  RegisteredModel as RegistryRegisteredModel,
} from "@model-registry/registry-client";
import { customPropertyText, customPropertyTexts } from "../mapping/custom-property-text.js";
import { millis } from "../mapping/millis.js";
import { isRecord, parseJson } from "../mapping/parse-json.js";
import { resendable } from "../mapping/tag.js";
import { MlflowError } from "../mlflow-error.js";
import type { ModelVersion, ModelVersionStatus, RegisteredModel } from "./model-registry-types.js";

/**
 * Where MLflow-only data lives in the registry's custom properties. Everything else is a tag
 * (string values, the encoding the Python clients read as plain strings).
 * @internal
 */
export const REGISTRY_KEYS = {
  /** Registered model: its MLflow name when it differs from the registry name (rename, reuse). */
  modelName: "mlflow.registeredModelName",
  /** Registered model: JSON object alias → version. */
  aliases: "mlflow.aliases",
  /** Version: the source it was created from. */
  source: "mlflow.source",
  /** Version: the run that produced it. */
  runId: "mlflow.runId",
  /** Version: link to the run. */
  runLink: "mlflow.runLink",
  /** Version: the logged model it was created from. */
  modelId: "mlflow.modelId",
  /** Version: MLflow status when not READY (e.g. FAILED_REGISTRATION). */
  status: "mlflow.status",
  /** Version: the status message. */
  statusMessage: "mlflow.statusMessage",
} as const;

/** Custom properties of a registered model that are not tags. @internal */
export const RESERVED_MODEL_KEYS: ReadonlySet<string> = new Set([
  REGISTRY_KEYS.modelName,
  REGISTRY_KEYS.aliases,
]);

/** Custom properties of a version that are not tags. @internal */
export const RESERVED_VERSION_KEYS: ReadonlySet<string> = new Set([
  REGISTRY_KEYS.source,
  REGISTRY_KEYS.runId,
  REGISTRY_KEYS.runLink,
  REGISTRY_KEYS.modelId,
  REGISTRY_KEYS.status,
  REGISTRY_KEYS.statusMessage,
]);

/** MLflow's not-found error for a registered model. @internal */
export function registeredModelNotFound(name: string): MlflowError {
  return new MlflowError(`Registered Model with name=${name} not found`, "RESOURCE_DOES_NOT_EXIST");
}

/** MLflow's not-found error for a model version. @internal */
export function modelVersionNotFound(name: string, version: string): MlflowError {
  return new MlflowError(
    `Model Version (name=${name}, version=${version}) not found`,
    "RESOURCE_DOES_NOT_EXIST",
  );
}

/** Rejects a tag key the layout reserves (it would not read back as a tag). @internal */
export function checkTagKeyNotReserved(key: string, reserved: ReadonlySet<string>): void {
  if (reserved.has(key)) {
    throw MlflowError.invalidParameterValue(
      `Invalid tag key '${key}': it is reserved by the Model Registry storage layout.`,
    );
  }
}

/** The MLflow name of a registry registered model. @internal */
export function mlflowModelName(model: RegistryRegisteredModel): string {
  return customPropertyText(model.customProperties?.[REGISTRY_KEYS.modelName]) ?? model.name;
}

/** The aliases stored on a registry registered model (alias → version). @internal */
export function modelAliases(model: RegistryRegisteredModel): Record<string, string> {
  const parsed = parseJson(customPropertyText(model.customProperties?.[REGISTRY_KEYS.aliases]));
  if (!isRecord(parsed)) return {};
  const out: Record<string, string> = {};
  for (const [alias, version] of Object.entries(parsed)) {
    if (typeof version === "string" || typeof version === "number") out[alias] = String(version);
  }
  return out;
}

/** The alias property for `aliases` (removed when empty) applied to `properties`. @internal */
export function withAliases(
  properties: Record<string, MetadataValue>,
  aliases: Record<string, string>,
): Record<string, MetadataValue> {
  const out = { ...properties };
  if (Object.keys(aliases).length === 0) delete out[REGISTRY_KEYS.aliases];
  else
    out[REGISTRY_KEYS.aliases] = {
      metadataType: "MetadataStringValue",
      string_value: JSON.stringify(
        Object.fromEntries(Object.entries(aliases).sort(([a], [b]) => (a < b ? -1 : 1))),
      ),
    };
  return out;
}

function tagsOf(
  map: Record<string, MetadataValue> | undefined,
  reserved: ReadonlySet<string>,
): Record<string, string> {
  const tags = customPropertyTexts(map);
  for (const key of reserved) delete tags[key];
  return tags;
}

function orNull(value: string | undefined): string | null {
  return value === undefined ? null : value;
}

const STATUSES = new Set(["PENDING_REGISTRATION", "FAILED_REGISTRATION", "READY"]);

/**
 * True when the version's MLflow source is stored on the version (versions created through
 * MLflow); other versions take it from their model artifact.
 * @internal
 */
export function hasStoredSource(version: RegistryModelVersion): boolean {
  return version.customProperties?.[REGISTRY_KEYS.source] !== undefined;
}

/**
 * Maps a registry version to MLflow's. `artifact` (the version's model artifact) supplies the
 * source of versions registered by other clients.
 * @internal
 */
export function toMlflowModelVersion(
  version: RegistryModelVersion,
  model: RegistryRegisteredModel,
  artifact?: ModelArtifact | null,
): ModelVersion {
  const props = customPropertyTexts(version.customProperties);
  const status = props[REGISTRY_KEYS.status];
  const aliases = Object.entries(modelAliases(model))
    .filter(([, target]) => target === version.name)
    .map(([alias]) => alias)
    .sort();
  return {
    name: mlflowModelName(model),
    version: version.name,
    creationTimestamp: millis(version.createTimeSinceEpoch) ?? 0,
    lastUpdatedTimestamp: millis(version.lastUpdateTimeSinceEpoch),
    description: orNull(version.description),
    userId: orNull(version.author),
    currentStage: "None",
    source: props[REGISTRY_KEYS.source] ?? artifact?.uri ?? "",
    runId: orNull(props[REGISTRY_KEYS.runId]),
    runLink: orNull(props[REGISTRY_KEYS.runLink]),
    status: status !== undefined && STATUSES.has(status) ? (status as ModelVersionStatus) : "READY",
    statusMessage: orNull(props[REGISTRY_KEYS.statusMessage]),
    tags: tagsOf(version.customProperties, RESERVED_VERSION_KEYS),
    aliases,
    modelId: orNull(props[REGISTRY_KEYS.modelId]),
  };
}

/** Maps a registry registered model to MLflow's. @internal */
export function toMlflowRegisteredModel(
  model: RegistryRegisteredModel,
  latestVersions: ModelVersion[],
): RegisteredModel {
  return {
    name: mlflowModelName(model),
    creationTimestamp: millis(model.createTimeSinceEpoch) ?? 0,
    lastUpdatedTimestamp: millis(model.lastUpdateTimeSinceEpoch) ?? 0,
    description: orNull(model.description),
    latestVersions,
    tags: tagsOf(model.customProperties, RESERVED_MODEL_KEYS),
    aliases: modelAliases(model),
  };
}

/**
 * The custom properties a PATCH that changes other fields must carry: none, unless a struct value
 * is stored (the registry would re-read it from its JSON text as base64 and answer 400), then the
 * complete map re-encoded.
 * @internal
 */
export function structSafeProperties(map: Record<string, MetadataValue> | undefined): {
  customProperties?: Record<string, MetadataValue>;
} {
  const hasStruct = Object.values(map ?? {}).some(
    (value) => value.metadataType === "MetadataStructValue",
  );
  return hasStruct ? { customProperties: resendable(map) } : {};
}
