/** The largest finite double; MLflow's SQL store stores ±Infinity as ±this value. @public */
export const MLFLOW_MAX_FLOAT = 1.7976931348623157e308;

/** A metric value in the form MLflow's SQL store persists. @public */
export interface StoredMetricValue {
  /** A finite number: NaN becomes 0, ±Infinity becomes ±1.7976931348623157e308. */
  value: number;
  /** True when the logged value was NaN. */
  isNan: boolean;
}

/**
 * MLflow's `sanitize_metric_value`: NaN is stored as `0` with a NaN flag, ±Infinity as
 * ±1.7976931348623157e308, so every stored value is JSON-safe.
 * @public
 */
export function sanitizeMetricValue(value: number): StoredMetricValue {
  if (Number.isNaN(value)) return { value: 0, isNan: true };
  if (value === Number.POSITIVE_INFINITY) return { value: MLFLOW_MAX_FLOAT, isNan: false };
  if (value === Number.NEGATIVE_INFINITY) return { value: -MLFLOW_MAX_FLOAT, isNan: false };
  return { value, isNan: false };
}

/** Reads a stored metric back as MLflow's SQL store does: NaN when flagged, else the value. @public */
export function restoreMetricValue(stored: StoredMetricValue): number {
  return stored.isNan ? Number.NaN : stored.value;
}
