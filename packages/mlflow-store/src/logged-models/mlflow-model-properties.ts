import { MAX_CUSTOM_PROPERTY_KEY_LENGTH } from "@model-registry/registry-client";
import { MODEL_KEYS } from "../mapping/logged-model.js";
import { isRecord } from "../mapping/parse-json.js";
import { MlflowError } from "../mlflow-error.js";
import type { LoggedModelDescription } from "../types.js";

function json(value: unknown, what: string): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    throw MlflowError.invalidParameterValue(`${what} cannot be written as JSON.`, {
      cause: error,
    });
  }
  if (text === undefined) throw MlflowError.invalidParameterValue(`${what} has no JSON form.`);
  return text;
}

/**
 * Checks a model description before anything is written: at least one flavor, flavor names that
 * fit a custom-property key, configurations that are objects with a JSON form.
 * @internal
 */
export function validateLoggedModelDescription(description: LoggedModelDescription): void {
  const flavors = description?.flavors;
  if (!isRecord(flavors) || Object.keys(flavors).length === 0) {
    throw MlflowError.invalidParameterValue(
      "A model needs at least one flavor, e.g. { generic: {} }.",
    );
  }
  const longest = MAX_CUSTOM_PROPERTY_KEY_LENGTH - MODEL_KEYS.flavorPrefix.length;
  for (const [name, config] of Object.entries(flavors)) {
    if (name === "" || name.length > longest) {
      throw MlflowError.invalidParameterValue(
        `Invalid flavor name '${name.slice(0, 40)}': it must be 1 to ${longest} characters long.`,
      );
    }
    if (!isRecord(config)) {
      throw MlflowError.invalidParameterValue(
        `The configuration of flavor '${name}' must be an object, e.g. { ${name}: {} }.`,
      );
    }
    json(config, `The configuration of flavor '${name}'`);
  }
}

/**
 * The custom properties that describe an MLflow model on its logged model, in the Python
 * plugin's layout for recorded models: one `mlflow__flavor_NAME` per flavor (JSON of its
 * configuration), `mlflow__utc_time_created` and `mlflow__mlflow_version` when known. Registry
 * readers (`createModelVersion` from `models:/<id>`) take the model format from the flavors
 * without reading the MLmodel file. `mlflow__logged_model` is deliberately absent: it marks a
 * recorded MLmodel entry, which readers do not list as a logged model.
 * @internal
 */
export function mlflowModelProperties(
  description: LoggedModelDescription | undefined,
): Record<string, string> {
  if (description === undefined) return {};
  validateLoggedModelDescription(description);
  const properties: Record<string, string> = {};
  for (const [name, config] of Object.entries(description.flavors)) {
    properties[`${MODEL_KEYS.flavorPrefix}${name}`] = json(config, `Flavor '${name}'`);
  }
  if (description.utcTimeCreated !== undefined) {
    properties[MODEL_KEYS.utcTimeCreated] = description.utcTimeCreated;
  }
  if (description.mlflowVersion !== undefined) {
    properties[MODEL_KEYS.mlflowVersion] = description.mlflowVersion;
  }
  return properties;
}
