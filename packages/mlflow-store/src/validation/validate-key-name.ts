import { invalidParameter, invalidValueMessage, missingValueMessage } from "./messages.js";
import { pythonRepr } from "./python-format.js";

/** MLflow's `^[/\w.\- :]*$` with Python's Unicode-aware `\w`. */
const VALID_NAME = /^[/\p{L}\p{N}_.\- :]*$/u;

const BAD_CHARACTER_MESSAGE =
  "Names may only contain alphanumerics, underscores (_), dashes (-), periods (.), spaces ( ), colon(:) and slashes (/).";

/** Python's `posixpath.normpath`. @internal */
export function posixNormpath(path: string): string {
  if (path === "") return ".";
  let initialSlashes = path.startsWith("/") ? 1 : 0;
  if (initialSlashes && path.startsWith("//") && !path.startsWith("///")) initialSlashes = 2;
  const parts: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (
      part !== ".." ||
      (initialSlashes === 0 && parts.length === 0) ||
      parts[parts.length - 1] === ".."
    ) {
      parts.push(part);
    } else if (parts.length > 0) {
      parts.pop();
    }
  }
  const joined = "/".repeat(initialSlashes) + parts.join("/");
  return joined || ".";
}

/** MLflow's `path_not_unique`: true when the name would resolve to another name as a file path. @public */
export function pathNotUnique(name: string): boolean {
  const norm = posixNormpath(name);
  return norm !== name || norm === "." || norm.startsWith("..") || norm.startsWith("/");
}

/** True when `name` is a valid MLflow metric/param/tag key. @public */
export function isValidKeyName(name: string): boolean {
  return VALID_NAME.test(name) && !pathNotUnique(name);
}

function checkNameRules(name: string, path: string): void {
  if (!VALID_NAME.test(name)) {
    throw invalidParameter(invalidValueMessage(path, name, BAD_CHARACTER_MESSAGE));
  }
  if (pathNotUnique(name)) {
    throw invalidParameter(
      invalidValueMessage(
        path,
        name,
        `Names may be treated as files in certain cases, and must not resolve to other names when treated as such. This name would resolve to ${pythonRepr(posixNormpath(name))}`,
      ),
    );
  }
}

/** `_validate_metric_name`. @internal */
export function checkMetricName(name: unknown, path: string): asserts name is string {
  if (name === null || name === undefined) {
    throw invalidParameter(
      invalidValueMessage(path, null, "Metric name cannot be None. A key name must be provided."),
    );
  }
  if (typeof name !== "string")
    throw invalidParameter(invalidValueMessage(path, name, BAD_CHARACTER_MESSAGE));
  checkNameRules(name, path);
}

/** `_validate_param_name`. @internal */
export function checkParamName(name: unknown, path: string): asserts name is string {
  if (name === null || name === undefined) {
    throw invalidParameter(invalidValueMessage(path, "", "A key name must be provided."));
  }
  if (typeof name !== "string")
    throw invalidParameter(invalidValueMessage(path, name, BAD_CHARACTER_MESSAGE));
  checkNameRules(name, path);
}

/** `_validate_tag_name`. @internal */
export function checkTagName(name: unknown, path: string): asserts name is string {
  if (name === null || name === undefined) throw invalidParameter(missingValueMessage(path));
  if (typeof name !== "string")
    throw invalidParameter(invalidValueMessage(path, name, BAD_CHARACTER_MESSAGE));
  checkNameRules(name, path);
}
