import { deleteRunTag, setRunTag } from "../mapping/run.js";
import { MlflowError } from "../mlflow-error.js";
import type { StoreContext } from "../store-context.js";
import type { KeyValue, LogBatchInput, Metric, MlflowStore } from "../types.js";
import { postMetrics } from "./post-metrics.js";
import { checkUnattachedKeysFit } from "./post-run-artifact.js";
import { checkRunKeysFit } from "./registry-name-limits.js";
import {
  checkRunIdFormat,
  fetchRun,
  knownActiveRun,
  requireActiveRun,
  runNotActive,
} from "./run-access.js";
import { learnFromArtifacts, listRunArtifacts } from "./run-artifacts.js";
import {
  batchParamConflict,
  loadParams,
  newParams,
  paramConflict,
  postParam,
  postParams,
  readParamArtifacts,
} from "./run-params.js";
import { changeRunTags, type TagChange, writeRunTags } from "./run-tags.js";
import {
  validateLogBatch,
  validateMetricInput,
  validateParamInput,
  validateRunTagInput,
} from "./validate.js";

type RunWriteOperations = Pick<
  MlflowStore,
  "logMetric" | "logParam" | "setTag" | "deleteTag" | "logBatch"
>;

/** Writes to runs: metrics, params, tags and batches. @internal */
export function createRunWriteOperations(ctx: StoreContext): RunWriteOperations {
  async function logMetric(runId: string, metric: Metric): Promise<void> {
    const checked = validateMetricInput(metric);
    checkRunKeysFit(runId, { metrics: [checked] }, "single");
    const known = await knownActiveRun(ctx, runId, "logMetric");
    await postMetrics(ctx, known, [checked]);
  }

  async function logParam(runId: string, param: KeyValue): Promise<void> {
    const checked = validateParamInput(param, ctx.truncation);
    checkRunKeysFit(runId, { params: [checked] }, "single");
    const known = await knownActiveRun(ctx, runId, "logParam");
    await ctx.exclusive(`params:${runId}`, async () => {
      await loadParams(ctx, known, [checked.key], "logParam");
      const old = known.params.get(checked.key);
      if (old !== undefined && old !== checked.value)
        throw paramConflict(runId, checked.key, old, checked.value);
      if (old === undefined) {
        await ctx.lanes.run(() => postParam(ctx, known, checked), { urgent: true });
      }
    });
  }

  async function setTag(runId: string, tag: KeyValue): Promise<void> {
    const checked = validateRunTagInput(tag, ctx.truncation);
    await changeRunTags(
      ctx,
      runId,
      (properties) => setRunTag(properties, checked.key, checked.value),
      "setTag",
    );
  }

  async function deleteTag(runId: string, key: string): Promise<void> {
    await changeRunTags(
      ctx,
      runId,
      (properties, run) => {
        if (!deleteRunTag(properties, key, run)) {
          throw new MlflowError(
            `No tag with name: ${key} in run with id ${runId}`,
            "RESOURCE_DOES_NOT_EXIST",
          );
        }
      },
      "deleteTag",
    );
  }

  /**
   * MLflow's log_batch: validation of the whole batch, then the param write-once check before
   * anything is written, then params, metric points and tags at once (params and points share the
   * store's write lanes; tags are one read-modify-write). A failure is reported only after every
   * request of the batch settled; what landed is remembered (params, metric points) or harmless to
   * repeat (tags are upserts), so calling it again with the same batch writes only what is missing.
   * Requests: [GET run when tags are given or the run is not known] + [GET params when some are
   * not known] + one POST per new param and metric point + [PATCH tags] — at most M + P + 3.
   */
  async function logBatch(runId: string, batch: LogBatchInput): Promise<void> {
    const { metrics, params, tags } = validateLogBatch(batch, ctx.truncation);
    checkRunIdFormat(runId);
    checkRunKeysFit(runId, { metrics, params });
    const run = async () => {
      const cached = ctx.runs.get(runId);
      const mustFetch =
        tags.length > 0 ||
        cached === undefined ||
        ctx.now() - cached.confirmedAt > ctx.lifecycleTtlMs;
      const unknownKeys = params.map((p) => p.key).filter((key) => !cached?.params.has(key));
      // Metric writes need the run's latest points; one listing of all artifacts serves params too.
      const loadAll = metrics.length > 0 && !cached?.metricsComplete;
      const [current, loaded] = await Promise.all([
        mustFetch ? fetchRun(ctx, runId, "logBatch") : undefined,
        loadAll
          ? listRunArtifacts(ctx, runId, "logBatch")
          : readParamArtifacts(ctx, runId, unknownKeys, "logBatch"),
      ]);
      if (current !== undefined) requireActiveRun(current);
      const known = ctx.runs.get(runId) ?? (await knownActiveRun(ctx, runId, "logBatch"));
      if (known.lifecycleStage === "deleted") throw runNotActive(runId);
      learnFromArtifacts(known, loaded, loadAll);
      // Keys too long for the name of an artifact created without a parent: refused before
      // anything is written.
      checkUnattachedKeysFit(
        known,
        "metric",
        metrics.map((m) => m.key),
        (i) => `metrics[${i}].key`,
      );
      checkUnattachedKeysFit(
        known,
        "parameter",
        params.map((p) => p.key),
        (i) => `params[${i}].key`,
      );
      // The write-once check, then the param writes, hold the lock logParam takes; nothing else
      // is written before the check passed.
      let paramWrites: Promise<void> = Promise.resolve();
      if (params.length > 0) {
        let checked: () => void = () => {};
        const passed = new Promise<void>((resolve) => {
          checked = resolve;
        });
        paramWrites = ctx.exclusive(`params:${runId}`, async () => {
          const conflicts = params
            .map((p) => ({ key: p.key, value: p.value, old: known.params.get(p.key) }))
            .filter(
              (c): c is { key: string; value: string; old: string } =>
                c.old !== undefined && c.old !== c.value,
            );
          if (conflicts.length > 0) throw batchParamConflict(runId, conflicts);
          checked();
          await postParams(ctx, known, newParams(known, params));
        });
        await Promise.race([passed, paramWrites]);
      }
      const tagWrite =
        current === undefined || tags.length === 0
          ? undefined
          : writeRunTags(
              ctx,
              current,
              tags.map(
                (tag): TagChange =>
                  (properties) =>
                    setRunTag(properties, tag.key, tag.value),
              ),
              "logBatch",
            );
      // All settle before anything is reported, so a retry never races a write still in flight.
      const results = await Promise.allSettled([
        paramWrites,
        postMetrics(ctx, known, metrics),
        tagWrite,
      ]);
      const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
      if (failed) throw failed.reason;
    };
    // Tag writes are read-modify-write: hold the run's lock so this store's other tag writers wait.
    if (tags.length > 0) await ctx.exclusive(`run:${runId}`, run);
    else await run();
  }

  return { logMetric, logParam, setTag, deleteTag, logBatch };
}
