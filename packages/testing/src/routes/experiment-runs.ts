import { BODY_SPECS } from "../core/body-specs.js";
import { decodeBody } from "../core/decode-body.js";
import { notFound } from "../core/http-error.js";
import { parseId } from "../core/int32.js";
import { readListParams } from "../core/paging.js";
import { jsonBody, ok, type RouteDefinition, route, wrote } from "../core/route-kit.js";
import { listParentArtifacts, upsertParentArtifact } from "./artifact-upsert.js";
import { findChild, listRows } from "./context-queries.js";
import { getContext, updateContextRow } from "./context-service.js";
import { checkRunTimes, createRunRow } from "./run-service.js";

/** Experiment runs: list/create, get/patch, find. @internal */
export const experimentRunRoutes: RouteDefinition[] = [
  route("GET", "/experiment_runs", (context) => {
    const params = readListParams(context.query);
    return ok(listRows(context, context.state.runs.rows, params, { filter: "experimentRun" }));
  }),
  route("POST", "/experiment_runs", (context) => {
    const body = decodeBody(BODY_SPECS.ExperimentRunCreate, jsonBody(context));
    const experimentText = body["experimentId"] as string;
    const experimentId = parseId(experimentText, "experiment");
    if (!context.state.experiments.get(experimentId)) {
      throw notFound(`experiment not found: no experiment found for id ${experimentText}`);
    }
    return wrote(201, createRunRow(context, experimentId, body).api);
  }),
  route("GET", "/experiment_runs/{experimentrunId}", (context) =>
    ok(getContext(context, "experimentRun", context.params["experimentrunId"] ?? "").api),
  ),
  route("PATCH", "/experiment_runs/{experimentrunId}", (context) => {
    const body = decodeBody(BODY_SPECS.ExperimentRunUpdate, jsonBody(context));
    const run = getContext(context, "experimentRun", context.params["experimentrunId"] ?? "");
    const updated = updateContextRow(context, run, body, { validate: checkRunTimes });
    return wrote(200, updated.api);
  }),
  route("GET", "/experiment_run", (context) => ok(findChild(context, "experimentRun").api)),
];

/** A run's artifacts: list (no parent check; `name`/`externalId` ignored) and upsert. @internal */
export const runArtifactRoutes: RouteDefinition[] = [
  route("GET", "/experiment_runs/{experimentrunId}/artifacts", (context) => {
    const params = readListParams(context.query);
    const runId = parseId(context.params["experimentrunId"] ?? "", "experiment run");
    return ok(listParentArtifacts(context, runId, params));
  }),
  route("POST", "/experiment_runs/{experimentrunId}/artifacts", (context) => {
    const id = context.params["experimentrunId"] ?? "";
    return upsertParentArtifact(context, "experimentRun", () =>
      getContext(context, "experimentRun", id),
    );
  }),
];
