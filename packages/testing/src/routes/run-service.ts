import type { DecodedBody } from "../core/decode-body.js";
import { badRequest } from "../core/http-error.js";
import type { RouteContext } from "../core/route-kit.js";
import type { ApiObject, ContextRow } from "../state/rows.js";
import { createContextRow, getContext, updateContextRow } from "./context-service.js";

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Parses like Go's `strconv.ParseInt(value, 10, 64)`, failing with the server's 400. */
function parseTime(value: string, field: string): bigint {
  const problem = !/^[+-]?[0-9]+$/.test(value)
    ? "invalid syntax"
    : BigInt(value) < INT64_MIN || BigInt(value) > INT64_MAX
      ? "value out of range"
      : undefined;
  if (problem !== undefined) {
    throw badRequest(
      `invalid ${field} value: strconv.ParseInt: parsing ${JSON.stringify(value)}: ${problem}`,
    );
  }
  return BigInt(value);
}

/** Start and end times are checked only when both are set (after merging). @internal */
export function checkRunTimes(run: Record<string, unknown>): void {
  const start = run["startTimeSinceEpoch"];
  const end = run["endTimeSinceEpoch"];
  if (typeof start !== "string" || typeof end !== "string") return;
  // The server parses the end time first.
  const endMs = parseTime(end, "EndTimeSinceEpoch");
  const startMs = parseTime(start, "StartTimeSinceEpoch");
  if (endMs < startMs) {
    throw badRequest(
      `EndTimeSinceEpoch (${endMs}) cannot be less than StartTimeSinceEpoch (${startMs})`,
    );
  }
}

const RUN_SKIP = ["experimentId", "createTimeSinceEpoch", "lastUpdateTimeSinceEpoch"];

/** Creates a run in an experiment (a UUID name when none is given). @internal */
export function createRunRow(
  context: RouteContext,
  experimentId: number,
  body: DecodedBody,
): ContextRow {
  checkRunTimes(body);
  const named = typeof body["name"] === "string";
  return createContextRow(context, {
    kind: "experimentRun",
    name: named ? (body["name"] as string) : context.uuid(),
    generatedName: !named,
    parentId: experimentId,
    body,
    skip: RUN_SKIP,
  });
}

/**
 * A full `ExperimentRun` body with `id` updates that run (here `startTimeSinceEpoch` is editable)
 * and links it to the path's experiment as a second parent.
 * @internal
 */
export function upsertRunWithId(
  context: RouteContext,
  experimentId: number,
  body: DecodedBody,
): ContextRow {
  const run = getContext(context, "experimentRun", body["id"] as string);
  updateContextRow(context, run, body, {
    skip: RUN_SKIP,
    validate: (merged: ApiObject) => checkRunTimes(merged),
  });
  // The run keeps its experimentId but is also listed under this experiment from now on.
  context.state.linkContext(run, experimentId);
  return run;
}
