import type { Artifact } from "@model-registry/registry-client";
import { describe, expect, it } from "vitest";
import { modelInputsFromArtifacts, modelOutputsFromArtifacts } from "./run-model-links.js";

const s = (string_value: string) => ({
  metadataType: "MetadataStringValue" as const,
  string_value,
});

function model(id: string, props: Record<string, string>): Artifact {
  const customProperties = Object.fromEntries(Object.entries(props).map(([k, v]) => [k, s(v)]));
  return { artifactType: "model-artifact", id, name: `m${id}`, customProperties };
}

const metric: Artifact = { artifactType: "metric", id: "1", name: "loss", value: 1 };

describe("run model inputs/outputs in the Python plugin's layout", () => {
  const artifacts = [
    metric,
    model("5", { mlflow__model_io_type: "input" }),
    model("6", { mlflow__model_io_type: "output", mlflow__step: "3" }),
    model("7", {}),
    model("8", { mlflow__logged_model: "{}", mlflow__model_io_type: "output" }),
  ];

  it("treats io type input as an input and everything else as an output (step from mlflow__step)", () => {
    expect(modelInputsFromArtifacts(artifacts)).toEqual([{ modelId: "5" }]);
    expect(modelOutputsFromArtifacts(artifacts)).toEqual([
      { modelId: "6", step: 3 },
      { modelId: "7", step: 0 },
    ]);
  });

  it("leaves out recorded MLmodel entries, which are not logged models", () => {
    const ids = modelOutputsFromArtifacts(artifacts).map((o) => o.modelId);
    expect(ids).not.toContain("8");
  });

  it("lists each model once even if the artifact listing repeats it", () => {
    expect(modelInputsFromArtifacts([artifacts[1]!, artifacts[1]!])).toHaveLength(1);
  });
});

describe("a plugin model re-posted as the input of another run", () => {
  const reused: Artifact = {
    ...model("12", { mlflow__model_io_type: "input", mlflow__source_run_id: "10" }),
    experimentRunId: "20",
  };

  it("stays an output of its source run and is an input of the run it was re-posted to", () => {
    expect(modelOutputsFromArtifacts([reused], "10")).toEqual([{ modelId: "12", step: 0 }]);
    expect(modelInputsFromArtifacts([reused], "10")).toEqual([]);
    expect(modelInputsFromArtifacts([reused], "20")).toEqual([{ modelId: "12" }]);
  });
});

describe("per-run links", () => {
  const shared = model("9", {
    mlflow__model_io_type: "input",
    mlflow__input_run_ids: JSON.stringify(["20"]),
    mlflow__output_run_steps: JSON.stringify({ "10": 4 }),
  });

  it("attributes one model as the output of one run and the input of another", () => {
    expect(modelOutputsFromArtifacts([shared], "10")).toEqual([{ modelId: "9", step: 4 }]);
    expect(modelInputsFromArtifacts([shared], "10")).toEqual([]);
    expect(modelInputsFromArtifacts([shared], "20")).toEqual([{ modelId: "9" }]);
    expect(modelOutputsFromArtifacts([shared], "20")).toEqual([]);
  });

  it("falls back to the io type for a run the links do not name (written by another client)", () => {
    expect(modelInputsFromArtifacts([shared], "30")).toEqual([{ modelId: "9" }]);
  });

  it("does not make a freshly created model an output of its source run", () => {
    const fresh = model("11", { mlflow__input_run_ids: "[]", mlflow__output_run_steps: "{}" });
    expect(modelOutputsFromArtifacts([fresh], "10")).toEqual([]);
    expect(modelInputsFromArtifacts([fresh], "10")).toEqual([]);
  });
});
