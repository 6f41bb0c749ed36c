import type { MlflowClient } from "../client/mlflow-client.js";
import { stringifyValue } from "../client/stringify-value.js";
import { dict } from "../mapping/dict.js";
import { MlflowError } from "../mlflow-error.js";
import { DEFAULT_EXPERIMENT_ID } from "../operations/default-experiment.js";
import type { Run } from "../types.js";
import type { StartRunOptions } from "./fluent-types.js";

/** What creating a fluent run needs from its fluent instance. @internal */
export interface NewRunContext {
  /** The experiment of a run started without `experimentId`. */
  experimentId(): Promise<string>;
  /** The automatic context tags. */
  contextTags(): Promise<Record<string, string>>;
}

/**
 * Creates a fluent run as MLflow's `start_run` does: parent from `parentRunId` or the active run
 * (`top`), user tags over context tags, plus `mlflow.note.content`, `mlflow.parentRunId` and
 * `mlflow.runName`.
 * @internal
 */
export async function createNewRun(
  c: MlflowClient,
  opts: StartRunOptions,
  top: Run | undefined,
  context: NewRunContext,
): Promise<Run> {
  let parentRunId = top?.info.runId;
  if (opts.parentRunId !== undefined) {
    if (top && top.info.runId !== opts.parentRunId) {
      throw MlflowError.invalidParameterValue(
        `Current run with UUID ${top.info.runId} does not match the specified parentRunId ${opts.parentRunId}. To start a new nested run under the parent run with UUID ${top.info.runId}, first end the current run with endRun().`,
      );
    }
    const parent = await c.getRun(opts.parentRunId);
    if (parent.info.lifecycleStage === "deleted") {
      throw MlflowError.invalidParameterValue(
        `Cannot start a nested run under the deleted run ${opts.parentRunId}.`,
      );
    }
    parentRunId = opts.parentRunId;
  }
  const experimentId = opts.experimentId ?? (await context.experimentId());
  const userTags = dict<string>();
  for (const [key, value] of Object.entries(opts.tags ?? {})) userTags[key] = stringifyValue(value);
  if (opts.description !== undefined) {
    const note = userTags["mlflow.note.content"];
    if (note !== undefined && note !== opts.description) {
      throw MlflowError.invalidParameterValue(
        `Description is already set via the tag mlflow.note.content in tags. Remove the key mlflow.note.content from the tags or omit the description.`,
      );
    }
    userTags["mlflow.note.content"] = opts.description;
  }
  if (parentRunId !== undefined) userTags["mlflow.parentRunId"] = parentRunId;
  if (opts.runName !== undefined) userTags["mlflow.runName"] = opts.runName;
  const tags = dict(await context.contextTags(), userTags);
  return c.createRun(experimentId, {
    tags,
    ...(opts.runName === undefined ? {} : { runName: opts.runName }),
  });
}

/**
 * Resumes a run as MLflow's `start_run(run_id=…)` does: it must not be deleted and must belong to
 * the expected experiment; status back to RUNNING, tags and description added.
 * @internal
 */
export async function resumeRun(
  c: MlflowClient,
  opts: StartRunOptions,
  runId: string,
  activeExperimentId: string | undefined,
): Promise<Run> {
  const existing = await c.getRun(runId);
  if (existing.info.lifecycleStage === "deleted") {
    throw MlflowError.invalidParameterValue(
      `Cannot start run with ID ${runId} because it is in the deleted state.`,
    );
  }
  let expected = opts.experimentId ?? activeExperimentId;
  if (expected === DEFAULT_EXPERIMENT_ID) expected = (await c.getExperiment(expected)).experimentId;
  if (expected !== undefined && expected !== existing.info.experimentId) {
    throw MlflowError.invalidParameterValue(
      `The run ${runId} belongs to experiment ${existing.info.experimentId}, not to experiment ${expected}.`,
    );
  }
  await c.updateRun(runId, {
    status: "RUNNING",
    ...(opts.runName === undefined ? {} : { name: opts.runName }),
  });
  const tags = Object.entries(opts.tags ?? {}).map(([key, value]) => ({ key, value }));
  if (opts.description !== undefined)
    tags.push({ key: "mlflow.note.content", value: opts.description });
  await c.logBatch(runId, { tags }, { synchronous: true });
  return c.getRun(runId);
}
