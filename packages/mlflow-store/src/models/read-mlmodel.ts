import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { joinArtifactPath, validateArtifactPath } from "../artifacts/artifact-path.js";
import type { ArtifactRepository } from "../artifacts/artifact-repository.js";
import { isRecord } from "../mapping/parse-json.js";
import { isMlflowError } from "../mlflow-error.js";
import { MLMODEL_FILE_NAME } from "./model-constants.js";

/** MLmodel files are a few kilobytes; anything far larger is not one and is not read. */
const MAX_MLMODEL_BYTES = 1024 * 1024;

/**
 * The MLmodel dictionary of the model directory at `path` in `repository`, or undefined when
 * there is no MLmodel file there (or it is not a YAML mapping, or larger than 1 MiB). Other
 * failures (storage unreachable, access denied) are thrown.
 * @internal
 */
export async function readMlmodel(
  repository: ArtifactRepository,
  path: string,
  options: { signal?: AbortSignal } = {},
): Promise<Record<string, unknown> | undefined> {
  const directoryPath = validateArtifactPath(path, { allowRoot: true });
  const artifactFile = joinArtifactPath(directoryPath, MLMODEL_FILE_NAME);
  const listed = await repository.list(directoryPath, options);
  const entry = listed.find((file) => file.path === artifactFile && !file.isDir);
  if (entry === undefined || (entry.fileSize ?? 0) > MAX_MLMODEL_BYTES) return undefined;
  const directory = await mkdtemp(join(tmpdir(), "mlmodel-"));
  try {
    const local = join(directory, MLMODEL_FILE_NAME);
    try {
      await repository.downloadFile(artifactFile, local, options);
    } catch (error) {
      // removed since it was listed
      if (isMlflowError(error) && error.errorCode === "RESOURCE_DOES_NOT_EXIST") return undefined;
      throw error;
    }
    if ((await stat(local)).size > MAX_MLMODEL_BYTES) return undefined;
    let dict: unknown;
    try {
      // PyYAML writes MLmodel files in YAML 1.1.
      dict = parse(await readFile(local, "utf8"), { version: "1.1" });
    } catch {
      return undefined;
    }
    return isRecord(dict) ? dict : undefined;
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
