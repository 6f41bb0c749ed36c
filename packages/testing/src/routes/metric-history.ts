import { badRequest, HttpError } from "../core/http-error.js";
import { parseInt32 } from "../core/int32.js";
import { compileLike } from "../core/like.js";
import { type ListParams, readListParams } from "../core/paging.js";
import { ok, type RouteContext, type RouteDefinition, route } from "../core/route-kit.js";
import type { HistoryRow } from "../state/rows.js";
import { listRows } from "./context-queries.js";
import { getContext } from "./context-service.js";

function readStepIds(context: RouteContext): Set<number> | undefined {
  const text = context.query.get("stepIds");
  if (!text) return undefined;
  const steps = new Set<number>();
  for (const part of text.split(",")) {
    const trimmed = part.trim();
    if (trimmed === "") continue;
    const step = parseInt32(trimmed);
    if (typeof step === "string") {
      throw badRequest(`invalid step ID '${trimmed}': must be a valid integer`);
    }
    steps.add(step);
  }
  return steps;
}

function listHistory(context: RouteContext, rows: readonly HistoryRow[], params: ListParams) {
  const name = context.query.get("name");
  const steps = readStepIds(context);
  const nameMatch = name
    ? compileLike(`%${name}%`, { caseInsensitive: context.state.caseInsensitive })
    : undefined;
  const where =
    nameMatch || steps
      ? (row: HistoryRow) =>
          (nameMatch === undefined || nameMatch.test(row.storedName)) &&
          (steps === undefined || steps.has(row.api["step"] as number))
      : null;
  return listRows(context, rows, params, { filter: "metricHistory", where });
}

/** Both metric-history endpoints: `name` substring, `stepIds`, filterQuery and paging. @internal */
export const metricHistoryRoutes: RouteDefinition[] = [
  route("GET", "/experiment_runs/{experimentrunId}/metric_history", (context) => {
    const params = readListParams(context.query);
    const idText = context.params["experimentrunId"] ?? "";
    let run: ReturnType<typeof getContext>;
    try {
      run = getContext(context, "experimentRun", idText);
    } catch (error) {
      if (error instanceof HttpError && error.status === 404) {
        throw new HttpError(404, `experiment run not found: ${error.message}`);
      }
      throw error;
    }
    return ok(listHistory(context, context.state.historyByRun.get(run.id) ?? [], params));
  }),
  route("GET", "/experiment_runs/metric_history", (context) => {
    const params = readListParams(context.query);
    return ok(listHistory(context, context.state.history.rows, params));
  }),
];
