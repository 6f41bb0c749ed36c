import { stringify } from "yaml";
import { MlflowError } from "../mlflow-error.js";

/**
 * YAML as MLflow (PyYAML `safe_dump`, YAML 1.1) writes it: block style, keys sorted, strings that
 * YAML 1.1 would read as another type (timestamps, `yes`/`no`…) quoted.
 * @internal
 */
export function toYaml(value: unknown): string {
  return stringify(value, { version: "1.1", sortMapEntries: true, indent: 2, lineWidth: 0 });
}

/**
 * MLflow `log_dict`'s file content: YAML for `.yaml`/`.yml` files, JSON (2-space indent) for
 * anything else.
 * @internal
 */
export function serializeDict(dictionary: unknown, artifactFile: string): string {
  if (typeof dictionary !== "object" || dictionary === null) {
    throw MlflowError.invalidParameterValue("logDict needs an object or an array to serialize.");
  }
  const extension = /\.[^./]*$/.exec(artifactFile)?.[0]?.toLowerCase();
  if (extension === ".yaml" || extension === ".yml") return toYaml(dictionary);
  return JSON.stringify(dictionary, null, 2);
}
