import type { MetadataValue } from "../types.js";
import { decodeBase64, encodeBase64 } from "./base64.js";
import { codecError, DoubleValue, INT32_MAX, INT32_MIN, IntValue } from "./metadata-number.js";

/**
 * A JSON object stored as `MetadataStructValue`.
 * @public
 */
export type StructValue = { readonly [key: string]: unknown };

/**
 * A plain JS value of a custom property. Numbers become `MetadataIntValue` when they are
 * integers within int32 and `MetadataDoubleValue` otherwise; use {@link int} / {@link double} to choose.
 * @public
 */
export type CustomPropertyValue = string | number | boolean | IntValue | DoubleValue | StructValue;

/**
 * Options of {@link decodeMetadataValue} and `decodeCustomProperties`.
 * @public
 */
export interface DecodeOptions {
  /** Return {@link IntValue}/{@link DoubleValue} instead of plain numbers, for exact round trips. @default false */
  readonly preserveNumberTypes?: boolean | undefined;
}

// The server's validation middleware rejects any body containing a NUL byte or the text \u0000.
const NUL = String.fromCharCode(0);

function checkText(text: string, what: string): void {
  if (text.includes(NUL) || text.includes("\\u0000")) {
    throw codecError(
      `${what} contains a NUL character or the text "\\u0000", which the registry rejects`,
    );
  }
}

function isPlainObject(value: unknown): value is StructValue {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function encodeStruct(value: StructValue): MetadataValue {
  let json: string;
  try {
    json = JSON.stringify(value);
  } catch (error) {
    throw codecError("struct value is not JSON-serialisable", error);
  }
  checkText(json, "struct value");
  // The server accepts a struct as base64 of its JSON text (and answers with the plain JSON text).
  return {
    metadataType: "MetadataStructValue",
    struct_value: encodeBase64(json),
  };
}

/**
 * Encodes one plain value as the registry's `MetadataValue` union.
 * @throws RegistryError `INVALID_CUSTOM_PROPERTY` for values the server would reject.
 * @public
 */
export function encodeMetadataValue(value: CustomPropertyValue): MetadataValue {
  if (typeof value === "string") {
    checkText(value, "string value");
    return { metadataType: "MetadataStringValue", string_value: value };
  }
  if (typeof value === "boolean") return { metadataType: "MetadataBoolValue", bool_value: value };
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw codecError(`number ${value} cannot be stored (not finite)`);
    const isInt32 = Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX;
    return isInt32 && !Object.is(value, -0)
      ? { metadataType: "MetadataIntValue", int_value: String(value) }
      : { metadataType: "MetadataDoubleValue", double_value: value };
  }
  if (value instanceof IntValue)
    return { metadataType: "MetadataIntValue", int_value: String(value.value) };
  if (value instanceof DoubleValue)
    return { metadataType: "MetadataDoubleValue", double_value: value.value };
  if (isPlainObject(value)) return encodeStruct(value);
  const kind = Array.isArray(value) ? "array" : value === null ? "null" : typeof value;
  throw codecError(
    `a ${kind} cannot be stored as a custom property (use a string, number, boolean or plain object)`,
  );
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function decodeStruct(text: string): StructValue {
  const trimmed = text.trim();
  let json = trimmed;
  // Responses carry the JSON text; requests (and echoes of them) carry base64 of it.
  if (!trimmed.startsWith("{")) {
    const compact = trimmed.replace(/\s+/g, "");
    if (!BASE64.test(compact)) throw codecError("struct_value is neither JSON nor base64");
    const decoded = decodeBase64(compact);
    if (decoded === undefined) throw codecError("struct_value is neither JSON nor base64");
    json = decoded;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw codecError("struct_value does not hold valid JSON", error);
  }
  if (!isPlainObject(parsed)) throw codecError("struct_value does not hold a JSON object");
  return parsed;
}

function decodeInt(text: unknown): number {
  if (typeof text !== "string" || !/^[+-]?\d+$/.test(text.trim())) {
    throw codecError(`int_value ${JSON.stringify(text)} is not a decimal integer string`);
  }
  const value = Number(text.trim());
  if (!Number.isSafeInteger(value)) throw codecError(`int_value ${text} is out of range`);
  return value;
}

/**
 * Decodes one `MetadataValue`. Struct values are accepted both as JSON text (what the server
 * returns) and as base64 of JSON (what is sent). `MetadataProtoValue` is rejected: the registry
 * does not support it.
 * @public
 */
export function decodeMetadataValue(
  value: MetadataValue,
  options: DecodeOptions = {},
): CustomPropertyValue {
  const raw = value as Record<string, unknown>;
  switch (value.metadataType) {
    case "MetadataStringValue":
      return typeof raw["string_value"] === "string" ? raw["string_value"] : "";
    case "MetadataBoolValue":
      return raw["bool_value"] === true;
    case "MetadataIntValue": {
      const n = decodeInt(raw["int_value"]);
      return options.preserveNumberTypes ? new IntValue(n) : n;
    }
    case "MetadataDoubleValue": {
      const n = typeof raw["double_value"] === "number" ? raw["double_value"] : 0;
      return options.preserveNumberTypes ? new DoubleValue(n) : n;
    }
    case "MetadataStructValue":
      return decodeStruct(typeof raw["struct_value"] === "string" ? raw["struct_value"] : "");
    case "MetadataProtoValue":
      throw codecError(
        "MetadataProtoValue is not supported: the Model Registry server rejects proto values",
      );
    default:
      throw codecError(`unknown metadataType ${JSON.stringify(raw["metadataType"])}`);
  }
}
