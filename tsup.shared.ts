import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { Options } from "tsup";

type Plugin = NonNullable<Options["esbuildPlugins"]>[number];

/**
 * The library build every package shares (ESM and CJS with declarations and source maps, for
 * Node 20, from an empty `dist`, keeping the names of classes and functions so that errors print
 * as `MlflowError`, not as a bundler-renamed `_MlflowError`), with the package's entry points and
 * overrides.
 */
export function libraryBuild(options: Options & Required<Pick<Options, "entry">>): Options {
  return {
    format: ["esm", "cjs"],
    dts: true,
    target: "node20",
    clean: true,
    sourcemap: true,
    keepNames: true,
    ...options,
  };
}

/** Where the universal build of a package goes, inside its `dist`. */
export const UNIVERSAL_DIR = "dist/universal";

/**
 * The platform swap of the universal build: a relative import of `./name.js` resolves to
 * `./name.universal.ts` when that file exists beside `name.ts`. The `.universal.ts` file has the
 * same exports without Node built-ins or Node globals (it may import types, never values, from its
 * Node sibling).
 */
const universalSiblings: Plugin = {
  name: "universal-siblings",
  setup(build) {
    build.onResolve({ filter: /^\.\.?\/.*\.js$/ }, (args) => {
      const sibling = resolve(args.resolveDir, args.path.replace(/\.js$/, ".universal.ts"));
      if (sibling === args.importer || !existsSync(sibling)) return undefined;
      return { path: sibling };
    });
  },
};

/**
 * The universal build of a package: the same entry points, for browsers, edge runtimes (workers)
 * and any other runtime that is not Node.js (the package's `default` export condition), with every
 * `name.universal.ts` in place of its `name.ts`. Built for the neutral platform, so a Node
 * built-in that reaches it fails the build. No declarations: both builds share the Node build's.
 */
export function universalBuild(options: Options & Required<Pick<Options, "entry">>): Options {
  return {
    format: ["esm", "cjs"],
    dts: false,
    platform: "neutral",
    target: "es2022",
    outDir: UNIVERSAL_DIR,
    clean: true,
    sourcemap: true,
    // No keepNames here: its `__name()` calls keep every function alive in a consumer's bundle
    // (tree shaking cannot drop them). The error classes set their `name` themselves.
    keepNames: false,
    esbuildPlugins: [universalSiblings],
    ...options,
  };
}
