import { BODY_SPECS } from "../core/body-specs.js";
import { decodeBody } from "../core/decode-body.js";
import { readListParams } from "../core/paging.js";
import { jsonBody, ok, type RouteDefinition, route, wrote } from "../core/route-kit.js";
import { findTopLevel, listRows } from "./context-queries.js";
import {
  checkEpochFields,
  createContextRow,
  getContext,
  updateContextRow,
} from "./context-service.js";
import { createRunRow, upsertRunWithId } from "./run-service.js";

/** Experiments: list/create, get/patch, find, and the nested run list/upsert. @internal */
export const experimentRoutes: RouteDefinition[] = [
  route("GET", "/experiments", (context) => {
    const params = readListParams(context.query);
    return ok(listRows(context, context.state.experiments.rows, params, { filter: "experiment" }));
  }),
  route("POST", "/experiments", (context) => {
    const body = decodeBody(BODY_SPECS.ExperimentCreate, jsonBody(context));
    const row = createContextRow(context, {
      kind: "experiment",
      name: body["name"] as string,
      body,
    });
    return wrote(201, row.api);
  }),
  route("GET", "/experiments/{experimentId}", (context) =>
    ok(getContext(context, "experiment", context.params["experimentId"] ?? "").api),
  ),
  route("PATCH", "/experiments/{experimentId}", (context) => {
    const body = decodeBody(BODY_SPECS.ExperimentUpdate, jsonBody(context));
    const row = getContext(context, "experiment", context.params["experimentId"] ?? "");
    return wrote(200, updateContextRow(context, row, body).api);
  }),
  route("GET", "/experiment", (context) => ok(findTopLevel(context, "experiment").api)),
  route("GET", "/experiments/{experimentId}/experiment_runs", (context) => {
    const params = readListParams(context.query);
    const experiment = getContext(context, "experiment", context.params["experimentId"] ?? "");
    const runs = context.state.runsByExperiment.get(experiment.id) ?? [];
    return ok(listRows(context, runs, params, { filter: "experimentRun" }));
  }),
  route("POST", "/experiments/{experimentId}/experiment_runs", (context) => {
    const body = decodeBody(BODY_SPECS.ExperimentRun, jsonBody(context));
    checkEpochFields(body);
    const experiment = getContext(context, "experiment", context.params["experimentId"] ?? "");
    const row =
      body["id"] !== undefined
        ? upsertRunWithId(context, experiment.id, body)
        : createRunRow(context, experiment.id, body);
    return wrote(201, row.api);
  }),
];
