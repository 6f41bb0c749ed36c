import { type DecodedProperties, decodeCustomProperties } from "./custom-properties.js";
import type { BodySpec, FieldType } from "./field-types.js";
import { decodeError, requiredField } from "./http-error.js";

/** A decoded body: present, non-null fields only (pre-filled defaults included). @internal */
export type DecodedBody = Record<string, unknown> & { customProperties?: DecodedProperties };

const GO_TYPES: Record<FieldType["kind"], string> = {
  string: "string",
  number: "float64",
  integer: "int64",
  boolean: "bool",
  stringArray: "[]string",
  enum: "",
  properties: "map[string]openapi.MetadataValue",
};

function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return "array";
  if (typeof value === "boolean") return "bool";
  return typeof value;
}

/** Parses JSON text, translating failures to Go's decoder messages. @internal */
export function parseJsonBody(text: string | null): unknown {
  if (text === null || text.trim() === "") throw decodeError("EOF");
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    if (position?.[1] === undefined) throw decodeError("unexpected EOF");
    const char = text[Number(position[1])] ?? "";
    throw decodeError(`invalid character '${char}' looking for beginning of value`);
  }
}

function decodeField(spec: BodySpec, name: string, type: FieldType, value: unknown): unknown {
  const mismatch = (kind = jsonKind(value), detail = "") => {
    const goType = type.kind === "enum" ? `openapi.${type.name}` : GO_TYPES[type.kind];
    return decodeError(
      `json: cannot unmarshal ${kind}${detail} into Go struct field ${spec.typeName}.${name} of type ${goType}`,
    );
  };
  switch (type.kind) {
    case "string":
      if (typeof value !== "string") throw mismatch();
      return value;
    case "number":
      if (typeof value !== "number" || !Number.isFinite(value)) throw mismatch();
      return value;
    case "integer":
      if (typeof value !== "number") throw mismatch();
      if (!Number.isInteger(value) || Math.abs(value) > 9.223372036854776e18) {
        throw mismatch("number", ` ${value}`);
      }
      return value;
    case "boolean":
      if (typeof value !== "boolean") throw mismatch();
      return value;
    case "stringArray":
      if (!Array.isArray(value)) throw mismatch();
      for (const item of value) {
        if (typeof item !== "string") throw mismatch(jsonKind(item));
      }
      return value;
    case "enum":
      if (typeof value !== "string") throw mismatch();
      if (!type.values.includes(value)) throw decodeError(`${value} is not a valid ${type.name}`);
      return value;
    case "properties":
      return decodeCustomProperties(value, spec.typeName);
  }
}

const FOLDED = new WeakMap<BodySpec, Map<string, string>>();

function foldedFields(spec: BodySpec): Map<string, string> {
  let folded = FOLDED.get(spec);
  if (!folded) {
    folded = new Map(Object.keys(spec.fields).map((name) => [name.toLowerCase(), name]));
    FOLDED.set(spec, folded);
  }
  return folded;
}

/**
 * Decodes a request body like the server's handlers: start from the pre-filled defaults, decode the
 * JSON over them (strict bodies reject unknown fields, lenient ones drop them; `null` unsets a
 * field), then run the required-field checks (422).
 * @internal
 */
export function decodeBody(spec: BodySpec, raw: unknown): DecodedBody {
  const result: Record<string, unknown> = {};
  if (raw !== null && (typeof raw !== "object" || Array.isArray(raw))) {
    throw decodeError(
      `json: cannot unmarshal ${jsonKind(raw)} into Go value of type openapi.${spec.typeName}`,
    );
  }
  const body = (raw ?? {}) as Record<string, unknown>;
  Object.assign(result, spec.defaults);
  for (const [key, value] of Object.entries(body)) {
    // Go's decoder prefers an exact key match, then a case-insensitive one.
    const name = Object.hasOwn(spec.fields, key) ? key : foldedFields(spec).get(key.toLowerCase());
    const type = name === undefined ? undefined : spec.fields[name];
    if (name === undefined || type === undefined) {
      if (spec.strict) throw decodeError(`json: unknown field "${key}"`);
      continue;
    }
    if (value === null) {
      delete result[name];
      continue;
    }
    result[name] = decodeField(spec, name, type, value);
  }
  for (const name of spec.required ?? []) {
    const value = result[name];
    if (value === undefined || value === "") throw requiredField(name);
  }
  return result as DecodedBody;
}
