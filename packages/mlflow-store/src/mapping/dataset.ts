import type { Artifact, DataSet } from "@model-registry/registry-client";
import type { DatasetInput, KeyValue } from "../types.js";
import { customPropertyTexts } from "./custom-property-text.js";

/** The input tag that carries a dataset's role ("train", "eval", …). @public */
export const DATASET_CONTEXT_TAG = "mlflow.data.context";

/** True for a registry `dataset-artifact`. @internal */
export function isDatasetArtifact(artifact: Artifact): artifact is DataSet {
  return artifact.artifactType === "dataset-artifact";
}

/** Maps one `dataset-artifact` to an MLflow dataset input (custom properties are the input tags). @internal */
export function datasetInputFromArtifact(artifact: DataSet): DatasetInput {
  const tags: KeyValue[] = Object.entries(customPropertyTexts(artifact.customProperties)).map(
    ([key, value]) => ({ key, value }),
  );
  return {
    dataset: {
      name: artifact.name ?? "",
      digest: artifact.digest ?? "",
      sourceType: artifact.sourceType ?? "",
      source: artifact.source ?? "",
      ...(artifact.schema !== undefined ? { schema: artifact.schema } : {}),
      ...(artifact.profile !== undefined ? { profile: artifact.profile } : {}),
    },
    tags,
  };
}

/** The identity of a dataset within a run or experiment, as MLflow keys it. @internal */
export function datasetKey(name: string, digest: string): string {
  return JSON.stringify([name, digest]);
}

/**
 * The dataset inputs of a run, from the run's artifacts. Like MLflow, one input per
 * (name, digest): the first logged wins, so duplicates written by other clients read back once.
 * @public
 */
export function datasetInputsFromArtifacts(artifacts: Artifact[]): DatasetInput[] {
  const seen = new Set<string>();
  const out: DatasetInput[] = [];
  for (const artifact of artifacts) {
    if (!isDatasetArtifact(artifact)) continue;
    const input = datasetInputFromArtifact(artifact);
    const key = datasetKey(input.dataset.name, input.dataset.digest);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(input);
  }
  return out;
}
