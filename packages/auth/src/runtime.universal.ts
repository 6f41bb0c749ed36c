import type * as NodeRuntime from "./runtime.js";

/**
 * What the providers take from the runtime in the universal build (browsers, workers and other
 * runtimes without Node.js): no environment unless given, and no file system, so the file-based
 * providers find nothing configured unless they are given `readFile` (and `stat`).
 */

const NO_ENV: Readonly<Record<string, string | undefined>> = Object.freeze({});

export const defaultEnv: typeof NodeRuntime.defaultEnv = () => NO_ENV;

/** A missing file, as `fs` reports it: there is no file system to read. */
function noFileSystem(path: string): Error {
  return Object.assign(new Error(`cannot read ${path}: this runtime has no file system`), {
    code: "ENOENT",
  });
}

export const defaultReadTextFile: typeof NodeRuntime.defaultReadTextFile = (path) =>
  Promise.reject(noFileSystem(path));

export const defaultStatFile: typeof NodeRuntime.defaultStatFile = (path) =>
  Promise.reject(noFileSystem(path));
