import { AsyncLocalStorage } from "node:async_hooks";
import { validateArtifactPath } from "../artifacts/artifact-path.js";
import { appendToUriPath } from "../artifacts/artifact-uri.js";
import { checkOptionKeys } from "../check-option-keys.js";
import { createMlflowClient } from "../client/create-mlflow-client.js";
import type { MlflowClient } from "../client/mlflow-client.js";
import { stringifyValue } from "../client/stringify-value.js";
import {
  CONNECTION_OPTION_KEYS,
  type ConnectionOptions,
  pickConnectionOptions,
} from "../connection-options.js";
import { MlflowError } from "../mlflow-error.js";
import { createFluentModelRegistry } from "../model-registry/register-model.js";
import { DEFAULT_EXPERIMENT_ID } from "../operations/default-experiment.js";
import {
  checkRegistryTrackingUri,
  getTrackingStore,
  type TrackingStoreRegistry,
} from "../tracking-store-registry.js";
import { effectiveTrackingUri, givenUri } from "../tracking-uri.js";
import type { Experiment, MlflowStore, Run, RunStatus } from "../types.js";
import type { Fluent, StartRunOptions } from "./fluent-types.js";
import { getOrCreateExperiment } from "./get-or-create-experiment.js";
import { resolveRunContextTags } from "./resolve-run-context-tags.js";
import { createNewRun, resumeRun } from "./start-run.js";

/** The part of `process` used to end runs left active at exit. @public */
export interface FluentExitProcess {
  on(event: "beforeExit", listener: () => void): unknown;
  removeListener(event: "beforeExit", listener: () => void): unknown;
}

/**
 * Options of {@link createFluent}. The connection options (see {@link ConnectionOptions}) apply to
 * every store the instance creates from a tracking URI; `setTrackingUri(uri, options)` can add to
 * them for one URI.
 * @public
 */
export interface FluentOptions extends ConnectionOptions {
  /** Initial tracking URI. @default env MLFLOW_TRACKING_URI (blank counts as unset), else `modelregistry://` */
  trackingUri?: string | undefined;
  /** Use this store until `setTrackingUri` is called (instead of resolving the URI). */
  store?: MlflowStore | undefined;
  /** Where tracking URIs are resolved. @default the shared registry (getTrackingStore) */
  registry?: Pick<TrackingStoreRegistry, "getTrackingStore"> | undefined;
  /** Read for MLFLOW_* variables and given to the stores it creates. @default process.env */
  env?: Record<string, string | undefined> | undefined;
  /** Clock in ms since the epoch. @default Date.now */
  now?: (() => number) | undefined;
  /** The automatic tags of new runs, computed once. @default resolveRunContextTags({ env }) */
  contextTags?: (() => Promise<Record<string, string>>) | undefined;
  /**
   * End runs still active (FINISHED) when the process event loop runs dry, as MLflow ends them
   * at interpreter exit; `false` to leave them. @default process
   */
  endRunsOnExit?: false | FluentExitProcess | undefined;
}

/** Every key of {@link FluentOptions} (a type test checks that none is missing). @internal */
export const FLUENT_OPTION_KEYS = [
  "trackingUri",
  "store",
  "registry",
  "env",
  "now",
  "contextTags",
  "endRunsOnExit",
  ...CONNECTION_OPTION_KEYS,
] as const satisfies readonly (keyof FluentOptions)[];

/** Rejects a tracking URI with credentials now rather than at the first logging call. */
function checkTrackingUri(uri: string | undefined): void {
  const given = givenUri(uri);
  if (given !== undefined) checkRegistryTrackingUri(given);
}

interface ActiveEntry {
  readonly run: Run;
  readonly client: MlflowClient;
}

/**
 * Creates an isolated fluent API instance (the module-level functions use a shared default one).
 * @public
 */
export function createFluent(options: FluentOptions = {}): Fluent {
  checkOptionKeys(options, FLUENT_OPTION_KEYS, "createFluent");
  checkTrackingUri(options.trackingUri);
  const env = options.env ?? process.env;
  const now = options.now ?? Date.now;
  const defaultConnection = pickConnectionOptions(options);
  let connection = defaultConnection;
  const getStore = (uri: string) =>
    (options.registry?.getTrackingStore ?? getTrackingStore)(uri, {
      env,
      ...(connection === undefined ? {} : { connection }),
    });
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

  const getTrackingUri = () => effectiveTrackingUri(trackingUri, env);
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
    // MLflow's default experiment "0" (the registry experiment "Default", created on first use).
    return (await c.getExperiment(DEFAULT_EXPERIMENT_ID)).experimentId;
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
        ? await createNewRun(c, opts, top?.run, {
            experimentId: () => experimentForNewRun(c),
            contextTags: () => {
              contextTags ??= (options.contextTags ?? (() => resolveRunContextTags({ env })))();
              return contextTags;
            },
          })
        : await resumeRun(c, opts, opts.runId, activeExperimentId);
    runs.push({ run, client: c });
    syncExitHook();
    return run;
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
    setTrackingUri(uri, uriOptions) {
      checkOptionKeys(uriOptions, CONNECTION_OPTION_KEYS, "setTrackingUri");
      checkTrackingUri(uri);
      const own = pickConnectionOptions(uriOptions);
      connection = own === undefined ? defaultConnection : { ...defaultConnection, ...own };
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

    async logArtifact(localPath, artifactPath, opts) {
      const { runId, client: c } = await activeRunId();
      await c.logArtifact(runId, localPath, artifactPath, opts);
    },
    async logArtifacts(localDir, artifactPath, opts) {
      const { runId, client: c } = await activeRunId();
      await c.logArtifacts(runId, localDir, artifactPath, opts);
    },
    async logText(text, artifactFile, opts) {
      const { runId, client: c } = await activeRunId();
      await c.logText(runId, text, artifactFile, opts);
    },
    async logDict(dictionary, artifactFile, opts) {
      const { runId, client: c } = await activeRunId();
      await c.logDict(runId, dictionary, artifactFile, opts);
    },
    async listArtifacts(path) {
      const { runId, client: c } = await activeRunId();
      return c.listArtifacts(runId, path);
    },
    async downloadArtifacts(path, dstDir, opts) {
      const { runId, client: c } = await activeRunId();
      return c.downloadArtifacts(runId, path, dstDir, opts);
    },
    async getArtifactUri(artifactPath) {
      await activeRunId();
      const root = stack().at(-1)!.run.info.artifactUri;
      if (artifactPath === undefined) return root;
      return appendToUriPath(root, validateArtifactPath(artifactPath, { allowRoot: true }));
    },
    async logModel(opts) {
      const top = stack().at(-1);
      if (top !== undefined) return top.client.logModel({ ...opts, runId: top.run.info.runId });
      const { experimentId, client: c } = await activeExperiment();
      return c.logModel({ ...opts, experimentId });
    },
    ...createFluentModelRegistry(getClient),
  };
}
