import type { ArtifactTransferOptions, FileInfo } from "../artifacts/artifact-repository.js";
import type { ArtifactRepositoryRegistry } from "../artifacts/artifact-repository-registry.js";
import { MlflowError } from "../mlflow-error.js";
import type { LoggedModelInfo, LogModelOptions } from "../models/log-model.js";
import { BoundedMap } from "../store-context.js";
import type { MlflowStore, Run } from "../types.js";

/** The artifact and model operations of the client (MlflowClient's names). @public */
export interface ArtifactMethods {
  /** MLflow `log_artifact`: uploads a local file to `artifactPath/<file name>` under the run's artifact URI. */
  logArtifact(
    runId: string,
    localPath: string,
    artifactPath?: string,
    options?: ArtifactTransferOptions,
  ): Promise<void>;
  /** MLflow `log_artifacts`: uploads the files below a local directory to `artifactPath/…`. */
  logArtifacts(
    runId: string,
    localDir: string,
    artifactPath?: string,
    options?: ArtifactTransferOptions,
  ): Promise<void>;
  /** MLflow `log_text`: stores `text` (UTF-8) as `artifactFile`. */
  logText(
    runId: string,
    text: string,
    artifactFile: string,
    options?: ArtifactTransferOptions,
  ): Promise<void>;
  /** MLflow `log_dict`: stores `dictionary` as YAML for `.yaml`/`.yml` files, else as JSON. */
  logDict(
    runId: string,
    dictionary: unknown,
    artifactFile: string,
    options?: ArtifactTransferOptions,
  ): Promise<void>;
  /** MLflow `list_artifacts`: the files and directories directly under `path` (default the root). */
  listArtifacts(runId: string, path?: string): Promise<FileInfo[]>;
  /**
   * MLflow `download_artifacts`: a file or a whole directory of the run into `dstDir` (default a
   * new temporary folder); resolves with its local path.
   */
  downloadArtifacts(
    runId: string,
    path: string,
    dstDir?: string,
    options?: ArtifactTransferOptions,
  ): Promise<string>;
  /**
   * Logs a model (MLflow 3's `Model.log`): creates the logged model, records it as the run's
   * output, uploads its files and MLmodel to its artifact location and finalizes it READY (FAILED
   * when the upload fails, the error rethrown). Resolves with the model and its `models:/<id>` URI.
   */
  logModel(options: LogModelOptions): Promise<LoggedModelInfo>;
  /** MLflow `log_model_artifact`: uploads a local file to the logged model's artifact location. */
  logModelArtifact(
    modelId: string,
    localPath: string,
    options?: ArtifactTransferOptions,
  ): Promise<void>;
  /** MLflow `log_model_artifacts`: uploads a local directory's files to the logged model's artifact location. */
  logModelArtifacts(
    modelId: string,
    localDir: string,
    options?: ArtifactTransferOptions,
  ): Promise<void>;
  /** The files and directories directly under `path` of a logged model's artifacts. */
  listLoggedModelArtifacts(modelId: string, path?: string): Promise<FileInfo[]>;
  /** Downloads a logged model's artifacts (all of them, or `path`) into `dstDir` (default a temporary folder). */
  downloadLoggedModelArtifacts(
    modelId: string,
    path?: string,
    dstDir?: string,
    options?: ArtifactTransferOptions,
  ): Promise<string>;
}

/** What the artifact methods need from the client. @internal */
export interface ArtifactMethodsContext {
  readonly store: MlflowStore;
  readonly env: Record<string, string | undefined>;
  readonly repositories: Pick<ArtifactRepositoryRegistry, "getArtifactRepository">;
  readonly now: () => number;
  readonly stringify: (value: unknown) => string;
}

// Transfers touch the local file system: loaded on first use so that the store itself does not
// pull in node:fs.
const transfers = () => import("../artifacts/artifact-transfers.js");

/**
 * The client's artifact and model methods. A run's (and a model's) artifact URI is read once per
 * client and remembered (it does not change), so repeated artifact calls cost no registry request.
 * @internal
 */
export function createArtifactMethods(ctx: ArtifactMethodsContext): ArtifactMethods & {
  rememberRun(run: Run): void;
  /** The MLmodel dictionary at `path` of the run's artifacts, or undefined when there is none. */
  readRunMlmodel(runId: string, path: string): Promise<Record<string, unknown> | undefined>;
} {
  const runRoots = new BoundedMap<string, string>(10_000);
  const modelRoots = new BoundedMap<string, string>(10_000);
  const runRoot = async (runId: string) => {
    let root = runRoots.get(runId);
    if (root === undefined) {
      root = (await ctx.store.getRun(runId)).info.artifactUri;
      runRoots.set(runId, root);
    }
    return root;
  };
  const modelRoot = async (modelId: string) => {
    let root = modelRoots.get(modelId);
    if (root === undefined) {
      root = (await ctx.store.getLoggedModel(modelId)).artifactLocation;
      modelRoots.set(modelId, root);
    }
    return root;
  };
  const repository = (rootUri: string) =>
    ctx.repositories.getArtifactRepository(rootUri, { env: ctx.env });
  const runRepository = async (runId: string) => repository(await runRoot(runId));
  const modelRepository = async (modelId: string) => repository(await modelRoot(modelId));

  return {
    rememberRun(run) {
      const info = run?.info;
      if (info?.runId && info.artifactUri) runRoots.set(info.runId, info.artifactUri);
    },
    async logArtifact(runId, localPath, artifactPath, options) {
      const [t, repo] = await Promise.all([transfers(), runRepository(runId)]);
      await t.logArtifact(repo, localPath, artifactPath, options);
    },
    async logArtifacts(runId, localDir, artifactPath, options) {
      const [t, repo] = await Promise.all([transfers(), runRepository(runId)]);
      await t.logArtifacts(repo, localDir, artifactPath, options);
    },
    async logText(runId, text, artifactFile, options) {
      if (typeof text !== "string")
        throw MlflowError.invalidParameterValue("logText needs a string.");
      const [t, repo] = await Promise.all([transfers(), runRepository(runId)]);
      await t.logBytes(repo, new TextEncoder().encode(text), artifactFile, options);
    },
    async logDict(runId, dictionary, artifactFile, options) {
      const { serializeDict } = await import("../artifacts/dict-artifact.js");
      const content = serializeDict(dictionary, artifactFile);
      const [t, repo] = await Promise.all([transfers(), runRepository(runId)]);
      await t.logBytes(repo, new TextEncoder().encode(content), artifactFile, options);
    },
    async readRunMlmodel(runId, path) {
      const [{ readMlmodel }, repo] = await Promise.all([
        import("../models/read-mlmodel.js"),
        runRepository(runId),
      ]);
      return readMlmodel(repo, path);
    },
    async listArtifacts(runId, path) {
      const [t, repo] = await Promise.all([transfers(), runRepository(runId)]);
      return t.listArtifacts(repo, path);
    },
    async downloadArtifacts(runId, path, dstDir, options) {
      const [t, repo] = await Promise.all([transfers(), runRepository(runId)]);
      return t.downloadArtifacts(repo, path, dstDir, options);
    },
    async logModel(options) {
      const { logModel } = await import("../models/log-model.js");
      const info = await logModel(
        {
          store: ctx.store,
          now: ctx.now,
          stringify: ctx.stringify,
          getRun: (runId) => ctx.store.getRun(runId),
          repository,
        },
        options,
      );
      modelRoots.set(info.modelId, info.artifactLocation);
      return info;
    },
    async logModelArtifact(modelId, localPath, options) {
      const [t, repo] = await Promise.all([transfers(), modelRepository(modelId)]);
      await t.logArtifact(repo, localPath, undefined, options);
    },
    async logModelArtifacts(modelId, localDir, options) {
      const [t, repo] = await Promise.all([transfers(), modelRepository(modelId)]);
      await t.logArtifacts(repo, localDir, undefined, options);
    },
    async listLoggedModelArtifacts(modelId, path) {
      const [t, repo] = await Promise.all([transfers(), modelRepository(modelId)]);
      return t.listArtifacts(repo, path);
    },
    async downloadLoggedModelArtifacts(modelId, path, dstDir, options) {
      const [t, repo] = await Promise.all([transfers(), modelRepository(modelId)]);
      return t.downloadArtifacts(repo, path ?? "", dstDir, options);
    },
  };
}
