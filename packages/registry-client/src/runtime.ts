/**
 * What the client takes from the runtime it runs on: here Node.js (the package's `node` export
 * condition). The universal build (browsers, edge runtimes, the `default` condition) uses
 * `runtime.universal.ts` in its place.
 */

/** The environment read when the caller gives none. */
export function defaultEnv(): Record<string, string | undefined> {
  return process.env;
}

/**
 * The runtime's product token in `User-Agent` (`node/20.19.0`); `""` when unknown; `null` where
 * the platform sets `User-Agent` itself and the client must not send one.
 */
export function runtimeProduct(): string | null {
  return `node/${process.versions.node}`;
}
