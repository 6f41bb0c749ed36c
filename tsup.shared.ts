import { existsSync } from "node:fs";
import { builtinModules } from "node:module";
import { basename, resolve } from "node:path";
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

const NODE_BUILTINS = new Set(builtinModules);
/** Module specifiers of the import and require forms esbuild writes. */
const IMPORTED = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)["']([^"']+)["']/g;

/**
 * The platform swap of the universal build: a relative import of `./name.js` resolves to
 * `./name.universal.ts` when that file exists beside `name.ts`. The `.universal.ts` file has the
 * same exports without Node built-ins or Node globals (it may import types, never values, from its
 * Node sibling).
 */
const universalSiblings: Plugin = {
  name: "universal-siblings",
  setup(build) {
    // A Node built-in in the output fails the build, naming the file (a chunk is named after
    // its first module), so the module that imports it gets a sibling.
    build.onEnd((result) => {
      const found: string[] = [];
      for (const file of result.outputFiles ?? []) {
        if (!/\.c?js$/.test(file.path)) continue;
        for (const [, specifier = ""] of file.text.matchAll(IMPORTED)) {
          if (specifier.startsWith("node:") || NODE_BUILTINS.has(specifier)) {
            found.push(`"${specifier}" in ${basename(file.path)}`);
          }
        }
      }
      if (found.length > 0) {
        throw new Error(
          `Node built-ins reached the universal build: ${found.join(", ")}; give the modules ` +
            "that import them a .universal.ts sibling",
        );
      }
    });
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
 * `name.universal.ts` in place of its `name.ts`. A Node built-in that reaches it fails the
 * build. No declarations: both builds share the Node build's.
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
