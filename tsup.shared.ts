import type { Options } from "tsup";

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
