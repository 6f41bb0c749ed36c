import type { MetadataValue, ModelArtifact } from "@model-registry/registry-client";
import { stringCustomProperties } from "../mapping/custom-property-text.js";
import { dict } from "../mapping/dict.js";
import { MLFLOW_KEY_PREFIX, PARAM_KEY_PREFIX } from "../mapping/logged-model.js";
import { resendable, tagList } from "../mapping/tag.js";
import { MlflowError } from "../mlflow-error.js";
import { checkLoggedModelParamKeyFits } from "../operations/registry-name-limits.js";
import type { KeyValue } from "../types.js";
import { validateLoggedModelParams, validateLoggedModelTags } from "../validation/index.js";

/**
 * Validated tags (MLflow's run-tag rules, last of a duplicate key wins) as a record; rejects tag
 * keys that the storage layout reserves (`mlflow__…`
 * holds MLflow fields and `param_…` holds params, so such a tag would not read back as a tag).
 * @internal
 */
export function modelTagRecord(
  tags: readonly KeyValue[] | Record<string, string> | undefined,
): Record<string, string> {
  const record = dict<string>();
  for (const tag of validateLoggedModelTags(tagList(tags))) record[tag.key] = tag.value;
  for (const key of Object.keys(record)) {
    if (key.startsWith(MLFLOW_KEY_PREFIX) || key.startsWith(PARAM_KEY_PREFIX)) {
      throw MlflowError.invalidParameterValue(
        `Invalid logged model tag key '${key}': keys starting with '${MLFLOW_KEY_PREFIX}' or '${PARAM_KEY_PREFIX}' are reserved by the Model Registry storage layout.`,
      );
    }
  }
  return record;
}

/**
 * Validated params (MLflow's param rules) as `param_KEY` texts; a key too long for the registry's
 * custom-property key column once prefixed (over 249 characters) is refused.
 * @internal
 */
export function paramProperties(
  params: readonly KeyValue[] | Record<string, string> | undefined,
): Record<string, string> {
  const out = dict<string>();
  validateLoggedModelParams(tagList(params)).forEach(({ key, value }, index) => {
    checkLoggedModelParamKeyFits(key, `params[${index}].key`);
    out[`${PARAM_KEY_PREFIX}${key}`] = value;
  });
  return out;
}

/**
 * The artifact's current custom properties (safe to send back) with `set` applied and `remove`
 * deleted: the complete map a registry write must carry.
 * @internal
 */
export function updatedProperties(
  artifact: ModelArtifact,
  set: Record<string, string>,
  remove: readonly string[] = [],
): Record<string, MetadataValue> {
  const map = dict(resendable(artifact.customProperties), stringCustomProperties(set));
  for (const key of remove) delete map[key];
  return map;
}
