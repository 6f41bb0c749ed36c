import { RegistryError } from "../errors.js";
import type { MetadataValue } from "../types.js";
import { codecError } from "./metadata-number.js";
import {
  type CustomPropertyValue,
  type DecodeOptions,
  decodeMetadataValue,
  encodeMetadataValue,
} from "./metadata-value.js";

/** Longest custom-property key the registry stores. @public */
export const MAX_CUSTOM_PROPERTY_KEY_LENGTH = 255;

function withKey<T>(key: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof RegistryError) {
      throw codecError(
        `custom property "${key}": ${error.message.replace(/^\S+ /, "")}`,
        error.cause,
      );
    }
    throw error;
  }
}

/**
 * Encodes plain values as a `customProperties` map.
 * @example encodeCustomProperties({ framework: "pytorch", epochs: 10, lr: 0.01, config: { a: 1 } })
 * @throws RegistryError `INVALID_CUSTOM_PROPERTY` naming the offending key.
 * @public
 */
export function encodeCustomProperties(
  values: Readonly<Record<string, CustomPropertyValue>>,
): Record<string, MetadataValue> {
  // Object.fromEntries defines own properties, so a key like "__proto__" stays a plain key.
  const out: [string, MetadataValue][] = [];
  for (const [key, value] of Object.entries(values)) {
    if (key.length > MAX_CUSTOM_PROPERTY_KEY_LENGTH) {
      throw codecError(
        `custom property key "${key.slice(0, 40)}…" is longer than ${MAX_CUSTOM_PROPERTY_KEY_LENGTH} characters`,
      );
    }
    out.push([key, withKey(key, () => encodeMetadataValue(value))]);
  }
  return Object.fromEntries(out);
}

/**
 * Decodes a `customProperties` map (absent → `{}`) to plain values.
 * @public
 */
export function decodeCustomProperties(
  map: Readonly<Record<string, MetadataValue>> | undefined,
  options: DecodeOptions = {},
): Record<string, CustomPropertyValue> {
  return Object.fromEntries(
    Object.entries(map ?? {}).map(([key, value]) => [
      key,
      withKey(key, () => decodeMetadataValue(value, options)),
    ]),
  );
}
