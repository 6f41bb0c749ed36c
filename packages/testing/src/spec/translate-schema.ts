type Json = Record<string, unknown>;

const DROPPED = new Set([
  "discriminator",
  "example",
  "examples",
  "xml",
  "externalDocs",
  "deprecated",
]);

/**
 * Translates an OpenAPI 3.0 schema object to JSON Schema for ajv:
 * - `$ref: #/components/schemas/X` → `#/definitions/X`;
 * - `nullable: true` → the type also admits `null`;
 * - `oneOf` + `discriminator` → a switch on the discriminator property (the members have no
 *   `additionalProperties: false`, so a plain oneOf would match several of them);
 * - OpenAPI-only keywords are dropped.
 * @internal
 */
export function translateSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(translateSchema);
  if (schema === null || typeof schema !== "object") return schema;
  const source = schema as Json;
  const discriminator = source["discriminator"] as
    | { propertyName: string; mapping?: Record<string, string> }
    | undefined;
  if (discriminator?.mapping && Array.isArray(source["oneOf"])) {
    return discriminatedSwitch(discriminator.propertyName, discriminator.mapping);
  }
  const result: Json = {};
  for (const [key, value] of Object.entries(source)) {
    if (DROPPED.has(key)) continue;
    if (key === "$ref" && typeof value === "string") {
      result[key] = value.replace("#/components/schemas/", "#/definitions/");
    } else if (key === "nullable") {
    } else if (key === "properties" && value && typeof value === "object") {
      result[key] = Object.fromEntries(
        Object.entries(value as Json).map(([name, sub]) => [name, translateSchema(sub)]),
      );
    } else {
      result[key] = translateSchema(value);
    }
  }
  if (source["nullable"] === true) {
    if (typeof result["type"] === "string") result["type"] = [result["type"], "null"];
    if (Array.isArray(result["enum"])) result["enum"] = [...result["enum"], null];
  }
  return result;
}

function discriminatedSwitch(property: string, mapping: Record<string, string>): Json {
  const values = Object.keys(mapping);
  return {
    type: "object",
    required: [property],
    properties: { [property]: { enum: values } },
    allOf: Object.entries(mapping).map(([value, ref]) => ({
      if: { properties: { [property]: { const: value } }, required: [property] },
      // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keyword.
      then: { $ref: ref.replace("#/components/schemas/", "#/definitions/") },
    })),
  };
}
