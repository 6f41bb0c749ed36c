import { allOf, compileRowFilter, type FilterTarget, type RowFilter } from "../core/filter.js";
import { badRequest, notFound } from "../core/http-error.js";
import { parseId } from "../core/int32.js";
import { compileLike, isLiteralPattern } from "../core/like.js";
import { type ListBody, type ListParams, listPage } from "../core/paging.js";
import type { RouteContext } from "../core/route-kit.js";
import type { ContextKind, ContextRow, Row } from "../state/rows.js";

/** The server's words per kind in the find endpoints' 404s (some are singular). */
const FIND_WORDS: Record<ContextKind, { none: string; many: string; parent?: string }> = {
  experiment: { none: "experiments", many: "experiments" },
  registeredModel: { none: "registered models", many: "registered models" },
  servingEnvironment: { none: "serving environment", many: "serving environments" },
  experimentRun: { none: "experiment runs", many: "experiment runs", parent: "experimentId" },
  modelVersion: { none: "model versions", many: "model versions", parent: "parentResourceId" },
  inferenceService: {
    none: "inference service",
    many: "inference services",
    parent: "parentResourceId",
  },
};

/** The label of the parent id in a child find's 400 for an id that does not parse. */
const PARENT_LABELS: Partial<Record<ContextKind, string>> = {
  experimentRun: "experiment",
  modelVersion: "registered model",
  inferenceService: "parent resource",
};

function pick<R extends Row>(matches: R[], words: { none: string; many: string }, what: string): R {
  if (matches.length === 0) throw notFound(`no ${words.none} found for ${what}`);
  if (matches.length > 1) throw notFound(`multiple ${words.many} found for ${what}`);
  return matches[0] as R;
}

/** Rows whose stored name matches a SQL LIKE pattern, using the name index when it can. @internal */
export function matchStoredName<R extends Row>(
  context: RouteContext,
  pattern: string,
  rows: readonly R[],
  index: { get(key: string): R | undefined } | undefined,
): R[] {
  const { state } = context;
  if (index && isLiteralPattern(pattern)) {
    const row = index.get(state.fold(pattern));
    return row ? [row] : [];
  }
  const matcher = compileLike(pattern, { caseInsensitive: state.caseInsensitive });
  return rows.filter((row) => matcher.test(row.storedName));
}

/**
 * `GET /experiment`, `/registered_model`, `/serving_environment`: `name` (SQL LIKE, wins) or
 * `externalId` (exact); 400 without either; 404 for none or several (the server's texts).
 * @internal
 */
export function findTopLevel(context: RouteContext, kind: ContextKind): ContextRow {
  const { state, query } = context;
  const name = query.get("name");
  const externalId = query.get("externalId");
  if (!name && !externalId)
    throw badRequest("invalid parameters call, supply either name or externalId");
  const what = `name=${name ?? ""}, externalId=${externalId ?? ""}`;
  if (name) {
    const table = state.tableOf(kind);
    const rows = matchStoredName(context, name, table.rows, state.contextNameIndex(kind));
    return pick(rows, FIND_WORDS[kind], what);
  }
  return pick(byExternalId(context, kind, externalId ?? ""), FIND_WORDS[kind], what);
}

function byExternalId(context: RouteContext, kind: ContextKind, externalId: string) {
  const row = context.state.contextExternalIds.get(context.state.fold(externalId));
  return row?.kind === kind ? [row] : [];
}

/**
 * `GET /experiment_run`, `/model_version`, `/inference_service`: (`name` + `parentResourceId`) or
 * `externalId`. A `name` sent with `externalId` but no parent matches that name under any parent.
 * @internal
 */
export function findChild(context: RouteContext, kind: ContextKind): ContextRow {
  const { state, query } = context;
  const name = query.get("name");
  const externalId = query.get("externalId");
  const parentText = query.get("parentResourceId");
  const words = FIND_WORDS[kind];
  if ((!name || !parentText) && !externalId) {
    const pair = kind === "experimentRun" ? "name and experimentId" : "name and parentResourceId";
    throw badRequest(`invalid parameters call, supply either (${pair}), or externalId`);
  }
  const parentId = parentText ? parseId(parentText, PARENT_LABELS[kind] ?? "parent resource") : 0;
  const what = `name=${name ?? ""}, ${words.parent}=${parentText ?? ""}, externalId=${externalId ?? ""}`;
  const table = state.tableOf(kind);
  if (name && parentText) {
    const siblings = state.childrenOf(kind)?.get(parentId) ?? [];
    const pattern = `${parentId}:${name}`;
    const rows = matchStoredName(context, pattern, siblings, state.contextNameIndex(kind));
    return pick(rows, words, what);
  }
  if (name) return pick(matchStoredName(context, `%:${name}`, table.rows, undefined), words, what);
  let rows = byExternalId(context, kind, externalId ?? "");
  // A parent id sent along still joins on the parent link.
  if (parentText) {
    const siblings = state.childrenOf(kind)?.get(parentId) ?? [];
    rows = rows.filter((row) => siblings.includes(row));
  }
  return pick(rows, words, what);
}

/** Options of {@link listRows}. @internal */
export interface ListRowsOptions<R extends Row> {
  /** The property map for `filterQuery`; omit on endpoints that ignore it. */
  readonly filter?: FilterTarget;
  /** Extra filter text ANDed to `filterQuery` (the `name`/`externalId` clauses of some lists). */
  readonly extraFilter?: string;
  readonly where?: ((row: R) => boolean) | null;
  readonly toItem?: (row: R) => unknown;
}

function findById<R extends Row>(rows: readonly R[], id: number): R | undefined {
  let low = 0;
  let high = rows.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const row = rows[mid] as R;
    if (row.id === id) return row;
    if (row.id < id) low = mid + 1;
    else high = mid - 1;
  }
  return undefined;
}

/** The full table and parent index a filter equality can narrow, per filter target. */
function parentIndex(context: RouteContext, target: FilterTarget, property: string) {
  const { state } = context;
  if (target === "experimentRun" && property === "experimentId") {
    return { all: state.runs.rows, index: state.runsByExperiment };
  }
  if (target === "modelVersion" && property === "registeredModelId") {
    return { all: state.modelVersions.rows, index: state.versionsByModel };
  }
  if (target === "metricHistory" && property === "experimentRunId") {
    return { all: state.history.rows, index: state.historyByRun };
  }
  if (typeof target === "object" && property === "experimentRunId") {
    return { all: state.artifacts.rows, index: state.artifactsByParent };
  }
  return undefined;
}

/**
 * Uses the filter's top-level equalities to look candidates up instead of scanning: `id` by binary
 * search, parent ids through the by-parent indexes. The predicate still runs on every candidate.
 */
function narrow<R extends Row>(
  context: RouteContext,
  rows: readonly R[],
  target: FilterTarget,
  equalities: RowFilter["equalities"],
): readonly R[] {
  for (const { property, value } of equalities) {
    const id = Number(value);
    if (!Number.isInteger(id)) continue;
    if (property === "id") {
      const row = findById(rows, id);
      return row ? [row] : [];
    }
    const parent = parentIndex(context, target, property);
    if (parent && (parent.all as readonly Row[]) === rows) {
      return (parent.index.get(id) ?? []) as unknown as R[];
    }
  }
  return rows;
}

/**
 * Lists rows with the endpoint's filters and §7 paging.
 * @internal
 */
export function listRows<R extends Row>(
  context: RouteContext,
  rows: readonly R[],
  params: ListParams,
  options: ListRowsOptions<R> = {},
): ListBody<unknown> {
  const caseInsensitive = context.state.caseInsensitive;
  let filter: RowFilter | null = null;
  if (options.filter !== undefined) {
    const userFilter = context.query.get("filterQuery");
    const text = options.extraFilter
      ? userFilter?.trim()
        ? `(${userFilter}) AND ${options.extraFilter}`
        : options.extraFilter
      : userFilter;
    filter = compileRowFilter(text, options.filter, caseInsensitive);
  }
  const candidates =
    filter && options.filter !== undefined
      ? narrow(context, rows, options.filter, filter.equalities)
      : rows;
  const match = allOf<R>(filter?.match ?? null, options.where ?? null);
  return listPage(candidates, match, params, options.toItem ?? ((row) => row.api));
}

/**
 * The `name`/`externalId` query parameters of `/registered_models/{id}/versions` and
 * `/model_versions/{id}/artifacts`, turned into a filter clause the way the server builds it
 * (single quotes doubled, so a `'` makes the filter unparsable, as on the server).
 * @internal
 */
export function nameOrExternalIdClause(context: RouteContext): string | undefined {
  const name = context.query.get("name");
  if (name) return `name = '${name.replace(/'/g, "''")}'`;
  const externalId = context.query.get("externalId");
  if (externalId) return `externalId = '${externalId.replace(/'/g, "''")}'`;
  return undefined;
}
