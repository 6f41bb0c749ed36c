import type { MetadataValue } from "@model-registry/registry-client";
import { dict } from "./dict.js";

/**
 * The text of one registry custom property as MLflow sees it: string values as-is, numbers and
 * booleans in their JavaScript text form, structs as JSON text. Proto values have no text form.
 * @internal
 */
export function customPropertyText(value: MetadataValue | undefined): string | undefined {
  if (value === undefined) return undefined;
  switch (value.metadataType) {
    case "MetadataStringValue":
      return value.string_value;
    case "MetadataIntValue":
      return value.int_value;
    case "MetadataDoubleValue":
      return String(value.double_value);
    case "MetadataBoolValue":
      return String(value.bool_value);
    case "MetadataStructValue":
      return value.struct_value;
    default:
      return undefined;
  }
}

/** Every custom property with a text form, decoded. @internal */
export function customPropertyTexts(
  map: Record<string, MetadataValue> | undefined,
): Record<string, string> {
  const out = dict<string>();
  for (const [key, value] of Object.entries(map ?? {})) {
    const text = customPropertyText(value);
    if (text !== undefined) out[key] = text;
  }
  return out;
}

/** Encodes plain strings as `MetadataStringValue`s, the Python plugin's encoding. @internal */
export function stringCustomProperties(
  values: Record<string, string>,
): Record<string, MetadataValue> {
  const out = dict<MetadataValue>();
  for (const [key, value] of Object.entries(values)) {
    out[key] = { metadataType: "MetadataStringValue", string_value: value };
  }
  return out;
}
