import type { Artifact } from "@model-registry/registry-client";
import { describe, expect, it } from "vitest";
import { datasetInputsFromArtifacts } from "./dataset.js";

const s = (string_value: string) => ({
  metadataType: "MetadataStringValue" as const,
  string_value,
});

function dataset(id: string, name: string, digest: string, context?: string): Artifact {
  return {
    artifactType: "dataset-artifact",
    id,
    name,
    digest,
    sourceType: "local",
    source: `file:///${name}.csv`,
    schema: '{"mlflow_colspec": []}',
    customProperties: context ? { "mlflow.data.context": s(context) } : {},
  };
}

describe("datasetInputsFromArtifacts", () => {
  it("maps dataset artifacts to inputs with custom properties as input tags", () => {
    expect(datasetInputsFromArtifacts([dataset("1", "iris", "abc", "train")])).toEqual([
      {
        dataset: {
          name: "iris",
          digest: "abc",
          sourceType: "local",
          source: "file:///iris.csv",
          schema: '{"mlflow_colspec": []}',
        },
        tags: [{ key: "mlflow.data.context", value: "train" }],
      },
    ]);
  });

  it("keeps the first of each (name, digest) pair, as MLflow links a dataset to a run once", () => {
    const inputs = datasetInputsFromArtifacts([
      dataset("1", "iris", "abc", "train"),
      dataset("2", "iris", "abc", "eval"),
      dataset("3", "iris", "def", "eval"),
      { artifactType: "metric", id: "4", name: "loss", value: 1 },
    ]);
    expect(inputs.map((i) => [i.dataset.digest, i.tags[0]?.value])).toEqual([
      ["abc", "train"],
      ["def", "eval"],
    ]);
  });

  it("omits schema and profile when the artifact has none", () => {
    const [input] = datasetInputsFromArtifacts([
      {
        artifactType: "dataset-artifact",
        id: "1",
        name: "d",
        digest: "x",
        sourceType: "s",
        source: "u",
      },
    ]);
    expect(input?.dataset).toEqual({ name: "d", digest: "x", sourceType: "s", source: "u" });
    expect(input?.tags).toEqual([]);
  });
});
