import type { HiddenProperties } from "../core/custom-properties.js";
import { type ArtifactType, isArtifactType } from "../core/field-types.js";
import type { FakeRegistrySnapshot } from "../types.js";
import type { RegistryState } from "./registry-state.js";
import type { ApiObject, ArtifactRow, ContextKind, ContextRow } from "./rows.js";

type Raw = Record<string, unknown>;

const CONTEXT_KEYS: ReadonlyArray<[keyof FakeRegistrySnapshot, ContextKind, string | undefined]> = [
  ["experiments", "experiment", undefined],
  ["experimentRuns", "experimentRun", "experimentId"],
  ["registeredModels", "registeredModel", undefined],
  ["modelVersions", "modelVersion", "registeredModelId"],
  ["servingEnvironments", "servingEnvironment", undefined],
  ["inferenceServices", "inferenceService", "servingEnvironmentId"],
];

function byId(rows: readonly Raw[] | undefined): Raw[] {
  return [...(rows ?? [])].sort((a, b) => Number(a["id"]) - Number(b["id"]));
}

function apiOf(raw: Raw, drop: readonly string[] = []): ApiObject {
  const api: Raw = { ...raw };
  for (const key of drop) delete api[key];
  api["customProperties"] ??= {};
  return api as ApiObject;
}

function times(api: Raw): { created: number; updated: number } {
  const created = Number(api["createTimeSinceEpoch"] ?? 0);
  return { created, updated: Number(api["lastUpdateTimeSinceEpoch"] ?? created) };
}

/** Loads a snapshot into an empty state. @internal */
export function importSnapshot(
  state: RegistryState,
  snapshot: FakeRegistrySnapshot,
  uuid: () => string,
): void {
  for (const [key, kind, parentField] of CONTEXT_KEYS) {
    for (const raw of byId(snapshot[key] as Raw[] | undefined)) {
      const api = apiOf(raw, ["extraParentIds"]);
      const id = Number(api.id);
      const name = String(api["name"] ?? "");
      const parent = parentField ? Number(api[parentField]) : undefined;
      const storedName = parent === undefined ? name : `${parent}:${name}`;
      const row: ContextRow =
        parent === undefined
          ? { id, kind, api, ...times(api), storedName }
          : { id, kind, parentId: parent, api, ...times(api), storedName };
      state.addContext(row);
      for (const extra of (raw["extraParentIds"] as unknown[] | undefined) ?? []) {
        state.linkContext(row, Number(extra));
      }
    }
  }
  for (const raw of byId(snapshot.serveModels as Raw[] | undefined)) {
    const api = apiOf(raw, ["inferenceServiceId"]);
    const parentId = Number(raw["inferenceServiceId"]);
    const storedName = `${parentId}:${String(api["name"] ?? "")}`;
    state.addServeModel({ id: Number(api.id), parentId, api, ...times(api), storedName });
  }
  for (const raw of byId(snapshot.artifacts as Raw[] | undefined)) {
    const api = apiOf(raw, ["parentIds", "storedName"]);
    const type: ArtifactType = isArtifactType(api["artifactType"])
      ? api["artifactType"]
      : "model-artifact";
    const runId = api["experimentRunId"];
    const parentIds = raw["parentIds"] as unknown[] | undefined;
    const parents = parentIds ? parentIds.map(Number) : runId !== undefined ? [Number(runId)] : [];
    const prefix = parents[0] === undefined || type === "dataset-artifact" ? uuid() : parents[0];
    const storedName =
      (raw["storedName"] as string | undefined) ?? `${prefix}:${String(api["name"] ?? "")}`;
    const hidden: HiddenProperties = {};
    if (typeof api["experimentId"] === "string") hidden.experimentId = api["experimentId"];
    if (typeof runId === "string") hidden.experimentRunId = runId;
    const row: ArtifactRow = {
      id: Number(api.id),
      type,
      api,
      ...times(api),
      storedName,
      parents,
      hidden,
    };
    state.addArtifact(row);
  }
  for (const raw of byId(snapshot.metricHistory as Raw[] | undefined)) {
    const api = raw["customProperties"] ? (raw as ApiObject) : apiOf(raw);
    const runId = Number(api["experimentRunId"]);
    const storedName = `${runId}:${String(api["name"])}__${String(api["lastUpdateTimeSinceEpoch"])}`;
    state.addHistory({ id: Number(api.id), runId, api, ...times(api), storedName });
  }
  const next = snapshot.nextIds;
  state.nextContextId = Math.max(state.nextContextId, next?.context ?? 1);
  state.nextArtifactId = Math.max(state.nextArtifactId, next?.artifact ?? 1);
  state.nextServeModelId = Math.max(state.nextServeModelId, next?.serveModel ?? 1);
}

/** The state as a snapshot, sharing the stored objects (serialise it, don't mutate it). @internal */
export function exportSnapshot(state: RegistryState): FakeRegistrySnapshot {
  const contexts = (rows: readonly ContextRow[]) =>
    rows.map((row) =>
      row.extraParentIds ? { ...row.api, extraParentIds: row.extraParentIds.map(String) } : row.api,
    );
  return {
    format: "model-registry-fake/v1",
    nextIds: {
      context: state.nextContextId,
      artifact: state.nextArtifactId,
      serveModel: state.nextServeModelId,
    },
    experiments: contexts(state.experiments.rows),
    experimentRuns: contexts(state.runs.rows),
    registeredModels: contexts(state.registeredModels.rows),
    modelVersions: contexts(state.modelVersions.rows),
    servingEnvironments: contexts(state.servingEnvironments.rows),
    inferenceServices: contexts(state.inferenceServices.rows),
    serveModels: state.serveModels.rows.map((row) => ({
      ...row.api,
      inferenceServiceId: String(row.parentId),
    })),
    artifacts: state.artifacts.rows.map((row) => ({
      ...row.api,
      parentIds: row.parents.map(String),
      storedName: row.storedName,
    })),
    metricHistory: state.history.rows.map((row) => row.api),
  };
}
