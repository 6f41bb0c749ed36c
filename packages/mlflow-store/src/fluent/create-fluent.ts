import { AsyncLocalStorage } from "node:async_hooks";
import { createMlflowClient } from "../client/create-mlflow-client.js";
import type { MlflowClient } from "../client/mlflow-client.js";
import { stringifyValue } from "../client/stringify-value.js";
import { isMlflowError, MlflowError } from "../mlflow-error.js";
import {
  DEFAULT_TRACKING_URI,
  getTrackingStore,
  type TrackingStoreRegistry,
} from "../tracking-store-registry.js";
import type { Experiment, MlflowStore, Run, RunStatus } from "../types.js";
import type { Fluent, StartRunOptions } from "./fluent-types.js";
import { resolveRunContextTags } from "./resolve-run-context-tags.js";

/** The part of `process` used to end runs left active at exit. @public */
export interface FluentExitProcess {
  on(event: "beforeExit", listener: () => void): unknown;
  removeListener(event: "beforeExit", listener: () => void): unknown;
}

/** Options of {@link createFluent}. @public */
export interface FluentOptions {
  /** Initial tracking URI. @default env MLFLOW_TRACKING_URI, else `modelregistry://` */
  trackingUri?: string;
  /** Use this store until `setTrackingUri` is called (instead of resolving the URI). */
  store?: MlflowStore;
  /** Where tracking URIs are resolved. @default the shared registry (getTrackingStore) */
  registry?: Pick<TrackingStoreRegistry, "getTrackingStore">;
  /** @default process.env */
  env?: Record<string, string | undefined>;
  /** Clock in ms since the epoch. @default Date.now */
  now?: () => number;
  /** The automatic tags of new runs, computed once. @default resolveRunContextTags({ env }) */
  contextTags?: () => Promise<Record<string, string>>;
  /**
   * End runs still active (FINISHED) when the process event loop runs dry, as MLflow ends them
   * at interpreter exit; `false` to leave them. @default process
   */
  endRunsOnExit?: false | FluentExitProcess;
}

interface ActiveEntry {
  readonly run: Run;
  readonly client: MlflowClient;
}

const DEFAULT_EXPERIMENT_NAME = "Default";

/**
 * Creates an isolated fluent API instance (the module-level functions use a shared default one).
 * @public
 */
export function createFluent(options: FluentOptions = {}): Fluent {
  const env = options.env ?? process.env;
  const now = options.now ?? Date.now;
  const getStore = (uri: string) =>
    (options.registry?.getTrackingStore ?? getTrackingStore)(uri, { env });
  let trackingUri = options.trackingUri;
  let fixedStore = options.store;
  let client: MlflowClient | undefined;
  let activeExperimentId: string | undefined;
  let lastRunId: string | null = null;
  let contextTags: Promise<Record<string, string>> | undefined;
  const rootStack: ActiveEntry[] = [];
  const contextStacks = new AsyncLocalStorage<ActiveEntry[]>();
  const stack = () => contextStacks.getStore() ?? rootStack;
  const exitProcess =
    options.endRunsOnExit === false ? undefined : (options.endRunsOnExit ?? process);

  const getTrackingUri = () => trackingUri ?? env.MLFLOW_TRACKING_URI ?? DEFAULT_TRACKING_URI;
  const getClient = (): MlflowClient => {
    client ??= createMlflowClient({
      store: fixedStore ?? getStore(getTrackingUri()),
      env,
      now,
    });
    return client;
  };

  const onBeforeExit = (): void => {
    const entries = rootStack.splice(0, rootStack.length).reverse();
    syncExitHook();
    for (const entry of entries) {
      lastRunId = entry.run.info.runId;
      entry.client.setTerminated(entry.run.info.runId, "FINISHED").catch((error: unknown) => {
        console.error(
          "[@model-registry/mlflow-store] could not end the active run at exit:",
          error,
        );
      });
    }
  };
  let hooked = false;
  function syncExitHook(): void {
    if (exitProcess === undefined) return;
    if (rootStack.length > 0 && !hooked) exitProcess.on("beforeExit", onBeforeExit);
    if (rootStack.length === 0 && hooked) exitProcess.removeListener("beforeExit", onBeforeExit);
    hooked = rootStack.length > 0;
  }

  async function setExperiment(
    experiment: string | { experimentName?: string; experimentId?: string },
  ): Promise<Experiment> {
    const { experimentName, experimentId } =
      typeof experiment === "string"
        ? { experimentName: experiment, experimentId: undefined }
        : experiment;
    if ((experimentName === undefined) === (experimentId === undefined)) {
      throw MlflowError.invalidParameterValue(
        "Must specify exactly one of: `experimentId` or `experimentName`.",
      );
    }
    const c = getClient();
    const found =
      experimentId !== undefined
        ? await c.getExperiment(experimentId)
        : await getOrCreateExperiment(c, experimentName!);
    if (found.lifecycleStage === "deleted") {
      throw MlflowError.invalidParameterValue(
        `Cannot set a deleted experiment '${found.name}' as the active experiment. You can restore the experiment, or permanently delete the experiment to create a new one.`,
      );
    }
    activeExperimentId = found.experimentId;
    return found;
  }

  async function experimentForNewRun(c: MlflowClient): Promise<string> {
    if (activeExperimentId !== undefined) return activeExperimentId;
    const byName = env.MLFLOW_EXPERIMENT_NAME;
    if (byName) return (await getOrCreateExperiment(c, byName)).experimentId;
    const byId = env.MLFLOW_EXPERIMENT_ID;
    if (byId) return (await c.getExperiment(byId)).experimentId;
    return (await getOrCreateExperiment(c, DEFAULT_EXPERIMENT_NAME)).experimentId;
  }

  async function startRun(opts: StartRunOptions = {}): Promise<Run> {
    const runs = stack();
    const top = runs.at(-1);
    if (top && !opts.nested) {
      throw new MlflowError(
        `Run with UUID ${top.run.info.runId} is already active. To start a new run, first end the current run with endRun(). To start a nested run, call startRun with nested: true.`,
        "INVALID_STATE",
      );
    }
    const c = getClient();
    const run =
      opts.runId === undefined
        ? await createNewRun(c, opts, top)
        : await resumeRun(c, opts, opts.runId);
    runs.push({ run, client: c });
    syncExitHook();
    return run;
  }

  async function createNewRun(
    c: MlflowClient,
    opts: StartRunOptions,
    top: ActiveEntry | undefined,
  ): Promise<Run> {
    let parentRunId = top?.run.info.runId;
    if (opts.parentRunId !== undefined) {
      if (top && top.run.info.runId !== opts.parentRunId) {
        throw MlflowError.invalidParameterValue(
          `Current run with UUID ${top.run.info.runId} does not match the specified parentRunId ${opts.parentRunId}. To start a new nested run under the parent run with UUID ${top.run.info.runId}, first end the current run with endRun().`,
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
    const experimentId = opts.experimentId ?? (await experimentForNewRun(c));
    const userTags: Record<string, string> = {};
    for (const [key, value] of Object.entries(opts.tags ?? {}))
      userTags[key] = stringifyValue(value);
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
    contextTags ??= (options.contextTags ?? (() => resolveRunContextTags({ env })))();
    const tags = { ...(await contextTags), ...userTags };
    return c.createRun(experimentId, {
      tags,
      ...(opts.runName === undefined ? {} : { runName: opts.runName }),
    });
  }

  async function resumeRun(c: MlflowClient, opts: StartRunOptions, runId: string): Promise<Run> {
    const existing = await c.getRun(runId);
    if (existing.info.lifecycleStage === "deleted") {
      throw MlflowError.invalidParameterValue(
        `Cannot start run with ID ${runId} because it is in the deleted state.`,
      );
    }
    const expected = opts.experimentId ?? activeExperimentId;
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

  async function endRun(status: RunStatus = "FINISHED"): Promise<void> {
    const entry = stack().pop();
    syncExitHook();
    if (entry === undefined) return;
    lastRunId = entry.run.info.runId;
    await entry.client.setTerminated(entry.run.info.runId, status);
  }

  /** Ends `run` and any run started above it in the same context, all with `status`. */
  async function endThrough(run: Run, status: RunStatus): Promise<void> {
    const runs = stack();
    while (runs.some((e) => e.run.info.runId === run.info.runId)) await endRun(status);
  }

  async function withRun<T>(fn: (run: Run) => T | Promise<T>, opts?: StartRunOptions): Promise<T> {
    return contextStacks.run([...stack()], async () => {
      const run = await startRun(opts);
      let result: T;
      try {
        result = await fn(run);
      } catch (error) {
        await endThrough(run, "FAILED").catch(() => undefined);
        throw error;
      }
      await endThrough(run, "FINISHED");
      return result;
    });
  }

  async function activeRunId(): Promise<{ runId: string; client: MlflowClient }> {
    let top = stack().at(-1);
    if (top === undefined) {
      await startRun();
      top = stack().at(-1)!;
    }
    return { runId: top.run.info.runId, client: top.client };
  }

  async function activeExperiment(): Promise<{ experimentId: string; client: MlflowClient }> {
    const c = getClient();
    return { experimentId: await experimentForNewRun(c), client: c };
  }

  return {
    setTrackingUri(uri) {
      trackingUri = uri;
      fixedStore = undefined;
      client = undefined;
      activeExperimentId = undefined;
    },
    getTrackingUri,
    getClient,
    setExperiment,
    startRun,
    withRun,
    endRun,
    activeRun: () => stack().at(-1)?.run ?? null,
    lastActiveRunId: () => lastRunId,
    async logParam(key, value, opts) {
      const { runId, client: c } = await activeRunId();
      return c.logParam(runId, key, value, opts);
    },
    async logParams(params, opts) {
      const { runId, client: c } = await activeRunId();
      await c.logBatch(
        runId,
        { params: Object.entries(params).map(([key, value]) => ({ key, value })) },
        opts,
      );
    },
    async logMetric(key, value, opts = {}) {
      const { runId, client: c } = await activeRunId();
      await c.logMetric(runId, key, value, opts);
    },
    async logMetrics(metrics, opts = {}) {
      const { runId, client: c } = await activeRunId();
      const timestamp = opts.timestamp ?? Math.floor(now());
      const step = opts.step ?? 0;
      const list = Object.entries(metrics).map(([key, value]) => ({ key, value, timestamp, step }));
      await c.logBatch(runId, { metrics: list }, opts);
    },
    async setTag(key, value, opts) {
      const { runId, client: c } = await activeRunId();
      await c.setTag(runId, key, value, opts);
    },
    async setTags(tags, opts) {
      const { runId, client: c } = await activeRunId();
      await c.logBatch(
        runId,
        { tags: Object.entries(tags).map(([key, value]) => ({ key, value })) },
        opts,
      );
    },
    async deleteTag(key) {
      const { runId, client: c } = await activeRunId();
      await c.deleteTag(runId, key);
    },
    async logInput(dataset, context, tags) {
      const { runId, client: c } = await activeRunId();
      const inputTags = Object.entries(tags ?? {}).map(([key, value]) => ({
        key,
        value: stringifyValue(value),
      }));
      if (context !== undefined) inputTags.push({ key: "mlflow.data.context", value: context });
      await c.logInputs(runId, { datasets: [{ dataset, tags: inputTags }] });
    },
    async setExperimentTag(key, value) {
      const { experimentId, client: c } = await activeExperiment();
      await c.setExperimentTag(experimentId, key, value);
    },
    async setExperimentTags(tags) {
      const { experimentId, client: c } = await activeExperiment();
      for (const [key, value] of Object.entries(tags))
        await c.setExperimentTag(experimentId, key, value);
    },
    flush: () => getClient().flush(),
  };
}

/** Finds an experiment by name, creating it when missing (a concurrent create is tolerated). */
async function getOrCreateExperiment(client: MlflowClient, name: string): Promise<Experiment> {
  const existing = await client.getExperimentByName(name);
  if (existing) return existing;
  try {
    return await client.getExperiment(await client.createExperiment(name));
  } catch (error) {
    if (isMlflowError(error) && error.errorCode === "RESOURCE_ALREADY_EXISTS") {
      const created = await client.getExperimentByName(name);
      if (created) return created;
    }
    throw error;
  }
}
