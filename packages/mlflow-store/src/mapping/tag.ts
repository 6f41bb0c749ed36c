import type { MetadataValue } from "@model-registry/registry-client";
import { encodeBase64 } from "../base64.js";
import type { KeyValue } from "../types.js";
import { customPropertyTexts, stringCustomProperties } from "./custom-property-text.js";
import { dict } from "./dict.js";

/** MLflow tag map from registry custom properties, leaving out `reserved` keys. @internal */
export function tagsFromCustomProperties(
  map: Record<string, MetadataValue> | undefined,
  reserved: ReadonlySet<string> = new Set(),
): Record<string, string> {
  const tags = customPropertyTexts(map);
  for (const key of reserved) delete tags[key];
  return tags;
}

/** Registry custom properties (string values, the Python plugin's encoding) for MLflow tags. @internal */
export function customPropertiesFromTags(
  tags: Record<string, string>,
): Record<string, MetadataValue> {
  return stringCustomProperties(tags);
}

/** Tags given as a list (last wins) or a record, as a record. @internal */
export function tagRecord(
  tags: readonly KeyValue[] | Record<string, string> | undefined,
): Record<string, string> {
  if (tags === undefined) return {};
  if (Array.isArray(tags)) {
    const out = dict<string>();
    for (const tag of tags as readonly KeyValue[]) out[tag.key] = tag.value;
    return out;
  }
  return dict(tags as Record<string, string>);
}

/** Tags given as a list or a record, as a list. @internal */
export function tagList(
  tags: readonly KeyValue[] | Record<string, string> | undefined,
): KeyValue[] {
  if (tags === undefined) return [];
  if (Array.isArray(tags)) return [...(tags as readonly KeyValue[])];
  return Object.entries(tags as Record<string, string>).map(([key, value]) => ({ key, value }));
}

/**
 * A custom-property map read from the registry, made safe to send back in a PATCH: struct values
 * come back as plain JSON text but must be sent as base64, so they are re-encoded.
 * @internal
 */
export function resendable(
  map: Record<string, MetadataValue> | undefined,
): Record<string, MetadataValue> {
  const out = dict<MetadataValue>();
  for (const [key, value] of Object.entries(map ?? {})) {
    if (
      value.metadataType === "MetadataStructValue" &&
      value.struct_value.trimStart().startsWith("{")
    ) {
      out[key] = {
        ...value,
        struct_value: encodeBase64(value.struct_value),
      };
    } else {
      out[key] = value;
    }
  }
  return out;
}
