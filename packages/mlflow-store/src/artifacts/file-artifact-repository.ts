import { createReadStream } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { resolve, sep } from "node:path";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { MlflowError } from "../mlflow-error.js";
import { joinArtifactPath } from "./artifact-path.js";
import type {
  ArtifactRepository,
  ArtifactTransferOptions,
  FileInfo,
} from "./artifact-repository.js";
import { writeFileAtomically } from "./write-file-atomically.js";

function errorCode(error: unknown): string | undefined {
  return (error as { code?: string } | null)?.code;
}

/**
 * The repository for `file://` URIs and plain local paths (relative ones against the current
 * directory): files are written through a temporary file and renamed into place.
 * @internal
 */
export function createFileArtifactRepository(rootUri: string): ArtifactRepository {
  let root: string;
  try {
    root = resolve(/^file:/i.test(rootUri) ? fileURLToPath(rootUri) : rootUri);
  } catch (error) {
    throw MlflowError.invalidParameterValue(`Invalid file artifact location '${rootUri}'.`, {
      cause: error,
    });
  }

  /** The local path of an artifact path, refusing anything that resolves outside the root. */
  function local(path: string): string {
    const full = resolve(root, ...path.split("/").filter(Boolean));
    if (full !== root && !full.startsWith(root + sep)) {
      throw MlflowError.invalidParameterValue(
        `Invalid artifact path '${path}': it resolves outside the artifact root.`,
      );
    }
    return full;
  }

  async function write(
    source: Readable,
    artifactFile: string,
    total: number,
    options: ArtifactTransferOptions,
  ) {
    const destination = local(artifactFile);
    if (destination === root)
      throw MlflowError.invalidParameterValue("The artifact path names no file.");
    await writeFileAtomically(source, destination, {
      ...(options.signal ? { signal: options.signal } : {}),
      onBytes: (loaded) => options.onProgress?.({ path: artifactFile, loaded, total }),
    });
  }

  return {
    rootUri,
    async uploadFile(localPath, artifactFile, options = {}) {
      options.signal?.throwIfAborted();
      const { size } = await stat(localPath);
      await write(createReadStream(localPath), artifactFile, size, options);
    },
    async uploadBytes(data, artifactFile, options = {}) {
      options.signal?.throwIfAborted();
      await write(Readable.from([Buffer.from(data)]), artifactFile, data.byteLength, options);
    },
    async list(path) {
      const directory = local(path);
      let entries: import("node:fs").Dirent[];
      try {
        entries = await readdir(directory, { withFileTypes: true });
      } catch (error) {
        if (errorCode(error) === "ENOENT" || errorCode(error) === "ENOTDIR") return [];
        throw error;
      }
      const infos = await Promise.all(
        entries
          .filter((entry) => !(entry.name.startsWith(".") && entry.name.endsWith(".part")))
          .map(async (entry): Promise<FileInfo | undefined> => {
            const childPath = joinArtifactPath(path, entry.name);
            const info = await stat(resolve(directory, entry.name)).catch(() => undefined);
            if (info === undefined) return undefined;
            return info.isDirectory()
              ? { path: childPath, isDir: true, fileSize: null }
              : { path: childPath, isDir: false, fileSize: info.size };
          }),
      );
      return infos
        .filter((info): info is FileInfo => info !== undefined)
        .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    },
    async downloadFile(artifactFile, localPath, options = {}) {
      options.signal?.throwIfAborted();
      const source = local(artifactFile);
      const info = await stat(source).catch(() => undefined);
      if (!info?.isFile()) {
        throw new MlflowError(
          `No artifact file '${artifactFile}' under ${rootUri}.`,
          "RESOURCE_DOES_NOT_EXIST",
        );
      }
      await writeFileAtomically(createReadStream(source), localPath, {
        ...(options.signal ? { signal: options.signal } : {}),
        onBytes: (loaded) => options.onProgress?.({ path: artifactFile, loaded, total: info.size }),
      });
    },
  };
}
