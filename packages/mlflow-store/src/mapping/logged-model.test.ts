import type { Artifact } from "@model-registry/registry-client";
import { describe, expect, it } from "vitest";
import {
  artifactStateForStatus,
  isDeletedModelArtifact,
  loggedModelFromArtifact,
  statusForArtifactState,
} from "./logged-model.js";

const s = (string_value: string) => ({
  metadataType: "MetadataStringValue" as const,
  string_value,
});

/** A model artifact exactly as the Python plugin's create_logged_model leaves it. */
const pluginModel: Artifact = {
  artifactType: "model-artifact",
  id: "17",
  name: "iris",
  description: "MLflow logged model: iris",
  uri: "s3://b/exp/9/4/iris",
  experimentId: "9",
  experimentRunId: "4",
  createTimeSinceEpoch: "1700000000000",
  lastUpdateTimeSinceEpoch: "1700000000500",
  customProperties: {
    mlflow__model_type: s("sklearn"),
    mlflow__experiment_id: s("9"),
    mlflow__source_run_id: s("4"),
    mlflow__name: s("iris"),
    mlflow__version: s("1"),
    mlflow__user_id: s("unknown"),
    mlflow__status_message: s(""),
    mlflow__artifact_location: s("s3://b/exp/9/4/iris"),
    mlflow__description: s("MLflow logged model: iris"),
    team: s("vision"),
    param_alpha: s("0.5"),
    epochs: { metadataType: "MetadataIntValue", int_value: "10" },
  },
};

describe("loggedModelFromArtifact", () => {
  it("reads the Python plugin's layout: id, mlflow__ fields, param_ params, other keys as tags", () => {
    expect(loggedModelFromArtifact(pluginModel)).toEqual({
      modelId: "17",
      experimentId: "9",
      name: "iris",
      sourceRunId: "4",
      artifactLocation: "s3://b/exp/9/4/iris",
      modelType: "sklearn",
      status: "UNSPECIFIED",
      statusMessage: null,
      creationTimestamp: 1700000000000,
      lastUpdatedTimestamp: 1700000000500,
      tags: { team: "vision", epochs: "10" },
      params: { alpha: "0.5" },
    });
  });

  it("falls back to the registry name, uri and experiment attribution when mlflow__ keys are absent", () => {
    const model = loggedModelFromArtifact({
      artifactType: "model-artifact",
      id: "3",
      name: "bare",
      uri: "file:///m",
      experimentId: "2",
      state: "LIVE",
      customProperties: {},
    });
    expect(model).toMatchObject({ name: "bare", artifactLocation: "file:///m", experimentId: "2" });
    expect(model.status).toBe("READY");
    expect(model.sourceRunId).toBeNull();
    expect(model.modelType).toBeNull();
  });
});

describe("status ↔ artifact state", () => {
  it.each([
    ["READY", "LIVE"],
    ["PENDING", "PENDING"],
    ["FAILED", "ABANDONED"],
    ["UNSPECIFIED", "UNKNOWN"],
  ] as const)("%s is stored as %s and reads back", (status, state) => {
    expect(artifactStateForStatus(status)).toBe(state);
    expect(statusForArtifactState(state)).toBe(status);
  });

  it("reads an absent or unmapped state as UNSPECIFIED", () => {
    expect(statusForArtifactState(undefined)).toBe("UNSPECIFIED");
    expect(statusForArtifactState("REFERENCE")).toBe("UNSPECIFIED");
  });
});

describe("isDeletedModelArtifact", () => {
  it("recognises both the registry state and the plugin's custom-property marker", () => {
    expect(isDeletedModelArtifact({ ...pluginModel, state: "MARKED_FOR_DELETION" })).toBe(true);
    expect(isDeletedModelArtifact({ ...pluginModel, state: "DELETED" })).toBe(true);
    const marked = {
      ...pluginModel,
      customProperties: { ...pluginModel.customProperties, state: s("MARKED_FOR_DELETION") },
    };
    expect(isDeletedModelArtifact(marked)).toBe(true);
    expect(loggedModelFromArtifact(marked).tags).not.toHaveProperty("state");
    expect(isDeletedModelArtifact({ ...pluginModel, state: "LIVE" })).toBe(false);
  });
});
