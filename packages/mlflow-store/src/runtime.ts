import { AsyncLocalStorage } from "node:async_hooks";
import { userInfo } from "node:os";
import { pathToFileURL } from "node:url";
import type { FluentExitProcess } from "./fluent/create-fluent.js";

/**
 * What the store, client and fluent API take from the runtime they run on: here Node.js (the
 * package's `node` export condition). The universal build (browsers, edge runtimes, the `default`
 * condition) uses `runtime.universal.ts` in its place.
 */

/** The environment read when the caller gives none. */
export function defaultEnv(): Record<string, string | undefined> {
  return process.env;
}

/** Root of the artifact locations of experiments that name none: `./mlruns` as a file URL. */
export function defaultArtifactRoot(): string {
  return pathToFileURL(`${process.cwd()}/mlruns`).href;
}

/** A value that follows the asynchronous calls made inside `run` (the fluent API's run stacks). */
export interface AsyncContext<T> {
  getStore(): T | undefined;
  run<R>(store: T, fn: () => R): R;
}

/** An {@link AsyncContext} over `AsyncLocalStorage`: each `withRun` sees its own run stack. */
export function createAsyncContext<T>(): AsyncContext<T> {
  return new AsyncLocalStorage<T>();
}

/** Where the fluent API ends active runs at exit: the process (its `beforeExit`). */
export function defaultExitProcess(): FluentExitProcess | undefined {
  return process;
}

/** The OS account name; throws when there is none (no passwd entry in a container). */
export function osUserName(): string {
  return userInfo().username;
}
