import type { KeyValue } from "../types.js";
import { checkLengthLimit } from "./length-limit.js";
import { invalidParameter, invalidValueMessage, missingValueMessage } from "./messages.js";
import { codePointLength } from "./python-format.js";
import { checkTagName } from "./validate-key-name.js";

/** MLflow's `MAX_MODEL_REGISTRY_TAG_KEY_LENGTH` / `…_VALUE_LENGTH`. */
const MAX_TAG_KEY = 250;
const MAX_TAG_VALUE = 5000;
const MAX_ALIAS = 255;
/** The registry stores names in a 255-character column. */
const MAX_REGISTRY_NAME = 255;

/**
 * MLflow's `_validate_model_name` (a non-empty string), plus the registry's limit of 255
 * characters per name.
 * @public
 */
export function validateRegisteredModelName(
  name: unknown,
  path: "name" | "new_name" = "name",
): asserts name is string {
  if (name === undefined || name === null || name === "") {
    throw invalidParameter(missingValueMessage(path));
  }
  if (typeof name !== "string") {
    throw invalidParameter(
      invalidValueMessage(path, name, "A registered model name must be a string."),
    );
  }
  if (codePointLength(name) > MAX_REGISTRY_NAME) {
    throw invalidParameter(
      invalidValueMessage(
        path,
        name,
        `Model Registry stores registered model names of at most ${MAX_REGISTRY_NAME} characters.`,
      ),
    );
  }
}

/**
 * A version argument as a string. MLflow's `_validate_model_version` wants an integer; versions
 * registered by other clients keep their (non-numeric) registry names, so any non-empty string is
 * accepted.
 * @public
 */
export function validateModelVersion(version: unknown): string {
  if (typeof version === "number" && Number.isSafeInteger(version)) return String(version);
  if (typeof version === "string" && version !== "") return version;
  throw invalidParameter(`Parameter 'version' must be an integer, got '${String(version)}'.`);
}

function checkTagValue(value: unknown): asserts value is string {
  if (typeof value !== "string") {
    throw invalidParameter(
      invalidValueMessage("value", value ?? null, "Tag value must be a string."),
    );
  }
}

/** MLflow's `_validate_registered_model_tag`: key rules, key ≤ 250, value ≤ 5000. @public */
export function validateRegisteredModelTag(tag: KeyValue): KeyValue {
  const { key, value } = tag as { key: unknown; value: unknown };
  checkTagName(key, "key");
  checkTagValue(value);
  checkLengthLimit("key", MAX_TAG_KEY, key);
  checkLengthLimit("value", MAX_TAG_VALUE, value);
  return { key, value };
}

/** MLflow's `_validate_model_version_tag` (the same limits). @public */
export function validateModelVersionTag(tag: KeyValue): KeyValue {
  return validateRegisteredModelTag(tag);
}

const ALIAS = /^[\p{L}\p{N}_-]*$/u;

/** MLflow's `_validate_model_alias_name`. @public */
export function validateModelAlias(alias: unknown): asserts alias is string {
  if (alias === undefined || alias === null || alias === "") {
    throw invalidParameter("Registered model alias name cannot be empty.");
  }
  if (typeof alias !== "string" || !ALIAS.test(alias)) {
    throw invalidParameter(
      `Invalid alias name: '${String(alias)}'. Names may only contain alphanumerics, underscores (_), and dashes (-).`,
    );
  }
  checkLengthLimit("Registered model alias name", MAX_ALIAS, alias);
  if (alias.toLowerCase() === "latest") {
    throw invalidParameter("'latest' alias name (case insensitive) is reserved.");
  }
  if (/^[vV]\d+$/.test(alias)) {
    throw invalidParameter(`Version alias name '${alias}' is reserved.`);
  }
}
