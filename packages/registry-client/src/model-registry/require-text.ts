import { RegistryError } from "../errors.js";
import type { RegisterModelOptions } from "./model-registry-types.js";

/** An `INVALID_ARGUMENT` error of the model-registry functions. @internal */
export function invalidArgument(message: string): RegistryError {
  return new RegistryError(message, { code: "INVALID_ARGUMENT" });
}

/** Throws `INVALID_ARGUMENT` unless `value` is a non-empty string. @internal */
export function requireText(value: unknown, what: string): asserts value is string {
  if (typeof value !== "string" || value === "") {
    throw invalidArgument(
      `${what} must be a non-empty string, got ${JSON.stringify(value) ?? "undefined"}`,
    );
  }
}

/** Checks the options every registration needs: `version`, `modelFormatName`, `modelFormatVersion`. @internal */
export function requireRegisterOptions(options: RegisterModelOptions): void {
  requireText(options?.version, "version");
  requireText(options.modelFormatName, "modelFormatName");
  requireText(options.modelFormatVersion, "modelFormatVersion");
}
