import type * as NodeRuntime from "./runtime.js";

/**
 * What the client takes from the runtime in the universal build (browsers, workers and other
 * runtimes without Node.js): no environment unless given, and no `User-Agent` in browsers.
 */

const NO_ENV: Record<string, string | undefined> = Object.freeze({});

/** No environment variables are read unless the caller passes `env`. */
export const defaultEnv: typeof NodeRuntime.defaultEnv = () => NO_ENV;

function userAgentOfRuntime(): string {
  const navigator = (globalThis as { navigator?: { userAgent?: unknown } }).navigator;
  return typeof navigator?.userAgent === "string" ? navigator.userAgent : "";
}

/**
 * Browsers send their own `User-Agent`: a script's value is dropped by some (Chrome), and where it
 * is sent it costs a CORS preflight that names a header the registry does not allow. Other
 * runtimes (Deno, Bun, Cloudflare Workers...) take the client's, with their own name
 * (`Deno/2.1.4`, `Cloudflare-Workers`) when they expose one.
 */
export const runtimeProduct: typeof NodeRuntime.runtimeProduct = () => {
  const agent = userAgentOfRuntime();
  if ("document" in globalThis || agent.startsWith("Mozilla/")) return null;
  const first = agent.split(" ")[0] ?? "";
  return /^[\w.-]+(?:\/[\w.-]+)?$/.test(first) ? first : "";
};
