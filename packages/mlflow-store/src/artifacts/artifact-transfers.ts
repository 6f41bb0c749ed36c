import { mkdir, mkdtemp, readdir, realpath, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join, resolve, sep } from "node:path";
import { MlflowError } from "../mlflow-error.js";
import { mapConcurrent } from "../operations/map-concurrent.js";
import { joinArtifactPath, validateArtifactPath } from "./artifact-path.js";
import type {
  ArtifactRepository,
  ArtifactTransferOptions,
  FileInfo,
} from "./artifact-repository.js";

/** Files one directory transfer moves at the same time. */
const TRANSFER_CONCURRENCY = 4;

function localError(path: string, what: string, cause?: unknown): MlflowError {
  return MlflowError.invalidParameterValue(
    `Cannot log '${path}': ${what}.`,
    cause === undefined ? undefined : { cause },
  );
}

async function statLocal(path: string) {
  try {
    return await stat(path);
  } catch (error) {
    throw localError(path, "no such file or directory", error);
  }
}

/** MLflow `log_artifact`: the file goes to `artifactPath/<its name>` (or the root). @internal */
export async function logArtifact(
  repository: ArtifactRepository,
  localPath: string,
  artifactPath: string | undefined,
  options: ArtifactTransferOptions = {},
): Promise<void> {
  const directory = validateArtifactPath(artifactPath ?? "", { allowRoot: true });
  const info = await statLocal(localPath);
  if (!info.isFile())
    throw localError(localPath, "it is not a file (use logArtifacts for a directory)");
  await repository.uploadFile(localPath, joinArtifactPath(directory, basename(localPath)), options);
}

/**
 * Relative `/`-separated paths of the files below `root`, sorted (symlinks followed, each real
 * folder visited once). @internal
 */
export async function localFiles(root: string): Promise<string[]> {
  const files: string[] = [];
  const visited = new Set<string>();
  const walk = async (relative: string): Promise<void> => {
    const here = relative === "" ? root : join(root, ...relative.split("/"));
    const real = await realpath(here);
    if (visited.has(real)) return;
    visited.add(real);
    for (const entry of await readdir(here, { withFileTypes: true })) {
      const path = relative === "" ? entry.name : `${relative}/${entry.name}`;
      const info = entry.isSymbolicLink()
        ? await stat(join(here, entry.name)).catch(() => undefined)
        : entry;
      if (info?.isDirectory()) await walk(path);
      else if (info?.isFile()) files.push(path);
    }
  };
  await walk("");
  return files.sort();
}

/**
 * MLflow `log_artifacts`: every file below `localDir` goes to `artifactPath/<relative path>`,
 * a few files at a time. @internal
 */
export async function logArtifacts(
  repository: ArtifactRepository,
  localDir: string,
  artifactPath: string | undefined,
  options: ArtifactTransferOptions = {},
): Promise<void> {
  const directory = validateArtifactPath(artifactPath ?? "", { allowRoot: true });
  const info = await statLocal(localDir);
  if (!info.isDirectory())
    throw localError(localDir, "it is not a directory (use logArtifact for a file)");
  const files = await localFiles(localDir);
  await mapConcurrent(files, TRANSFER_CONCURRENCY, (relative) =>
    repository.uploadFile(
      join(localDir, ...relative.split("/")),
      joinArtifactPath(directory, relative),
      options,
    ),
  );
}

/** Stores bytes as one artifact file (`logText`, `logDict`). @internal */
export async function logBytes(
  repository: ArtifactRepository,
  data: Uint8Array,
  artifactFile: string,
  options: ArtifactTransferOptions = {},
): Promise<void> {
  await repository.uploadBytes(data, validateArtifactPath(artifactFile), options);
}

/** MLflow `list_artifacts`: one level under `path` (default the root). @internal */
export async function listArtifacts(
  repository: ArtifactRepository,
  path: string | undefined,
): Promise<FileInfo[]> {
  return repository.list(validateArtifactPath(path ?? "", { allowRoot: true }));
}

/**
 * MLflow `download_artifacts`: a file, or a directory with everything below it, into `dstDir`
 * (default: a new temporary folder); resolves with the local path of `path` there. Every listed
 * path is validated again, so entries a storage reports outside the requested folder (a key with
 * `..`, say) are refused instead of written outside `dstDir`. @internal
 */
export async function downloadArtifacts(
  repository: ArtifactRepository,
  path: string,
  dstDir: string | undefined,
  options: ArtifactTransferOptions = {},
): Promise<string> {
  const artifactPath = validateArtifactPath(path ?? "", { allowRoot: true });
  const destinationRoot = resolve(dstDir ?? (await mkdtemp(join(tmpdir(), "mlflow-artifacts-"))));
  const localFor = (relative: string) => {
    const full = resolve(destinationRoot, ...relative.split("/"));
    if (full !== destinationRoot && !full.startsWith(destinationRoot + sep)) {
      throw MlflowError.invalidParameterValue(
        `Invalid artifact path '${relative}': it resolves outside the destination directory.`,
      );
    }
    return full;
  };
  const files: string[] = [];
  const directories = [artifactPath];
  let isDirectory = artifactPath === "";
  while (directories.length > 0) {
    options.signal?.throwIfAborted();
    const directory = directories.shift()!;
    const entries = await repository.list(
      directory,
      options.signal ? { signal: options.signal } : {},
    );
    if (entries.length > 0) isDirectory = true;
    for (const entry of entries) {
      const entryPath = validateArtifactPath(entry.path);
      if (directory !== "" && !entryPath.startsWith(`${directory}/`)) {
        throw MlflowError.invalidParameterValue(
          `Invalid artifact path '${entry.path}' listed under '${directory}'.`,
        );
      }
      if (entry.isDir) directories.push(entryPath);
      else files.push(entryPath);
    }
  }
  if (!isDirectory) {
    await repository.downloadFile(artifactPath, localFor(artifactPath), options);
    return localFor(artifactPath);
  }
  const target = localFor(artifactPath);
  await mkdir(target, { recursive: true });
  await mapConcurrent(files, TRANSFER_CONCURRENCY, (file) =>
    repository.downloadFile(file, localFor(file), options),
  );
  return target;
}
