// What a browser or worker bundle of the packages contains: esbuild with --platform=browser, and
// --platform=neutral with the `worker` condition, over the packages' default export conditions.
// A Node built-in that reaches a bundle fails it; typical uses stay within a gzipped size budget;
// and the worker bundle runs a whole tracking flow with Node's globals removed.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { type BuildOptions, build, type Plugin } from "esbuild";
import { afterAll, describe, expect, it } from "vitest";
import { EXPECTED_HISTORY } from "./tracking-flow.js";

const here = dirname(fileURLToPath(import.meta.url));
const BUILTINS = new Set(builtinModules);

/** Fails the bundle at the first import of a Node built-in, naming the module that imports it. */
const noNodeBuiltins: Plugin = {
  name: "no-node-builtins",
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => {
      const bare = args.path.replace(/^node:/, "");
      if (!args.path.startsWith("node:") && !BUILTINS.has(bare.split("/")[0] ?? "")) return;
      if (!BUILTINS.has(bare) && !args.path.startsWith("node:")) return;
      return {
        errors: [
          { text: `Node built-in "${args.path}" imported by ${args.importer || "the entry"}` },
        ],
      };
    });
  },
};

const TARGETS = {
  browser: { platform: "browser" },
  worker: { platform: "neutral", conditions: ["worker"], mainFields: ["module", "main"] },
} satisfies Record<string, BuildOptions>;
type Target = keyof typeof TARGETS;

interface Bundle {
  readonly code: string;
  readonly minified: number;
  readonly gzipped: number;
}

/** Bundles `source` (ESM, minified) for `target`; rejects with esbuild's errors. */
async function bundle(source: string, target: Target, extra: BuildOptions = {}): Promise<Bundle> {
  const result = await build({
    stdin: { contents: source, resolveDir: here, loader: "ts", sourcefile: "entry.ts" },
    bundle: true,
    write: false,
    minify: true,
    format: "esm",
    target: "es2022",
    // A default entry must not need top-level await (bundlers for older targets reject it).
    supported: { "top-level-await": false },
    logLevel: "silent",
    plugins: [noNodeBuiltins],
    ...TARGETS[target],
    ...extra,
  });
  const code = result.outputFiles?.[0]?.text ?? "";
  return {
    code,
    minified: Buffer.byteLength(code),
    gzipped: gzipSync(code, { level: 9 }).byteLength,
  };
}

/** Every entry point a browser or worker may import. */
const ENTRIES = [
  "@model-registry/registry-client",
  "@model-registry/registry-client/schemas",
  "@model-registry/auth",
  "@model-registry/mlflow-store",
  "@model-registry/testing",
];

/**
 * Typical uses and their gzipped budgets in KB (browser bundle, minified, gzip -9). Raise a
 * budget only for a reason worth the bytes, and say so in the change.
 */
const TYPICAL: Record<string, { source: string; budgetKb: number }> = {
  "registry-client: createRegistryClient + unwrap + one GET": {
    source: `import { createRegistryClient, unwrap } from "@model-registry/registry-client";
export const get = (baseUrl: string) =>
  unwrap(createRegistryClient({ baseUrl }).GET("/api/model_registry/v1alpha3/experiments/{experimentId}", { params: { path: { experimentId: "1" } } }));`,
    budgetKb: 12,
  },
  "mlflow-store: createMlflowStore + searchRuns": {
    source: `import { createMlflowStore } from "@model-registry/mlflow-store";
export const search = (trackingUri: string) =>
  createMlflowStore({ trackingUri }).searchRuns({ experimentIds: ["1"], filterString: "metrics.loss < 1" });`,
    budgetKb: 95,
  },
  "auth: memoize(chain(fromCallback(...), fromStaticToken(...)))": {
    source: `import { chain, fromCallback, fromStaticToken, memoize } from "@model-registry/auth";
export const auth = (get: () => string) => memoize(chain(fromCallback(get), fromStaticToken("t")));`,
    budgetKb: 3,
  },
};

const sizes: string[] = [];
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

afterAll(() => {
  console.log(`bundle sizes (minified / gzipped):\n${sizes.join("\n")}`);
});

describe.each(Object.keys(TARGETS) as Target[])("the %s bundle", (target) => {
  it.each(ENTRIES)("of %s has no Node built-in, Node global or top-level await", async (entry) => {
    const result = await bundle(`export * from "${entry}";`, target);
    // (`process` is checked at run time below: third-party code tests `typeof process` safely.)
    expect(result.code).not.toMatch(/\b(Buffer|__dirname|__filename|setImmediate|require)\b/);
    sizes.push(
      `  ${target.padEnd(7)} ${entry.padEnd(42)} ${kb(result.minified)} / ${kb(result.gzipped)}`,
    );
    expect(result.minified).toBeGreaterThan(0);
  });

  it.each(Object.entries(TYPICAL))("of %s stays within its budget", async (name, use) => {
    const result = await bundle(use.source, target);
    sizes.push(
      `  ${target.padEnd(7)} ${name.padEnd(42)} ${kb(result.minified)} / ${kb(result.gzipped)} (budget ${use.budgetKb} KB)`,
    );
    expect(result.gzipped / 1024).toBeLessThanOrEqual(use.budgetKb);
  });
});

describe("the check itself", () => {
  it("fails when a Node built-in reaches a bundle (the Node build, under the node condition)", async () => {
    const failure = await bundle(`export * from "@model-registry/mlflow-store";`, "worker", {
      conditions: ["node"],
    }).catch((error: unknown) => error);
    expect(String(failure)).toMatch(/Node built-in "node:async_hooks" imported by/);
  });
});

describe("the worker bundle without Node's globals", () => {
  const work = mkdtempSync(join(tmpdir(), "mr-worker-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("logs, searches and reads metric history with process, global and setImmediate removed", async () => {
    const script = await bundle(
      `import { chain, fromCallback, memoize } from "@model-registry/auth";
import { createMlflowStore } from "@model-registry/mlflow-store";
import { createRegistryClient, paginate } from "@model-registry/registry-client";
import { trackingFlow } from "./tracking-flow.ts";

const fetch = (globalThis as unknown as { registryFetch: typeof globalThis.fetch }).registryFetch;
const baseUrl = "modelregistry+http://registry.test";
const auth = memoize(chain(fromCallback(() => "worker-token")));
const store = createMlflowStore({ trackingUri: baseUrl, fetch, auth, allowInsecureAuth: true });
const flow = await trackingFlow(store, "worker");
const client = createRegistryClient({ baseUrl, fetch, auth, allowInsecureAuth: true });
let runs = 0;
for await (const _ of paginate(client, "/api/model_registry/v1alpha3/experiment_runs", undefined, { pageSize: 1 })) runs++;
console.log(JSON.stringify({ ...flow, runs }));`,
      "worker",
      { supported: {} },
    );
    const file = join(work, "worker.mjs");
    writeFileSync(file, script.code);
    // The fake registry (MSW's core needs Node's globals to start) and Node's Request and
    // Response (loaded lazily) are set up first; then the globals go, and the bundle runs.
    // Buffer stays: Node's own Request reads it (the bundles are checked for it above).
    const strip = `import { createFakeRegistry } from "@model-registry/testing";
void [Request, Response, Headers];
const registry = createFakeRegistry({ requireToken: "worker-token" });
globalThis.registryFetch = registry.fetch;
for (const name of ["process", "global", "setImmediate", "clearImmediate"]) delete globalThis[name];
await import(${JSON.stringify(`file://${file}`)});
if (registry.requests.some((request) => request.status >= 400)) throw new Error("a request failed");`;
    const output = execFileSync(process.execPath, ["--input-type=module", "-e", strip], {
      cwd: here,
      encoding: "utf8",
      timeout: 30_000,
    });
    const result = JSON.parse(output.trim().split("\n").pop()!);
    expect(result.found).toEqual([result.matchingRunId]);
    expect(result.history).toEqual(EXPECTED_HISTORY);
    expect(result.runs).toBe(2);
  });
});
