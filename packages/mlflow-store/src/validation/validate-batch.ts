import type { KeyValue, LogBatchInput, Metric } from "../types.js";
import type { TruncationOptions } from "./length-limit.js";
import { MLFLOW_LIMITS } from "./limits.js";
import { invalidParameter, listField, requireObject } from "./messages.js";
import { pythonListRepr } from "./python-format.js";
import { validateMetric } from "./validate-metric.js";
import { validateParam } from "./validate-param.js";
import { validateTag } from "./validate-tag.js";

function checkBatchLimit(entityName: string, limit: number, length: number): void {
  if (length > limit) {
    throw invalidParameter(
      `A batch logging request can contain at most ${limit} ${entityName}. Got ${length} ${entityName}. Please split up ${entityName} across multiple requests and try again.`,
    );
  }
}

/** A batch after validation: params and tags possibly truncated. @public */
export interface ValidatedBatch {
  metrics: Metric[];
  params: KeyValue[];
  tags: KeyValue[];
}

/**
 * Validates a `logBatch` payload in MLflow's order: each metric, param and tag (paths
 * `metrics[i]`, `params[i]`, `tags[i]`), then the size limits (1000 metrics, 100 params, 100 tags,
 * 1000 in total), then duplicate param keys (rejected even with equal values).
 * @public
 */
export function validateBatch(
  batch: LogBatchInput,
  options: TruncationOptions = {},
): ValidatedBatch {
  requireObject(batch, "batch", "");
  const metrics = listField(batch.metrics, "metrics") as Metric[];
  const paramsIn = listField(batch.params, "params") as KeyValue[];
  const tagsIn = listField(batch.tags, "tags") as KeyValue[];
  metrics.forEach((metric, index) => {
    validateMetric(metric, `metrics[${index}]`);
  });
  const params = paramsIn.map((param, index) =>
    validateParam(param, { ...options, path: `params[${index}]` }),
  );
  const tags = tagsIn.map((tag, index) => validateTag(tag, { ...options, path: `tags[${index}]` }));
  checkBatchLimit("metrics", MLFLOW_LIMITS.MAX_METRICS_PER_BATCH, metrics.length);
  checkBatchLimit("params", MLFLOW_LIMITS.MAX_PARAMS_TAGS_PER_BATCH, params.length);
  checkBatchLimit("tags", MLFLOW_LIMITS.MAX_PARAMS_TAGS_PER_BATCH, tags.length);
  checkBatchLimit(
    "metrics, params, and tags",
    MLFLOW_LIMITS.MAX_ENTITIES_PER_BATCH,
    metrics.length + params.length + tags.length,
  );
  const seen = new Set<string>();
  const duplicates: string[] = [];
  for (const param of params) {
    if (seen.has(param.key)) duplicates.push(param.key);
    else seen.add(param.key);
  }
  if (duplicates.length > 0) {
    throw invalidParameter(
      `Duplicate parameter keys have been submitted: ${pythonListRepr(duplicates)}. Please ensure the request contains only one param value per param key.`,
    );
  }
  return { metrics: [...metrics], params, tags };
}
