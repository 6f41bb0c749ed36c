import type { KeyValue, LoggedModelStatus } from "../types.js";
import type { TruncationOptions } from "./length-limit.js";
import { invalidParameter } from "./messages.js";
import { pythonRepr, safeString } from "./python-format.js";
import { checkStorableText } from "./storable-text.js";
import { validateParam } from "./validate-param.js";
import { validateTag } from "./validate-tag.js";

const BAD_MODEL_NAME_CHARS = ["/", ":", ".", "%", '"', "'"] as const;

/**
 * MLflow's `_validate_logged_model_name`: `undefined` is allowed (a random name is generated);
 * otherwise a non-empty string without `/ : . % " '`.
 * @public
 */
export function validateLoggedModelName(name: string | undefined | null): void {
  if (name === undefined || name === null) return;
  if (
    typeof name !== "string" ||
    name === "" ||
    BAD_MODEL_NAME_CHARS.some((c) => name.includes(c))
  ) {
    throw invalidParameter(
      `Invalid model name (${pythonRepr(safeString(name))}) provided. Model name must be a non-empty string and cannot contain the following characters: ('/', ':', '.', '%', '"', "'")`,
    );
  }
  checkStorableText("name", name);
}

/** Logged-model params follow the run param rules (as MLflow's file store checks them). @public */
export function validateLoggedModelParams(
  params: readonly KeyValue[],
  options: TruncationOptions = {},
): KeyValue[] {
  return params.map((param, index) =>
    validateParam(param, { ...options, path: `params[${index}]` }),
  );
}

/** Logged-model tags follow the run tag rules. @public */
export function validateLoggedModelTags(
  tags: readonly KeyValue[],
  options: TruncationOptions = {},
): KeyValue[] {
  return tags.map((tag, index) => validateTag(tag, { ...options, path: `tags[${index}]` }));
}

const STATUSES: readonly LoggedModelStatus[] = ["PENDING", "READY", "FAILED", "UNSPECIFIED"];

/** A logged-model status must be one of MLflow's `LoggedModelStatus` names. @public */
export function validateLoggedModelStatus(status: unknown): asserts status is LoggedModelStatus {
  if (!STATUSES.includes(status as LoggedModelStatus)) {
    throw invalidParameter(
      `Invalid logged model status ${pythonRepr(safeString(status))}. Expected one of ${STATUSES.join(", ")}.`,
    );
  }
}
