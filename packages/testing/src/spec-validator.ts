import { Ajv, type ValidateFunction } from "ajv";
import { findSpecPath, loadSpec } from "./spec/load-spec.js";
import { translateSchema } from "./spec/translate-schema.js";

/** A response to check: what `onResponse` receives. @public */
export interface ResponseToValidate {
  readonly method: string;
  /** The spec path key (null for paths the spec does not have). */
  readonly route: string | null;
  readonly status: number;
  readonly contentType: string | null;
  readonly body: unknown;
}

/** The outcome of a check. @public */
export interface ResponseValidation {
  readonly valid: boolean;
  readonly errors: string[];
  /** True when the spec lists no response for this route, method and status. */
  readonly undocumented: boolean;
}

/** Options of {@link createSpecValidator}. @public */
export interface SpecValidatorOptions {
  /** Path to `model-registry.yaml`. @defaultValue env `MODEL_REGISTRY_SPEC`, else `../shared/openapi/model-registry.yaml` found walking up from the cwd */
  readonly specPath?: string;
}

/** Validates response bodies against the spec's response schemas. @public */
export interface SpecValidator {
  validateResponse(response: ResponseToValidate): ResponseValidation;
}

type Json = Record<string, unknown>;

function responseSchemaRef(
  spec: Json,
  route: string,
  method: string,
  status: number,
): Json | undefined | null {
  const operation = ((spec["paths"] as Json)[route] as Json | undefined)?.[method.toLowerCase()] as
    | Json
    | undefined;
  let response = (operation?.["responses"] as Json | undefined)?.[String(status)] as
    | Json
    | undefined;
  if (!response) return undefined;
  const ref = response["$ref"];
  if (typeof ref === "string") {
    response = ((spec["components"] as Json)["responses"] as Json)[
      ref.split("/").pop() as string
    ] as Json;
  }
  const content = response?.["content"] as Json | undefined;
  const schema = (content?.["application/json"] as Json | undefined)?.["schema"] as
    | Json
    | undefined;
  return schema ?? null;
}

/**
 * Creates an ajv-based validator for the registry's response bodies. The OpenAPI 3.0 schemas are
 * translated for ajv (`nullable`, component `$ref`s, discriminated `oneOf`).
 * @public
 */
export function createSpecValidator(options: SpecValidatorOptions = {}): SpecValidator {
  const spec = loadSpec(findSpecPath(options.specPath));
  const schemas = (spec["components"] as Json)["schemas"] as Json;
  const definitions = Object.fromEntries(
    Object.entries(schemas).map(([name, schema]) => [name, translateSchema(schema)]),
  );
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema({ $id: "registry", definitions });
  const compiled = new Map<string, ValidateFunction | null>();

  return {
    validateResponse(response) {
      if (response.route === null) {
        return { valid: false, undocumented: true, errors: ["path is not in the spec"] };
      }
      const key = `${response.method} ${response.route} ${response.status}`;
      let validate = compiled.get(key);
      if (validate === undefined) {
        const schema = responseSchemaRef(spec, response.route, response.method, response.status);
        if (schema === undefined) {
          return {
            valid: false,
            undocumented: true,
            errors: [
              `the spec has no ${response.status} response for ${response.method} ${response.route}`,
            ],
          };
        }
        validate =
          schema === null
            ? null
            : ajv.compile({
                $ref: `registry${String((translateSchema(schema) as Json)["$ref"] ?? "")}`,
              });
        compiled.set(key, validate);
      }
      if (validate === null) return { valid: true, undocumented: false, errors: [] };
      const errors: string[] = [];
      if (!response.contentType?.startsWith("application/json")) {
        errors.push(`content type ${response.contentType} is not application/json`);
      }
      if (!validate(response.body)) {
        for (const error of validate.errors ?? []) {
          errors.push(`${error.instancePath || "/"} ${error.message ?? "is invalid"}`);
        }
      }
      return { valid: errors.length === 0, undocumented: false, errors };
    },
  };
}
