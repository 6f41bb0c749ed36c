import { dict } from "../mapping/dict.js";
import { EXPERIMENT_NAME_PROPERTY } from "../mapping/experiment.js";
import { RESERVED_RUN_PROPERTIES } from "../mapping/run.js";
import { MlflowError } from "../mlflow-error.js";
import type { KeyValue, LogBatchInput, Metric } from "../types.js";
import type { TruncationOptions } from "../validation/index.js";
import {
  validateBatch,
  validateExperimentName,
  validateExperimentTag as validateExperimentTagValue,
  validateMetric,
  validateParam,
  validateRunId,
  validateTag,
} from "../validation/index.js";
import { listField, requireObject } from "../validation/messages.js";
import { checkStorableText } from "../validation/storable-text.js";
import { checkRunKeysFit } from "./registry-name-limits.js";

const ARTIFACT_LOCATION_MAX_LENGTH = 2048;

/** Checks an experiment name, artifact location and tags as MLflow does before creating. @internal */
export function validateExperimentCreate(
  name: unknown,
  artifactLocation: string | undefined,
  tags: Record<string, string>,
): void {
  validateExperimentName(name);
  if (artifactLocation !== undefined) {
    if (artifactLocation.startsWith("runs:")) {
      throw MlflowError.invalidParameterValue(
        `Artifact location cannot be a runs:/ URI. Given: '${artifactLocation}'`,
      );
    }
    checkStorableText("artifact_location", artifactLocation);
    if ([...artifactLocation].length > ARTIFACT_LOCATION_MAX_LENGTH) {
      throw MlflowError.invalidParameterValue(
        `Invalid artifact path length. The length of the artifact path cannot be greater than ${ARTIFACT_LOCATION_MAX_LENGTH} characters.`,
      );
    }
  }
  for (const [key, value] of Object.entries(tags)) validateExperimentTag({ key, value });
}

/** Checks an experiment tag (key ≤ 250, value ≤ 5000, never truncated). @internal */
export function validateExperimentTag(tag: KeyValue): KeyValue {
  if (tag.key === EXPERIMENT_NAME_PROPERTY) {
    throw MlflowError.invalidParameterValue(
      `The experiment tag key '${EXPERIMENT_NAME_PROPERTY}' is reserved: it holds the MLflow name of a renamed experiment.`,
    );
  }
  return validateExperimentTagValue(tag);
}

const RUN_STATUSES = new Set(["RUNNING", "SCHEDULED", "FINISHED", "FAILED", "KILLED"]);

/** Checks a run status string. @internal */
export function validateRunStatus(status: string): void {
  if (!RUN_STATUSES.has(status)) {
    throw MlflowError.invalidParameterValue(
      `Invalid value "${status}" for parameter 'status' supplied. It must be one of RUNNING, SCHEDULED, FINISHED, FAILED, KILLED.`,
    );
  }
}

/** Refuses the run custom-property keys that hold the store's data instead of tags. @internal */
export function checkReservedRunTag(key: string): void {
  if (RESERVED_RUN_PROPERTIES.has(key)) {
    throw MlflowError.invalidParameterValue(
      `The run tag key '${key}' is reserved: the Model Registry storage layout keeps run data under it.`,
    );
  }
}

/** Checks run tags given to createRun; returns them with over-long values truncated as MLflow does. @internal */
export function validateRunTags(
  tags: Record<string, string>,
  truncation: TruncationOptions = {},
): Record<string, string> {
  const out = dict<string>();
  for (const [key, value] of Object.entries(tags)) {
    checkReservedRunTag(key);
    const checked = validateTag({ key, value }, truncation);
    out[checked.key] = checked.value;
  }
  return out;
}

/** Smallest and largest metric step the registry stores (a 32-bit integer column). @internal */
export const REGISTRY_STEP_MIN = -2147483648;
/** @internal */
export const REGISTRY_STEP_MAX = 2147483647;

/**
 * Refuses a metric step the registry cannot store: it keeps steps as 32-bit integers and silently
 * wraps larger ones (MLflow allows 64-bit steps). `path` names the step in batches (`metrics[3]`).
 * @internal
 */
export function checkRegistryStep(metric: Metric, path = ""): void {
  const { step } = metric;
  if (step >= REGISTRY_STEP_MIN && step <= REGISTRY_STEP_MAX) return;
  const name = path === "" ? "step" : `${path}.step`;
  throw MlflowError.invalidParameterValue(
    `Invalid value ${String(step)} for parameter '${name}' supplied: metric '${metric.key}'. Model Registry stores metric steps as 32-bit integers, so the step must be between ${REGISTRY_STEP_MIN} and ${REGISTRY_STEP_MAX}.`,
  );
}

/** Checks one metric; `step` defaults to 0 and must fit the registry's 32-bit step. @internal */
export function validateMetricInput(metric: Metric): Metric {
  requireObject(metric, "metric", "");
  const withStep = { ...metric, step: metric.step ?? 0 };
  validateMetric(withStep);
  checkRegistryStep(withStep);
  return {
    key: withStep.key,
    value: withStep.value,
    timestamp: withStep.timestamp,
    step: withStep.step,
  };
}

/** Checks one param (value truncated to 6000 as MLflow does). @internal */
export function validateParamInput(param: KeyValue, truncation: TruncationOptions = {}): KeyValue {
  return validateParam(param, truncation);
}

/** Checks one run tag (value truncated to 8000 as MLflow does). @internal */
export function validateRunTagInput(tag: KeyValue, truncation: TruncationOptions = {}): KeyValue {
  const checked = validateTag(tag, truncation);
  checkReservedRunTag(checked.key);
  return checked;
}

/** Checks a batch; tags keep only the last value per key (MLflow: the last duplicate wins). @internal */
export function validateLogBatch(
  batch: LogBatchInput,
  truncation: TruncationOptions = {},
): {
  metrics: Metric[];
  params: KeyValue[];
  tags: KeyValue[];
} {
  requireObject(batch, "batch", "");
  const withSteps = {
    ...batch,
    metrics: listField(batch.metrics, "metrics").map((m) =>
      typeof m === "object" && m !== null ? { ...m, step: (m as Metric).step ?? 0 } : m,
    ) as Metric[],
  };
  const checked = validateBatch(withSteps, truncation);
  for (const tag of checked.tags) checkReservedRunTag(tag.key);
  checked.metrics.forEach((metric, i) => {
    checkRegistryStep(metric, `metrics[${i}]`);
  });
  const lastTags = new Map(checked.tags.map((tag) => [tag.key, tag.value]));
  return {
    metrics: checked.metrics,
    params: checked.params,
    tags: [...lastTags].map(([key, value]) => ({ key, value })),
  };
}

/**
 * Checks every item of a batch of any size (each metric, param and tag, and the registry's step
 * range) without the per-call size limits: what lets a batch that will be split into several
 * calls be refused whole before its first call. Over-long values are left to the calls (they may
 * be truncated there); duplicate param keys too. With `runId`, metric and param keys whose stored
 * names would not fit the registry's columns are refused too (see `checkRunKeysFit`).
 * @internal
 */
export function validateBatchItems(batch: LogBatchInput, runId?: string): void {
  requireObject(batch, "batch", "");
  const options = { truncateLongValues: true };
  listField(batch.metrics, "metrics").forEach((metric, index) => {
    const path = `metrics[${index}]`;
    requireObject(metric, "metric", path);
    const withStep = { ...metric, step: metric["step"] ?? 0 } as unknown as Metric;
    validateMetric(withStep, path);
    checkRegistryStep(withStep, path);
  });
  listField(batch.params, "params").forEach((param, index) => {
    validateParam(param as KeyValue, { ...options, path: `params[${index}]` });
  });
  listField(batch.tags, "tags").forEach((tag, index) => {
    validateTag(tag as KeyValue, { ...options, path: `tags[${index}]` });
  });
  if (runId !== undefined) {
    checkRunKeysFit(runId, {
      metrics: listField(batch.metrics, "metrics") as Metric[],
      params: listField(batch.params, "params") as KeyValue[],
    });
  }
}

/** Checks a run id's format as MLflow does for writes. @internal */
export function validateRunIdFormat(runId: string): void {
  validateRunId(runId);
}
