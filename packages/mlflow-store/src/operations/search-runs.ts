import type { Artifact, ExperimentRun } from "@model-registry/registry-client";
import { customPropertyTexts } from "../mapping/custom-property-text.js";
import { MODEL_KEYS } from "../mapping/logged-model.js";
import { isMetricArtifact, METRIC_NAN_PROPERTY } from "../mapping/metric.js";
import { isParameterArtifact } from "../mapping/param.js";
import { readRunModelLinks } from "../mapping/run-model-links.js";
import { registryLifecycleFilter } from "../search/index.js";
import type { StoreContext } from "../store-context.js";
import type { MlflowStore, PagedList, Run, SearchRunsOptions } from "../types.js";
import { validateExperimentId, validateMaxResults } from "../validation/index.js";
import { createBestOf } from "./best-of.js";
import { registryCall } from "./registry-call.js";
import { createPageGuard, forEachPage } from "./registry-pages.js";
import { API, isRegistryId } from "./registry-paths.js";
import { ARTIFACT_LIST, RUN_LIST } from "./response-shapes.js";
import { rememberRun } from "./run-access.js";
import { learnFromArtifacts, toMlflowRun } from "./run-artifacts.js";
import { planRunsQuery } from "./run-query.js";

function idList(ids: readonly string[]): string {
  return `(${ids.join(", ")})`;
}

function and(...parts: (string | undefined)[]): string | undefined {
  const present = parts.filter((part): part is string => part !== undefined && part !== "");
  if (present.length === 0) return undefined;
  return present.length === 1 ? present[0] : present.map((part) => `(${part})`).join(" AND ");
}

/**
 * MLflow's search_runs over the registry, with a bounded number of requests whatever the size of
 * the experiments:
 * 1. one `GET /experiment_runs` for every run of the experiments, with the view type (and any
 *    clause whose meaning is identical in the registry) pushed into `filterQuery`, so the view
 *    type filters before paging;
 * 2. when the filter or order names metrics or params: one `GET /artifacts` for exactly those
 *    keys across the experiments (param clauses narrow it to matching values); when it names
 *    datasets: one `GET /artifacts` of the datasets;
 * 3. filter and order (MLflow's defaults and tie-breaks) in one pass, keeping only the runs that
 *    can reach the requested page;
 * 4. one `GET /artifacts` with `experimentRunId IN (…)` for the full data of the page's runs, and
 *    one for the experiments' models.
 * With `searchPageSize`, steps 1 and 2 read registry pages of that size (one request per page)
 * and each page of runs is evaluated and dropped before the next is read, so memory holds the
 * narrowed artifacts and the runs that can reach the page, not every run. No MLflow run order is
 * a registry order (`start_time` is a string property, not the create time; run ids order as
 * strings), so every candidate is still read.
 * @internal
 */
export function createSearchRunsOperation(ctx: StoreContext): MlflowStore["searchRuns"] {
  const pageSize = ctx.searchPageSize;

  /** One page of a list; without `searchPageSize` the whole list. */
  function pageQuery(nextPageToken: string | undefined): Record<string, string> {
    if (pageSize === undefined) return {};
    return {
      pageSize: String(pageSize),
      ...(nextPageToken ? { nextPageToken } : {}),
    };
  }

  /** Calls `onPage` with each page of artifacts matching `filterQuery`. */
  async function eachArtifactPage(
    filterQuery: string,
    artifactType: "dataset-artifact" | "model-artifact" | undefined,
    onPage: (items: Artifact[]) => void,
  ): Promise<void> {
    await forEachPage(
      ctx,
      "searchRuns",
      ARTIFACT_LIST,
      (token) =>
        ctx.client.GET(`${API}/artifacts`, {
          params: {
            query: {
              filterQuery,
              ...(artifactType ? { artifactType } : {}),
              ...pageQuery(token),
            },
          },
        }),
      (items) => {
        onPage(items);
        // Without searchPageSize the registry answers the whole list at once.
        return pageSize !== undefined;
      },
    );
  }

  async function listArtifacts(
    filterQuery: string,
    artifactType?: "dataset-artifact" | "model-artifact",
  ): Promise<Artifact[]> {
    const items: Artifact[] = [];
    await eachArtifactPage(filterQuery, artifactType, (page) => {
      for (const item of page) items.push(item);
    });
    return items;
  }

  function runsPage(filterQuery: string, token: string | undefined) {
    return registryCall(
      "searchRuns",
      RUN_LIST,
      ctx.client.GET(`${API}/experiment_runs`, {
        params: { query: { filterQuery, ...pageQuery(token) } },
      }),
    );
  }

  return async function searchRuns(options: SearchRunsOptions): Promise<PagedList<Run>> {
    const maxResults =
      validateMaxResults("searchRuns", options.maxResults) ?? Number.POSITIVE_INFINITY;
    const viewType = options.runViewType ?? "ACTIVE_ONLY";
    for (const id of options.experimentIds) validateExperimentId(id);
    const plan = planRunsQuery(options);
    const { offset } = plan;
    const experimentIds = [...new Set(options.experimentIds)].filter(isRegistryId);
    if (experimentIds.length === 0) return { items: [] };
    const scope = `experimentId IN ${idList(experimentIds)}`;
    const runFilter = and(scope, registryLifecycleFilter(viewType), plan.runFilterQuery) ?? scope;

    // The artifacts the filter and order read, kept only for the keys they name.
    const byRun = new Map<string, Artifact[]>();
    const keep = (artifact: Artifact) => {
      const runId = artifact.experimentRunId;
      if (runId === undefined) return;
      const list = byRun.get(runId);
      if (list) list.push(artifact);
      else byRun.set(runId, [artifact]);
    };
    const readsKeys = plan.metricKeys.size + plan.paramKeys.size > 0;
    // The first page of runs, the key artifacts and the dataset inputs are read at once.
    const firstRuns = runsPage(runFilter, undefined);
    await Promise.all([
      readsKeys
        ? eachArtifactPage(and(scope, plan.keyArtifactFilterQuery) ?? scope, undefined, (page) => {
            for (const a of page) {
              if (isMetricArtifact(a) && plan.metricKeys.has(a.name ?? "")) keep(slimMetric(a));
              if (isParameterArtifact(a) && plan.paramKeys.has(a.name ?? "")) keep(slimParam(a));
            }
          })
        : undefined,
      plan.needsDatasets
        ? eachArtifactPage(scope, "dataset-artifact", (page) => {
            for (const a of page) keep(a);
          })
        : undefined,
      firstRuns,
    ]);

    // Each run's view is built, tested and dropped unless it can reach the page.
    const best = createBestOf<{ run: ExperimentRun; view: Run }>(offset + maxResults, (a, b) =>
      plan.compare(a.view, b.view),
    );
    let matched = 0;
    const nextRunsPage = createPageGuard("searchRuns", ctx.maxPages);
    let runs = await firstRuns;
    for (;;) {
      for (const run of runs.items) {
        if (!experimentIds.includes(run.experimentId)) continue;
        const view = toMlflowRun(run, byRun.get(run.id ?? "") ?? [], ctx.artifactRoot);
        if (!plan.matches(view)) continue;
        matched++;
        best.offer({ run, view });
      }
      const token = pageSize === undefined ? undefined : nextRunsPage(runs.nextPageToken);
      if (token === undefined) break;
      runs = await runsPage(runFilter, token);
    }
    const page = best.sorted().slice(offset, offset + maxResults);
    const nextOffset = offset + maxResults;
    const items = await loadFullRuns(
      page.map((entry) => entry.run),
      scope,
    );
    return nextOffset < matched ? { items, nextPageToken: plan.pageToken(nextOffset) } : { items };
  };

  /**
   * The page's runs in full: their artifacts in one request, plus the experiments' models in one
   * more, because a model linked to several runs names only the last of them in `experimentRunId`.
   */
  async function loadFullRuns(runs: ExperimentRun[], scope: string): Promise<Run[]> {
    if (runs.length === 0) return [];
    const [artifacts, models] = await Promise.all([
      listArtifacts(`experimentRunId IN ${idList(runs.map((run) => run.id ?? "0"))}`),
      listArtifacts(scope, "model-artifact"),
    ]);
    const byRun = groupByRun(artifacts);
    return runs.map((run) => {
      const runId = run.id ?? "";
      const known = rememberRun(ctx, run);
      const own = byRun.get(runId) ?? [];
      const ownIds = new Set(own.map((artifact) => artifact.id));
      const linked = models.filter((model) => !ownIds.has(model.id) && isModelOfRun(model, runId));
      learnFromArtifacts(known, own, true);
      return toMlflowRun(run, [...own, ...linked], ctx.artifactRoot);
    });
  }
}

type MetricArtifact = Extract<Artifact, { artifactType: "metric" }>;
type ParameterArtifact = Extract<Artifact, { artifactType: "parameter" }>;

/** `source` with only `keys` (those present); matching and ordering read no more. */
function pick<T extends object>(source: T, keys: readonly (keyof T)[]): T {
  const out: Partial<T> = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  return out as T;
}

/** A metric artifact reduced to what matching and ordering read (the rest is dropped to save memory). */
function slimMetric(a: MetricArtifact): MetricArtifact {
  const slim = pick(a, [
    "artifactType",
    "name",
    "value",
    "step",
    "timestamp",
    "lastUpdateTimeSinceEpoch",
    "createTimeSinceEpoch",
    "experimentRunId",
  ]);
  const nan = a.customProperties?.[METRIC_NAN_PROPERTY];
  return nan === undefined ? slim : { ...slim, customProperties: { [METRIC_NAN_PROPERTY]: nan } };
}

/** A parameter artifact reduced to what matching and ordering read. */
function slimParam(a: ParameterArtifact): ParameterArtifact {
  return pick(a, ["artifactType", "name", "value", "experimentRunId"]);
}

function groupByRun(artifacts: readonly Artifact[]): Map<string, Artifact[]> {
  const byRun = new Map<string, Artifact[]>();
  for (const artifact of artifacts) {
    const runId = artifact.experimentRunId;
    if (runId === undefined) continue;
    const list = byRun.get(runId);
    if (list) list.push(artifact);
    else byRun.set(runId, [artifact]);
  }
  return byRun;
}

/** True when a model artifact is attributed to the run: produced there or linked to it. */
function isModelOfRun(model: Artifact, runId: string): boolean {
  const props = customPropertyTexts(model.customProperties);
  if (props[MODEL_KEYS.sourceRunId] === runId) return true;
  const links = readRunModelLinks(props);
  return (
    links !== undefined &&
    (links.inputRunIds.includes(runId) || links.outputRunSteps[runId] !== undefined)
  );
}
