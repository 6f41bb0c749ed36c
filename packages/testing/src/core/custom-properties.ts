import { decodeBase64 } from "./base64.js";
import { decodeError, HttpError } from "./http-error.js";
import { parseInt32 } from "./int32.js";

/** A custom property as stored and returned (the server's output encoding). @internal */
export type StoredValue =
  | { metadataType: "MetadataStringValue"; string_value: string }
  | { metadataType: "MetadataIntValue"; int_value: string }
  | { metadataType: "MetadataDoubleValue"; double_value: number }
  | { metadataType: "MetadataBoolValue"; bool_value: boolean }
  | { metadataType: "MetadataStructValue"; struct_value: string };

/** @internal */
export type StoredProperties = Record<string, StoredValue>;

/** The experiment keys every entity hides from `customProperties`. @internal */
export interface HiddenProperties {
  experimentId?: string;
  experimentRunId?: string;
}

/** @internal */
export interface DecodedProperties {
  readonly visible: StoredProperties;
  readonly hidden: HiddenProperties;
}

const HIDDEN_KEYS: Record<string, keyof HiddenProperties> = {
  experiment_id: "experimentId",
  experiment_run_id: "experimentRunId",
};

function jsonKind(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "boolean") return "bool";
  return typeof value;
}

function field(
  raw: Record<string, unknown>,
  name: string,
  goType: string,
  typeName: string,
  expected: string,
): unknown {
  // Go's decoder matches field names case-insensitively (the discriminator is read exactly).
  const key = Object.hasOwn(raw, name)
    ? name
    : Object.keys(raw).find((candidate) => candidate.toLowerCase() === name);
  const value = key === undefined ? undefined : raw[key];
  if (value === undefined || value === null) return undefined;
  if (jsonKind(value) !== expected) {
    throw decodeError(
      `json: cannot unmarshal ${jsonKind(value)} into Go struct field ${typeName}.${name} of type ${goType}`,
    );
  }
  return value;
}

/**
 * Decodes Go's `StdEncoding` base64 strictly, with Go's error text.
 * @internal
 */
export function decodeBase64Strict(text: string): string {
  const invalid = text.search(/[^A-Za-z0-9+/=]/);
  if (invalid >= 0) throw new Error(`illegal base64 data at input byte ${invalid}`);
  const padding = text.indexOf("=");
  if (text.length % 4 !== 0 || (padding >= 0 && !/^=*$/.test(text.slice(padding)))) {
    throw new Error(`illegal base64 data at input byte ${padding >= 0 ? padding : text.length}`);
  }
  return decodeBase64(text);
}

function decodeStruct(key: string, base64: string): string {
  let text: string;
  try {
    text = decodeBase64Strict(base64);
  } catch (error) {
    throw new HttpError(400, `bad request: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new HttpError(400, `bad request: invalid struct value for ${key}: not JSON`);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new HttpError(400, `bad request: invalid struct value for ${key}: not a JSON object`);
  }
  return text.trim();
}

function decodeValue(key: string, raw: unknown): StoredValue {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw decodeError(
      `json: cannot unmarshal ${jsonKind(raw)} into Go value of type openapi.MetadataValue`,
    );
  }
  const value = raw as Record<string, unknown>;
  const type = value["metadataType"];
  switch (type) {
    case "MetadataStringValue": {
      const s = field(value, "string_value", "string", "MetadataStringValue", "string");
      return { metadataType: type, string_value: (s as string | undefined) ?? "" };
    }
    case "MetadataIntValue": {
      const s = field(value, "int_value", "string", "MetadataIntValue", "string");
      const parsed = parseInt32((s as string | undefined) ?? "");
      if (typeof parsed === "string") {
        throw new HttpError(400, `bad request: unable to decode as int64 for ${key}: ${parsed}`);
      }
      return { metadataType: type, int_value: String(parsed) };
    }
    case "MetadataDoubleValue": {
      const n = field(value, "double_value", "float64", "MetadataDoubleValue", "number");
      return { metadataType: type, double_value: (n as number | undefined) ?? 0 };
    }
    case "MetadataBoolValue": {
      const b = field(value, "bool_value", "bool", "MetadataBoolValue", "bool");
      return { metadataType: type, bool_value: (b as boolean | undefined) ?? false };
    }
    case "MetadataStructValue": {
      const s = field(value, "struct_value", "string", "MetadataStructValue", "string");
      return {
        metadataType: type,
        struct_value: decodeStruct(key, (s as string | undefined) ?? ""),
      };
    }
    default:
      throw new HttpError(
        400,
        `bad request: metadataType not found for ${key}: unsupported metadataType ${JSON.stringify(type ?? null)}`,
      );
  }
}

/**
 * Decodes a request's `customProperties` map into the stored (output) encoding. The experiment keys
 * are split off: a `MetadataIntValue` under them becomes hidden attribution, any other type vanishes.
 * @internal
 */
export function decodeCustomProperties(raw: unknown, typeName: string): DecodedProperties {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw decodeError(
      `json: cannot unmarshal ${jsonKind(raw)} into Go struct field ${typeName}.customProperties of type map[string]openapi.MetadataValue`,
    );
  }
  // No prototype: keys such as `__proto__` or `constructor` are ordinary property names.
  const visible: StoredProperties = Object.create(null);
  const hidden: HiddenProperties = {};
  for (const [key, value] of Object.entries(raw)) {
    const decoded = decodeValue(key, value);
    const hiddenKey = Object.hasOwn(HIDDEN_KEYS, key) ? HIDDEN_KEYS[key] : undefined;
    if (hiddenKey) {
      if (decoded.metadataType === "MetadataIntValue") hidden[hiddenKey] = decoded.int_value;
    } else {
      visible[key] = decoded;
    }
  }
  return { visible, hidden };
}

/**
 * The server re-feeds stored properties through its input decoder on every update that omits
 * `customProperties`; a stored struct (plain JSON text) then fails base64 decoding with a 400.
 * @internal
 */
export function assertRefeedable(stored: StoredProperties): void {
  for (const value of Object.values(stored)) {
    if (value.metadataType === "MetadataStructValue") {
      try {
        decodeBase64Strict(value.struct_value);
      } catch (error) {
        throw new HttpError(400, `bad request: ${(error as Error).message}`);
      }
    }
  }
}
