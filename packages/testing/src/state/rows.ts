import type { HiddenProperties } from "../core/custom-properties.js";
import type { ArtifactType } from "../core/field-types.js";

/** The entity kinds that live in the shared context table (one id sequence). @internal */
export type ContextKind =
  | "experiment"
  | "experimentRun"
  | "registeredModel"
  | "modelVersion"
  | "servingEnvironment"
  | "inferenceService";

/** The response object of an entity, kept ready to serialise. @internal */
export type ApiObject = Record<string, unknown> & { id: string; customProperties: object };

/** One stored entity. `api` is exactly what the server returns for it. @internal */
export interface Row {
  readonly id: number;
  api: ApiObject;
  /** Create and last-update time, in ms (numeric copies of the api strings, for ordering). */
  created: number;
  updated: number;
  /** The name as the database stores it (`<parentId>:<name>` for child entities). */
  storedName: string;
}

/** A context row (experiment, run, model, version, environment, inference service). @internal */
export interface ContextRow extends Row {
  readonly kind: ContextKind;
  /** Parent context id: run → experiment, version → model, inference service → environment. */
  readonly parentId?: number;
  /** Further parents linked later (a run upserted by id under another experiment). */
  extraParentIds?: number[];
}

/** An artifact row (all five types). @internal */
export interface ArtifactRow extends Row {
  readonly type: ArtifactType;
  /** Ids of the runs and model versions the artifact is attributed to (many-to-many). */
  parents: number[];
  /** Hidden `experiment_id`/`experiment_run_id` custom properties. */
  hidden: HiddenProperties;
}

/** A metric-history record (a hidden artifact attributed to one run). @internal */
export interface HistoryRow extends Row {
  readonly runId: number;
}

/** A serve model (its own id sequence), child of an inference service. @internal */
export interface ServeModelRow extends Row {
  readonly parentId: number;
}

/**
 * The stored form of a child entity's name, `<prefix>:<name>`. An empty name is stored as the bare
 * prefix, which the server then reads back as the name (everything after the first `:`, or all).
 * @internal
 */
export function prefixedName(
  prefix: number | string,
  name: string,
): { stored: string; shown: string } {
  return name === ""
    ? { stored: String(prefix), shown: String(prefix) }
    : { stored: `${prefix}:${name}`, shown: name };
}
