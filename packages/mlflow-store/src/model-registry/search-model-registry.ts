import type {
  ModelVersion as RegistryModelVersion,
  RegisteredModel as RegistryRegisteredModel,
} from "@model-registry/registry-client";
import { MlflowError } from "../mlflow-error.js";
import { mapConcurrent } from "../operations/map-concurrent.js";
import type { FilterClause } from "../search/filter-clause.js";
import { modelVersionMatches, registeredModelMatches } from "../search/model-registry-matches.js";
import {
  compareModelVersions,
  compareRegisteredModels,
  parseModelVersionsOrderBy,
  parseRegisteredModelsOrderBy,
} from "../search/order-model-registry.js";
import { decodePageToken, encodePageToken, searchFingerprint } from "../search/page-token.js";
import {
  assertModelVersionsFilterComparators,
  assertRegisteredModelsFilterComparators,
  parseModelVersionsFilter,
  parseRegisteredModelsFilter,
} from "../search/parse-model-registry-filter.js";
import { registryFilterFromClauses, registryStringLiteral } from "../search/registry-filter.js";
import type { StoreContext } from "../store-context.js";
import type { PagedList } from "../types.js";
import { latestVersionsOf } from "./latest-versions.js";
import type {
  ModelVersion,
  RegisteredModel,
  SearchModelRegistryOptions,
} from "./model-registry-types.js";
import {
  listModelVersions,
  listRegisteredModels,
  modelNameFilter,
  versionArtifact,
} from "./registry-access.js";
import {
  hasStoredSource,
  REGISTRY_KEYS,
  toMlflowModelVersion,
  toMlflowRegisteredModel,
} from "./registry-layout.js";

const ASCII = /^[\x20-\x7e]*$/;
/** More model ids than this are filtered client-side instead of in `registeredModelId IN (…)`. */
const MAX_PUSHED_IDS = 200;

function maxResultsOf(value: unknown, fallback: number, threshold: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
    throw MlflowError.invalidParameterValue(
      `Invalid value for max_results. It must be a positive integer, but got ${String(value)}`,
    );
  }
  if (value > threshold) {
    throw MlflowError.invalidParameterValue(
      `Invalid value for request parameter max_results. It must be at most ${threshold}, but got value ${value}`,
    );
  }
  return value;
}

/**
 * Registry conditions on registered models for the `name` and tag clauses: necessary conditions
 * (the registry may compare case-insensitively); every clause is still evaluated client-side.
 */
function modelConditions(clauses: readonly FilterClause[]): string[] {
  const conditions = ['state = "LIVE"'];
  for (const clause of clauses) {
    if (clause.type !== "attribute" || clause.key !== "name") continue;
    const { comparator, value } = clause;
    if (typeof value !== "string") continue;
    if (
      comparator === "=" ||
      comparator === "LIKE" ||
      (comparator === "ILIKE" && ASCII.test(value))
    ) {
      const condition = modelNameFilter(value, comparator);
      if (condition !== undefined) conditions.push(condition);
    }
  }
  const tags = registryFilterFromClauses(
    clauses.filter((clause) => clause.type === "tag"),
    "experiments",
  );
  if (tags.filterQuery !== undefined) conditions.push(tags.filterQuery);
  return conditions;
}

function page<T>(
  items: readonly T[],
  offset: number,
  maxResults: number,
  fingerprint: string,
): PagedList<T> {
  const slice = items.slice(offset, offset + maxResults);
  return offset + maxResults < items.length
    ? { items: slice, nextPageToken: encodePageToken({ fingerprint, offset: offset + maxResults }) }
    : { items: slice };
}

/**
 * MLflow's search_registered_models: the live models matching the clauses the registry can
 * carry (one request), then MLflow's filter, order (default `name ASC`) and offset paging in
 * memory, then the latest versions of the page's models (one bulk request).
 * @internal
 */
export async function searchRegisteredModels(
  ctx: StoreContext,
  options: SearchModelRegistryOptions,
): Promise<PagedList<RegisteredModel>> {
  const what = "searchRegisteredModels";
  const maxResults = maxResultsOf(options.maxResults, 100, 1000);
  const clauses = parseRegisteredModelsFilter(options.filterString);
  assertRegisteredModelsFilterComparators(clauses);
  const compare = compareRegisteredModels(parseRegisteredModelsOrderBy(options.orderBy));
  const fingerprint = searchFingerprint({
    op: what,
    filter: options.filterString ?? "",
    orderBy: options.orderBy ?? [],
  });
  const offset = decodePageToken(options.pageToken, fingerprint)?.offset ?? 0;
  const models = await listRegisteredModels(ctx, what, modelConditions(clauses).join(" AND "));
  const matching = models
    .filter((model) => model.state !== "ARCHIVED")
    .map((model) => ({ model, mlflow: toMlflowRegisteredModel(model, []) }))
    .filter((entry) => registeredModelMatches(clauses, entry.mlflow))
    .sort((a, b) => compare(a.mlflow, b.mlflow));
  const result = page(matching, offset, maxResults, fingerprint);
  const latest = await latestVersionsOf(
    ctx,
    result.items.map((entry) => entry.model),
    what,
  );
  return {
    ...result,
    items: result.items.map((entry) => ({
      ...entry.mlflow,
      latestVersions: latest.get(entry.model.id ?? "") ?? [],
    })),
  };
}

function versionConditions(clauses: readonly FilterClause[], modelIds?: readonly string[]) {
  const conditions = ['state = "LIVE"'];
  if (modelIds !== undefined) conditions.push(`registeredModelId IN (${modelIds.join(", ")})`);
  for (const clause of clauses) {
    if (clause.type !== "attribute" || clause.key !== "run_id") continue;
    const { comparator, value } = clause;
    if (comparator === "IN" && Array.isArray(value) && value.length > 0) {
      const literals = value.map(registryStringLiteral);
      if (literals.every((literal) => literal !== undefined))
        conditions.push(`${REGISTRY_KEYS.runId} IN (${literals.join(", ")})`);
    } else if ((comparator === "=" || comparator === "LIKE") && typeof value === "string") {
      const literal = registryStringLiteral(value);
      if (literal !== undefined) conditions.push(`${REGISTRY_KEYS.runId} ${comparator} ${literal}`);
    }
  }
  const tags = registryFilterFromClauses(
    clauses.filter((clause) => clause.type === "tag"),
    "experiments",
  );
  if (tags.filterQuery !== undefined) conditions.push(tags.filterQuery);
  return conditions.join(" AND ");
}

interface Candidate {
  readonly version: RegistryModelVersion;
  readonly model: RegistryRegisteredModel;
  mlflow: ModelVersion;
}

/** Reads the sources of candidates registered by other clients (one request each, bounded). */
async function resolveSources(
  ctx: StoreContext,
  candidates: readonly Candidate[],
  what: string,
): Promise<void> {
  const foreign = candidates.filter((c) => !hasStoredSource(c.version) && c.mlflow.source === "");
  await mapConcurrent(foreign, ctx.concurrency, async (candidate) => {
    const artifact = await versionArtifact(ctx, candidate.version, candidate.model, what);
    candidate.mlflow = toMlflowModelVersion(candidate.version, candidate.model, artifact);
  });
}

/**
 * MLflow's search_model_versions: the live registered models (one request, `name` clauses
 * pushed down) and their live versions (one request per 1000, `run_id` and tag clauses pushed
 * down), then MLflow's filter, order (default `last_updated_timestamp DESC, name ASC,
 * version_number DESC`) and paging in memory. Versions registered by other clients keep their
 * source on their model artifact: they cost one more request each when they are on the page, or
 * when `source_path` is filtered.
 * @internal
 */
export async function searchModelVersions(
  ctx: StoreContext,
  options: SearchModelRegistryOptions,
): Promise<PagedList<ModelVersion>> {
  const what = "searchModelVersions";
  const maxResults = maxResultsOf(options.maxResults, 200_000, 200_000);
  const clauses = parseModelVersionsFilter(options.filterString);
  assertModelVersionsFilterComparators(clauses);
  const compare = compareModelVersions(parseModelVersionsOrderBy(options.orderBy));
  const fingerprint = searchFingerprint({
    op: what,
    filter: options.filterString ?? "",
    orderBy: options.orderBy ?? [],
  });
  const offset = decodePageToken(options.pageToken, fingerprint)?.offset ?? 0;
  const nameClauses = clauses.filter((c) => c.type === "attribute" && c.key === "name");
  const modelQuery = modelConditions(nameClauses).join(" AND ");
  const restrictToModels = nameClauses.length > 0;
  const modelsRequest = listRegisteredModels(ctx, what, modelQuery);
  let models: RegistryRegisteredModel[];
  let versions: RegistryModelVersion[];
  if (restrictToModels) {
    models = (await modelsRequest).filter((model) => model.state !== "ARCHIVED");
    if (models.length === 0) return { items: [] };
    const ids = models.map((model) => model.id ?? "");
    versions = await listModelVersions(
      ctx,
      what,
      versionConditions(clauses, ids.length <= MAX_PUSHED_IDS ? ids : undefined),
    );
  } else {
    [models, versions] = await Promise.all([
      modelsRequest,
      listModelVersions(ctx, what, versionConditions(clauses)),
    ]);
  }
  const liveModels = new Map(
    models.filter((model) => model.state !== "ARCHIVED").map((model) => [model.id ?? "", model]),
  );
  const candidates: Candidate[] = [];
  for (const version of versions) {
    const model = liveModels.get(version.registeredModelId);
    if (model === undefined || version.state === "ARCHIVED") continue;
    candidates.push({ version, model, mlflow: toMlflowModelVersion(version, model) });
  }
  const filtersSource = clauses.some((c) => c.type === "attribute" && c.key === "source_path");
  if (filtersSource) await resolveSources(ctx, candidates, what);
  const matching = candidates
    .filter((candidate) => modelVersionMatches(clauses, candidate.mlflow))
    .sort((a, b) => compare(a.mlflow, b.mlflow));
  const result = page(matching, offset, maxResults, fingerprint);
  if (!filtersSource) await resolveSources(ctx, result.items, what);
  return { ...result, items: result.items.map((candidate) => candidate.mlflow) };
}
