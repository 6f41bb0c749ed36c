import { readFile, stat } from "node:fs/promises";
import type { ReadTextFile, StatFile } from "./file-access.js";

/**
 * What the providers take from the runtime they run on: here Node.js (the package's `node` export
 * condition). The universal build (browsers, edge runtimes, the `default` condition) uses
 * `runtime.universal.ts` in its place.
 */

/** The environment read when the caller gives none. */
export function defaultEnv(): Readonly<Record<string, string | undefined>> {
  return process.env;
}

/** Reads a whole file as UTF-8 text. */
export const defaultReadTextFile: ReadTextFile = (path) => readFile(path, "utf8");

/** Stats a file, following symlinks. */
export const defaultStatFile: StatFile = (path) => stat(path);
