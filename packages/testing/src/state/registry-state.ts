import type { ArtifactRow, ContextRow, HistoryRow, Row, ServeModelRow } from "./rows.js";
import { pushTo, Table } from "./table.js";

/** A unique index from a folded key to a row. @internal */
export class UniqueIndex<R> {
  readonly map = new Map<string, R>();

  get(key: string): R | undefined {
    return this.map.get(key);
  }

  /** True when `key` is free or already held by `row`. */
  isFreeFor(key: string, row: R | undefined): boolean {
    const holder = this.map.get(key);
    return holder === undefined || holder === row;
  }

  set(key: string, row: R): void {
    this.map.set(key, row);
  }

  delete(key: string, row: R): void {
    if (this.map.get(key) === row) this.map.delete(key);
  }

  clear(): void {
    this.map.clear();
  }
}

/**
 * The whole in-memory registry: one table per entity type plus the indexes the server's unique
 * keys and list queries need (by parent, by name within scope, by externalId).
 * @internal
 */
export class RegistryState {
  /** Folds a name or externalId to its unique-index key (MySQL's `_ci` collation unless case-sensitive). */
  readonly fold: (text: string) => string;
  readonly caseInsensitive: boolean;

  nextContextId = 1;
  nextArtifactId = 1;
  nextServeModelId = 1;

  readonly experiments = new Table<ContextRow>();
  readonly runs = new Table<ContextRow>();
  readonly registeredModels = new Table<ContextRow>();
  readonly modelVersions = new Table<ContextRow>();
  readonly servingEnvironments = new Table<ContextRow>();
  readonly inferenceServices = new Table<ContextRow>();
  readonly serveModels = new Table<ServeModelRow>();
  readonly artifacts = new Table<ArtifactRow>();
  readonly history = new Table<HistoryRow>();

  /** Children by parent id. */
  readonly runsByExperiment = new Map<number, ContextRow[]>();
  readonly versionsByModel = new Map<number, ContextRow[]>();
  readonly servicesByEnvironment = new Map<number, ContextRow[]>();
  readonly serveModelsByService = new Map<number, ServeModelRow[]>();
  readonly artifactsByParent = new Map<number, ArtifactRow[]>();
  readonly historyByRun = new Map<number, HistoryRow[]>();
  /** Stored names of history records (`<runId>:<name>__<ms>`), unique like every artifact name. */
  readonly historyNames = new Set<string>();

  /** `UNIQUE(type_id, name)`: per context kind, on the stored name. */
  readonly contextNames = new Map<string, UniqueIndex<ContextRow>>();
  readonly serveModelNames = new UniqueIndex<ServeModelRow>();
  readonly artifactNames = new UniqueIndex<ArtifactRow>();
  /** `UNIQUE(external_id)` per table: contexts, artifacts, serve models. */
  readonly contextExternalIds = new UniqueIndex<ContextRow>();
  readonly artifactExternalIds = new UniqueIndex<ArtifactRow>();
  readonly serveModelExternalIds = new UniqueIndex<ServeModelRow>();

  constructor(options: { caseSensitive: boolean }) {
    this.caseInsensitive = !options.caseSensitive;
    this.fold = options.caseSensitive ? (text) => text : (text) => text.toLowerCase();
  }

  contextNameIndex(kind: string): UniqueIndex<ContextRow> {
    let index = this.contextNames.get(kind);
    if (!index) {
      index = new UniqueIndex();
      this.contextNames.set(kind, index);
    }
    return index;
  }

  tableOf(kind: ContextRow["kind"]): Table<ContextRow> {
    switch (kind) {
      case "experiment":
        return this.experiments;
      case "experimentRun":
        return this.runs;
      case "registeredModel":
        return this.registeredModels;
      case "modelVersion":
        return this.modelVersions;
      case "servingEnvironment":
        return this.servingEnvironments;
      case "inferenceService":
        return this.inferenceServices;
    }
  }

  childrenOf(kind: ContextRow["kind"]): Map<number, ContextRow[]> | undefined {
    if (kind === "experimentRun") return this.runsByExperiment;
    if (kind === "modelVersion") return this.versionsByModel;
    if (kind === "inferenceService") return this.servicesByEnvironment;
    return undefined;
  }

  /** Adds a context row to its table and every index. */
  addContext(row: ContextRow): void {
    this.tableOf(row.kind).add(row);
    if (row.parentId !== undefined) {
      pushTo(this.childrenOf(row.kind) ?? new Map(), row.parentId, row);
    }
    this.contextNameIndex(row.kind).set(this.fold(row.storedName), row);
    const externalId = row.api["externalId"];
    if (typeof externalId === "string") this.contextExternalIds.set(this.fold(externalId), row);
    this.nextContextId = Math.max(this.nextContextId, row.id + 1);
  }

  addServeModel(row: ServeModelRow): void {
    this.serveModels.add(row);
    pushTo(this.serveModelsByService, row.parentId, row);
    this.serveModelNames.set(this.fold(row.storedName), row);
    const externalId = row.api["externalId"];
    if (typeof externalId === "string") this.serveModelExternalIds.set(this.fold(externalId), row);
    this.nextServeModelId = Math.max(this.nextServeModelId, row.id + 1);
  }

  artifactNameKey(row: { type: string; storedName: string }): string {
    return `${row.type}\u0000${this.fold(row.storedName)}`;
  }

  addArtifact(row: ArtifactRow): void {
    this.artifacts.add(row);
    for (const parent of row.parents) pushTo(this.artifactsByParent, parent, row);
    this.artifactNames.set(this.artifactNameKey(row), row);
    const externalId = row.api["externalId"];
    if (typeof externalId === "string") this.artifactExternalIds.set(this.fold(externalId), row);
    this.nextArtifactId = Math.max(this.nextArtifactId, row.id + 1);
  }

  /** Lists a context under one more parent (the server's ParentContext links are many-to-many). */
  linkContext(row: ContextRow, parentId: number): void {
    if (row.parentId === parentId || row.extraParentIds?.includes(parentId)) return;
    row.extraParentIds = [...(row.extraParentIds ?? []), parentId];
    pushTo(this.childrenOf(row.kind) ?? new Map(), parentId, row);
  }

  /** Links an existing artifact to one more parent (attribution is many-to-many). */
  attach(row: ArtifactRow, parentId: number): void {
    if (row.parents.includes(parentId)) return;
    row.parents.push(parentId);
    pushTo(this.artifactsByParent, parentId, row);
  }

  addHistory(row: HistoryRow): void {
    this.history.add(row);
    this.historyNames.add(this.fold(row.storedName));
    pushTo(this.historyByRun, row.runId, row);
    this.nextArtifactId = Math.max(this.nextArtifactId, row.id + 1);
  }

  /** Moves an externalId in a unique index; the caller has checked it is free. */
  moveExternalId<R extends Row>(index: UniqueIndex<R>, row: R, next: string | undefined): void {
    const previous = row.api["externalId"];
    if (typeof previous === "string") index.delete(this.fold(previous), row);
    if (next !== undefined) index.set(this.fold(next), row);
  }

  clear(): void {
    for (const table of [
      this.experiments,
      this.runs,
      this.registeredModels,
      this.modelVersions,
      this.servingEnvironments,
      this.inferenceServices,
      this.serveModels,
      this.artifacts,
      this.history,
    ] as Table<Row>[]) {
      table.clear();
    }
    for (const map of [
      this.runsByExperiment,
      this.versionsByModel,
      this.servicesByEnvironment,
      this.serveModelsByService,
      this.artifactsByParent,
      this.historyByRun,
      this.contextNames,
    ] as Map<unknown, unknown>[]) {
      map.clear();
    }
    for (const index of [
      this.serveModelNames,
      this.artifactNames,
      this.contextExternalIds,
      this.artifactExternalIds,
      this.serveModelExternalIds,
    ] as UniqueIndex<unknown>[]) {
      index.clear();
    }
    this.historyNames.clear();
    this.nextContextId = 1;
    this.nextArtifactId = 1;
    this.nextServeModelId = 1;
  }
}
