/**
 * Reads a whole file as UTF-8 text. Injectable for tests; defaults to `fs.promises.readFile`.
 * @public
 */
export type ReadTextFile = (path: string) => Promise<string>;

/**
 * The parts of `fs.Stats` used to notice that a file changed.
 * @public
 */
export interface FileIdentity {
  readonly dev: number;
  readonly ino: number;
  readonly size: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
}

/**
 * Stats a file, following symlinks. Injectable for tests; defaults to `fs.promises.stat`.
 * @public
 */
export type StatFile = (path: string) => Promise<FileIdentity>;

/** Whether a file-system error means "there is no such file". @internal */
export function isMissingFileError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "ENOENT" || code === "ENOTDIR";
}

/** A short, token-free description of a file-system error. @internal */
export function describeFileError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : "unknown error";
}
