import type { Artifact, ParameterCreate } from "@model-registry/registry-client";

type RegistryParameter = Extract<Artifact, { artifactType: "parameter" }>;

/** Body of `POST /experiment_runs/{id}/artifacts` for one param (the Python plugin's layout). @internal */
export function toParameterCreate(key: string, value: string): ParameterCreate {
  return { artifactType: "parameter", name: key, value, parameterType: "string" };
}

/** True for a registry artifact of type `parameter`. @internal */
export function isParameterArtifact(artifact: Artifact): artifact is RegistryParameter {
  return artifact.artifactType === "parameter";
}

/** The MLflow param (key, value) of a registry parameter artifact. @internal */
export function paramFromArtifact(artifact: RegistryParameter): { key: string; value: string } {
  return { key: artifact.name ?? "", value: artifact.value ?? "" };
}
