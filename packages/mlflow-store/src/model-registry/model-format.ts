import type { Artifact } from "@model-registry/registry-client";
import { customPropertyTexts } from "../mapping/custom-property-text.js";
import { MODEL_KEYS } from "../mapping/logged-model.js";
import { isRecord, parseJson } from "../mapping/parse-json.js";
import type { ModelFormat } from "./model-registry-types.js";

/**
 * The MLflow flavors recorded on a logged model's (or recorded MLmodel's) artifact: one
 * `mlflow__flavor_NAME` custom property per flavor (JSON of its configuration), else the
 * `flavors` of the MLmodel JSON in `mlflow__logged_model`. Insertion order is kept.
 * @internal
 */
export function flavorsOfArtifact(artifact: Artifact): Record<string, unknown> {
  const props = customPropertyTexts(artifact.customProperties);
  const flavors: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(props)) {
    if (key.startsWith(MODEL_KEYS.flavorPrefix) && key.length > MODEL_KEYS.flavorPrefix.length) {
      flavors[key.slice(MODEL_KEYS.flavorPrefix.length)] = parseJson(value) ?? value;
    }
  }
  if (Object.keys(flavors).length > 0) return flavors;
  const model = parseJson(props[MODEL_KEYS.loggedModel]);
  return isRecord(model) && isRecord(model["flavors"]) ? model["flavors"] : {};
}

/** The `flavors` of an MLmodel dictionary (empty when it has none). @internal */
export function flavorsOfMlmodel(
  mlmodel: Record<string, unknown> | undefined,
): Record<string, unknown> {
  const flavors = mlmodel?.["flavors"];
  return isRecord(flavors) ? flavors : {};
}

/** Flavors that only wrap another one (MLflow adds `python_function` to most models). */
const WRAPPERS = new Set(["python_function"]);

/**
 * The model format of an MLflow model from its flavors: the first flavor that is not the generic
 * `python_function` wrapper (else `python_function`), with the version its configuration records
 * as `<flavor>_version` (e.g. `sklearn_version`, `onnx_version`), else another `*_version` entry
 * that is not `python_version`. Undefined when there are no flavors.
 * @internal
 */
export function modelFormatFromFlavors(flavors: Record<string, unknown>): ModelFormat | undefined {
  const names = Object.keys(flavors);
  const name = names.find((flavor) => !WRAPPERS.has(flavor)) ?? names[0];
  if (name === undefined) return undefined;
  const config = flavors[name];
  if (!isRecord(config)) return { name };
  const versionKey =
    `${name}_version` in config
      ? `${name}_version`
      : Object.keys(config).find((key) => key.endsWith("_version") && key !== "python_version");
  const version = versionKey === undefined ? undefined : config[versionKey];
  return typeof version === "string" || typeof version === "number"
    ? { name, version: String(version) }
    : { name };
}
