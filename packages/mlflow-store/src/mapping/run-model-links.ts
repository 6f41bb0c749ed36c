import type { Artifact } from "@model-registry/registry-client";
import type { LoggedModelInput, LoggedModelOutput } from "../types.js";
import { customPropertyTexts } from "./custom-property-text.js";
import { dict } from "./dict.js";
import { isLoggedModelArtifact, MODEL_KEYS } from "./logged-model.js";
import { isRecord, parseJson } from "./parse-json.js";

/**
 * Which runs use a model as input and which produced it as output (with the step). Stored in
 * `mlflow__input_run_ids` (JSON array) and `mlflow__output_run_steps` (JSON object run id → step),
 * next to the plugin's single `mlflow__model_io_type`, because one model artifact can be an
 * output of one run and an input of others.
 * @internal
 */
export interface RunModelLinks {
  inputRunIds: string[];
  outputRunSteps: Record<string, number>;
}

/** Reads the link keys; `undefined` when the artifact has neither (the plugin's layout). @internal */
export function readRunModelLinks(props: Record<string, string>): RunModelLinks | undefined {
  const inputs = parseJson(props[MODEL_KEYS.inputRunIds]);
  const outputs = parseJson(props[MODEL_KEYS.outputRunSteps]);
  if (inputs === undefined && outputs === undefined) return undefined;
  const inputRunIds = Array.isArray(inputs) ? inputs.map(String) : [];
  const outputRunSteps = dict<number>();
  if (isRecord(outputs)) {
    for (const [runId, step] of Object.entries(outputs)) {
      const n = Number(step);
      outputRunSteps[runId] = Number.isFinite(n) ? n : 0;
    }
  }
  return { inputRunIds, outputRunSteps };
}

/** Encodes links as the two custom-property texts. @internal */
export function writeRunModelLinks(links: RunModelLinks): Record<string, string> {
  return {
    [MODEL_KEYS.inputRunIds]: JSON.stringify(links.inputRunIds),
    [MODEL_KEYS.outputRunSteps]: JSON.stringify(links.outputRunSteps),
  };
}

/**
 * In the plugin's layout one io type covers every run. When the plugin makes a model the input of
 * another run it re-posts it there, so the input run is the artifact's `experimentRunId`; the
 * model's own source run is then still the run that produced it.
 */
function isSourceRunOfReusedModel(
  artifact: Artifact,
  props: Record<string, string>,
  runId: string | undefined,
): boolean {
  return (
    runId !== undefined &&
    props[MODEL_KEYS.sourceRunId] === runId &&
    artifact.experimentRunId !== undefined &&
    artifact.experimentRunId !== runId
  );
}

/** What a model is to one run. @internal */
export type ModelRole = { kind: "input" } | { kind: "output"; step: number } | { kind: "none" };

/** The role of a model artifact in the run `runId` (see {@link modelInputsFromArtifacts}). @internal */
export function modelRoleInRun(artifact: Artifact, runId: string | undefined): ModelRole {
  const props = customPropertyTexts(artifact.customProperties);
  const links = readRunModelLinks(props);
  if (links !== undefined && runId !== undefined) {
    if (links.inputRunIds.includes(runId)) return { kind: "input" };
    const step = links.outputRunSteps[runId];
    if (step !== undefined) return { kind: "output", step };
    if (props[MODEL_KEYS.ioType] === undefined) return { kind: "none" };
  }
  if (props[MODEL_KEYS.ioType] === "input" && !isSourceRunOfReusedModel(artifact, props, runId)) {
    return { kind: "input" };
  }
  const step = Number(props[MODEL_KEYS.step] ?? 0);
  return { kind: "output", step: Number.isFinite(step) ? step : 0 };
}

/**
 * The model inputs of a run, from the run's artifacts (as listed by
 * `GET /experiment_runs/{runId}/artifacts`). Pass `runId` so that models linked to several runs
 * are attributed exactly; without it the plugin's `mlflow__model_io_type` decides.
 * @public
 */
export function modelInputsFromArtifacts(
  artifacts: Artifact[],
  runId?: string,
): LoggedModelInput[] {
  const seen = new Set<string>();
  const out: LoggedModelInput[] = [];
  for (const artifact of artifacts) {
    if (!isLoggedModelArtifact(artifact) || artifact.id === undefined || seen.has(artifact.id)) {
      continue;
    }
    if (modelRoleInRun(artifact, runId).kind !== "input") continue;
    seen.add(artifact.id);
    out.push({ modelId: artifact.id });
  }
  return out;
}

/**
 * The model outputs of a run (model id and step), from the run's artifacts. See
 * {@link modelInputsFromArtifacts} for `runId`.
 * @public
 */
export function modelOutputsFromArtifacts(
  artifacts: Artifact[],
  runId?: string,
): LoggedModelOutput[] {
  const seen = new Set<string>();
  const out: LoggedModelOutput[] = [];
  for (const artifact of artifacts) {
    if (!isLoggedModelArtifact(artifact) || artifact.id === undefined || seen.has(artifact.id)) {
      continue;
    }
    const role = modelRoleInRun(artifact, runId);
    if (role.kind !== "output") continue;
    seen.add(artifact.id);
    out.push({ modelId: artifact.id, step: role.step });
  }
  return out;
}
