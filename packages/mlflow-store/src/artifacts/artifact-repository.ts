/**
 * MLflow's `FileInfo`: one entry of an artifact listing. `path` is relative to the run's (or
 * logged model's) artifact root, `/`-separated; directories have `fileSize: null`.
 * @public
 */
export interface FileInfo {
  path: string;
  isDir: boolean;
  fileSize: number | null;
}

/** Progress of one artifact file transfer. @public */
export interface ArtifactProgress {
  /** Artifact path of the file (relative to the artifact root). */
  readonly path: string;
  /** Bytes of this file transferred so far. */
  readonly loaded: number;
  /** Size of this file, when known. */
  readonly total?: number;
}

/** Progress reporting and cancellation of artifact transfers. @public */
export interface ArtifactTransferOptions {
  /** Called as bytes of each file move (per file; a directory transfer reports each of its files). */
  onProgress?: (progress: ArtifactProgress) => void;
  /**
   * Cancels the transfer: in-flight requests are aborted, partial uploads are removed or aborted,
   * and the call rejects with `signal.reason`.
   */
  signal?: AbortSignal;
}

/**
 * Where the artifacts of one run or logged model live (MLflow's `ArtifactRepository`), chosen by
 * the scheme of its root URI. Paths are relative to the root, `/`-separated, and already
 * validated by the caller (no `..`, not absolute); implementations must still never touch
 * anything outside the root.
 * @public
 */
export interface ArtifactRepository {
  /** The artifact root URI this repository serves. */
  readonly rootUri: string;
  /** Stores a local file as `artifactFile`, replacing any previous one; streamed, never whole in memory. */
  uploadFile(
    localPath: string,
    artifactFile: string,
    options?: ArtifactTransferOptions,
  ): Promise<void>;
  /** Stores bytes as `artifactFile`, replacing any previous one. */
  uploadBytes(
    data: Uint8Array,
    artifactFile: string,
    options?: ArtifactTransferOptions,
  ): Promise<void>;
  /**
   * The entries directly under `path` (`""` for the root), sorted by path; `[]` when `path` is a
   * file or does not exist (as MLflow lists).
   */
  list(path: string, options?: { signal?: AbortSignal }): Promise<FileInfo[]>;
  /**
   * Writes `artifactFile` to `localPath` completely or not at all (a failed or cancelled download
   * leaves no file under `localPath`). RESOURCE_DOES_NOT_EXIST when there is no such file.
   */
  downloadFile(
    artifactFile: string,
    localPath: string,
    options?: ArtifactTransferOptions,
  ): Promise<void>;
}

/** What an artifact-repository factory receives besides the root URI. @public */
export interface ArtifactRepositoryFactoryOptions {
  /** Environment to read configuration from (e.g. `MLFLOW_S3_ENDPOINT_URL`). */
  readonly env: Record<string, string | undefined>;
}

/** Builds the repository for one artifact root URI. @public */
export type ArtifactRepositoryFactory = (
  rootUri: string,
  options: ArtifactRepositoryFactoryOptions,
) => ArtifactRepository | Promise<ArtifactRepository>;
