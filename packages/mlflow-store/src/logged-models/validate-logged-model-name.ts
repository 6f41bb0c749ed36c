import { MlflowError } from "../mlflow-error.js";

const FORBIDDEN = ["/", ":", ".", "%", '"', "'"];

/**
 * MLflow's `_validate_logged_model_name`: `undefined` is allowed (a name is generated); otherwise
 * the name must be non-empty and free of `/ : . % " '`.
 * @internal
 */
export function validateLoggedModelName(name: string | undefined): void {
  if (name === undefined) return;
  if (name === "" || FORBIDDEN.some((c) => name.includes(c))) {
    throw MlflowError.invalidParameterValue(
      `Invalid model name ('${name}') provided. Model name must be a non-empty string and cannot contain the following characters: ('/', ':', '.', '%', '"', "'")`,
    );
  }
}
