import { decodeCustomProperties, encodeCustomProperties } from "../codec/custom-properties.js";
import { DoubleValue, IntValue } from "../codec/metadata-number.js";
import type { CustomPropertyValue } from "../codec/metadata-value.js";
import type {
  MetadataValue,
  ModelArtifact,
  ModelArtifactUpdate,
  ModelVersion,
  ModelVersionUpdate,
  RegisteredModel,
  RegisteredModelUpdate,
} from "../types.js";
import type {
  CustomProperties,
  ModelArtifactEntity,
  ModelVersionEntity,
  RegisteredModelEntity,
} from "./model-registry-types.js";

/**
 * Decodes custom properties to plain values that encode back to the same metadata types: ints and
 * non-integral doubles become numbers, an integral double stays a `DoubleValue` (a plain number
 * would be written back as an int).
 * @internal
 */
export function decodeProperties(map: Record<string, MetadataValue> | undefined): CustomProperties {
  const decoded = decodeCustomProperties(map, { preserveNumberTypes: true });
  const out: [string, CustomPropertyValue][] = [];
  for (const [key, value] of Object.entries(decoded)) {
    if (value instanceof IntValue) out.push([key, Number(value.value)]);
    else if (value instanceof DoubleValue && !Number.isInteger(value.value))
      out.push([key, value.value]);
    else out.push([key, value]);
  }
  return Object.fromEntries(out);
}

/** @internal */
export function toRegisteredModelEntity(model: RegisteredModel): RegisteredModelEntity {
  return {
    ...model,
    kind: "registered-model",
    id: model.id ?? "",
    state: model.state ?? "LIVE",
    customProperties: decodeProperties(model.customProperties),
  };
}

/** @internal */
export function toModelVersionEntity(version: ModelVersion): ModelVersionEntity {
  return {
    ...version,
    kind: "model-version",
    id: version.id ?? "",
    state: version.state ?? "LIVE",
    customProperties: decodeProperties(version.customProperties),
  };
}

/** @internal */
export function toModelArtifactEntity(artifact: ModelArtifact): ModelArtifactEntity {
  return {
    ...artifact,
    kind: "model-artifact",
    id: artifact.id ?? "",
    customProperties: decodeProperties(artifact.customProperties),
  };
}

/** Copies the fields of `source` named in `keys` that are set (the PATCH bodies are strict). */
function pick<T extends object, K extends string>(
  source: T,
  keys: readonly K[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const value = (source as Record<string, unknown>)[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}

const REGISTERED_MODEL_FIELDS = [
  "description",
  "externalId",
  "owner",
  "state",
  "readme",
  "maturity",
  "language",
  "tasks",
  "provider",
  "logo",
  "license",
  "licenseLink",
  "libraryName",
] as const;

const MODEL_VERSION_FIELDS = ["description", "externalId", "author", "state"] as const;

/**
 * The model artifact's optional storage and source fields, which `registerModel` takes from its
 * options as they are named.
 * @internal
 */
export const MODEL_ARTIFACT_SOURCE_FIELDS = [
  "storageKey",
  "storagePath",
  "serviceAccountName",
  "modelSourceKind",
  "modelSourceClass",
  "modelSourceGroup",
  "modelSourceId",
  "modelSourceName",
] as const;

const MODEL_ARTIFACT_FIELDS = [
  "description",
  "externalId",
  "uri",
  "state",
  "modelFormatName",
  "modelFormatVersion",
  ...MODEL_ARTIFACT_SOURCE_FIELDS,
] as const;

/**
 * The PATCH body of a registered model: its editable fields, its `state` (a PATCH without one
 * resets it to LIVE) and its complete custom properties (`{}` clears them).
 * @internal
 */
export function registeredModelUpdate(entity: RegisteredModelEntity): RegisteredModelUpdate {
  return {
    ...pick(entity, REGISTERED_MODEL_FIELDS),
    customProperties: encodeCustomProperties(entity.customProperties),
  } as RegisteredModelUpdate;
}

/** The PATCH body of a model version (see {@link registeredModelUpdate}). @internal */
export function modelVersionUpdate(entity: ModelVersionEntity): ModelVersionUpdate {
  return {
    ...pick(entity, MODEL_VERSION_FIELDS),
    customProperties: encodeCustomProperties(entity.customProperties),
  } as ModelVersionUpdate;
}

/**
 * The PATCH body of a model artifact. `PATCH /model_artifacts/{id}` resets an omitted `state` to
 * UNKNOWN, so the entity's state is always sent when it has one.
 * @internal
 */
export function modelArtifactUpdate(entity: ModelArtifactEntity): ModelArtifactUpdate {
  return {
    artifactType: "model-artifact",
    ...pick(entity, MODEL_ARTIFACT_FIELDS),
    customProperties: encodeCustomProperties(entity.customProperties),
  } as ModelArtifactUpdate;
}
