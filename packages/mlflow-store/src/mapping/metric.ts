import type { Artifact, MetadataValue, MetricCreate } from "@model-registry/registry-client";
import type { Metric } from "../types.js";

/** Custom property marking a metric point whose MLflow value is NaN (stored as 0, like MLflow's SQL store). @internal */
export const METRIC_NAN_PROPERTY = "mlflow.isNaN";

/** The largest double, which MLflow's SQL store writes for +Infinity (and its negation for -Infinity). */
const MAX_DOUBLE = 1.7976931348623157e308;

type RegistryMetric = Extract<Artifact, { artifactType: "metric" }>;

/** The value the registry can hold for an MLflow metric value (JSON has no NaN or Infinity). @internal */
export function storedMetricValue(value: number): number {
  if (Number.isNaN(value)) return 0;
  if (value === Number.POSITIVE_INFINITY) return MAX_DOUBLE;
  if (value === Number.NEGATIVE_INFINITY) return -MAX_DOUBLE;
  return value;
}

/** The value MLflow reads back for `value` (±Infinity as ±max double, as the SQL store does). @internal */
export function readBackMetricValue(value: number): number {
  return Number.isNaN(value) ? Number.NaN : storedMetricValue(value);
}

/** Body of `POST /experiment_runs/{id}/artifacts` for one metric point (the Python plugin's layout). @internal */
export function toMetricCreate(metric: Metric): MetricCreate {
  const body: MetricCreate = {
    artifactType: "metric",
    name: metric.key,
    value: storedMetricValue(metric.value),
    step: metric.step,
    timestamp: String(metric.timestamp),
  };
  if (Number.isNaN(metric.value)) {
    const flag: MetadataValue = { metadataType: "MetadataBoolValue", bool_value: true };
    body.customProperties = { [METRIC_NAN_PROPERTY]: flag };
  }
  return body;
}

/** True for a registry artifact of type `metric`. @internal */
export function isMetricArtifact(artifact: Artifact): artifact is RegistryMetric {
  return artifact.artifactType === "metric";
}

/** Maps a registry metric artifact (or metric-history record) to an MLflow metric point. @internal */
export function metricFromArtifact(artifact: RegistryMetric): Metric {
  const nan = artifact.customProperties?.[METRIC_NAN_PROPERTY];
  const isNan = nan?.metadataType === "MetadataBoolValue" && nan.bool_value === true;
  const timestamp = Number(
    artifact.timestamp ?? artifact.lastUpdateTimeSinceEpoch ?? artifact.createTimeSinceEpoch ?? 0,
  );
  return {
    key: artifact.name ?? "",
    value: isNan ? Number.NaN : (artifact.value ?? 0),
    timestamp: Number.isFinite(timestamp) ? timestamp : 0,
    step: artifact.step ?? 0,
  };
}

/** Compares metric points by MLflow's "latest" rule: step, then timestamp, then value. @internal */
export function compareMetricPoints(a: Metric, b: Metric): number {
  if (a.step !== b.step) return a.step < b.step ? -1 : 1;
  if (a.timestamp !== b.timestamp) return a.timestamp < b.timestamp ? -1 : 1;
  const av = Number.isNaN(a.value) ? 0 : a.value;
  const bv = Number.isNaN(b.value) ? 0 : b.value;
  return av === bv ? 0 : av < bv ? -1 : 1;
}

/** The identity of a metric point (MLflow's SQL store keeps one row per identity). @internal */
export function metricPointKey(metric: Metric): string {
  const value = Number.isNaN(metric.value) ? "NaN" : String(storedMetricValue(metric.value));
  return `${metric.key}\u0000${metric.step}\u0000${metric.timestamp}\u0000${value}`;
}
