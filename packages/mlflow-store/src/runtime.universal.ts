import type * as NodeRuntime from "./runtime.js";

/**
 * What the store, client and fluent API take from the runtime in the universal build (browsers,
 * workers and other runtimes without Node.js): no environment unless given, no file system, no
 * process to hook, and no OS account.
 */

const NO_ENV: Record<string, string | undefined> = Object.freeze({});

export const defaultEnv: typeof NodeRuntime.defaultEnv = () => NO_ENV;

/** A relative `mlruns`, as MLflow's local default (there is no working directory to resolve). */
export const defaultArtifactRoot: typeof NodeRuntime.defaultArtifactRoot = () => "mlruns";

/**
 * `AsyncLocalStorage` where the runtime offers one as a global (Vercel's edge runtime, Next.js
 * middleware); elsewhere no asynchronous context at all: `getStore()` is always undefined, so the
 * fluent API keeps one run stack per instance and concurrent `withRun` calls share it.
 */
export const createAsyncContext: typeof NodeRuntime.createAsyncContext = <T>() => {
  const Storage = (globalThis as { AsyncLocalStorage?: new () => NodeRuntime.AsyncContext<T> })
    .AsyncLocalStorage;
  if (typeof Storage === "function") return new Storage();
  return { getStore: () => undefined, run: (_store, fn) => fn() };
};

/** There is no process whose end could be awaited: runs left active stay RUNNING. */
export const defaultExitProcess: typeof NodeRuntime.defaultExitProcess = () => undefined;

export const osUserName: typeof NodeRuntime.osUserName = () => {
  throw new Error("no OS account in this runtime");
};
