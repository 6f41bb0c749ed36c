import { MlflowError } from "../mlflow-error.js";

function invalid(path: string, why: string): MlflowError {
  return MlflowError.invalidParameterValue(`Invalid artifact path '${path}': ${why}.`);
}

/**
 * Validates a relative artifact path and returns it normalised (`/`-separated, no `.` segments,
 * no repeated or trailing slashes; `""` is the root when `allowRoot`). Absolute paths, drive
 * letters, backslashes, NUL, and `..` segments are rejected with INVALID_PARAMETER_VALUE, as
 * MLflow's `validate_path_is_safe` rejects them, so nothing can reach outside the artifact root.
 * @public
 */
export function validateArtifactPath(path: string, options: { allowRoot?: boolean } = {}): string {
  if (typeof path !== "string") throw invalid(String(path), "it must be a string");
  if (path.includes("\0")) throw invalid(path, "it contains a NUL character");
  if (path.includes("\\")) throw invalid(path, "use '/' as the separator ('\\' is not allowed)");
  if (path.startsWith("/") || /^[a-zA-Z]:/.test(path) || /^[a-z][a-z0-9+.-]*:\/\//i.test(path)) {
    throw invalid(path, "it must be relative to the artifact root, not absolute");
  }
  const segments = path.split("/").filter((s) => s !== "" && s !== ".");
  if (segments.includes("..")) throw invalid(path, "'..' segments are not allowed");
  const normalised = segments.join("/");
  if (normalised === "" && !options.allowRoot) throw invalid(path, "it names no file");
  return normalised;
}

/** `a` and `b` joined with one `/` (either may be `""`). @internal */
export function joinArtifactPath(a: string, b: string): string {
  return a === "" ? b : b === "" ? a : `${a}/${b}`;
}
