import { exceedsMaximumLengthMessage, invalidParameter } from "./messages.js";
import { codePointLength, truncateCodePoints } from "./python-format.js";

/** Options shared by the validators that may truncate long values, as MLflow does by default. @public */
export interface TruncationOptions {
  /**
   * Truncate over-long param and run-tag values instead of rejecting them (MLflow's
   * `MLFLOW_TRUNCATE_LONG_VALUES`).
   * @default true
   */
  truncateLongValues?: boolean;
  /** Receives MLflow's warning text when a value is truncated. */
  onWarning?: (message: string) => void;
}

/** `_validate_length_limit`: returns the value (truncated when allowed) or throws. @internal */
export function checkLengthLimit(
  entityName: string,
  limit: number,
  value: string,
  truncate?: TruncationOptions | false,
): string {
  if (codePointLength(value) <= limit) return value;
  if (truncate && truncate.truncateLongValues !== false) {
    truncate.onWarning?.(
      `${entityName} '${truncateCodePoints(value, 20)}...' (length ${codePointLength(value)}) exceeds the maximum length of ${limit} characters. The value will be truncated to ${limit} characters.`,
    );
    return truncateCodePoints(value, limit);
  }
  throw invalidParameter(exceedsMaximumLengthMessage(entityName, limit));
}
