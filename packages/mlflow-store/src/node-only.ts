import { MlflowError } from "./mlflow-error.js";

/**
 * The error of a feature that needs Node.js (local files, a process), called in the universal
 * build (browsers, workers): `NOT_IMPLEMENTED`, naming the feature.
 * @internal
 */
export function needsNode(feature: string): MlflowError {
  return new MlflowError(
    `${feature} needs Node.js (it works with local files); it is not available in this runtime ` +
      "(the package's universal build, for browsers and workers)",
    "NOT_IMPLEMENTED",
  );
}
