import { defineConfig } from "tsup";
import { libraryBuild } from "../../tsup.shared.js";

export default defineConfig([
  libraryBuild({
    entry: {
      index: "src/index.ts",
      node: "src/node.ts",
      "spec-validator": "src/spec-validator.ts",
    },
    // Start from an empty dist (stale chunks would otherwise be packed), keeping the CLI the
    // second build writes in parallel.
    clean: ["!cli.js", "!cli.js.map"],
  }),
  {
    entry: { cli: "src/cli.ts" },
    format: ["esm"],
    target: "node20",
    sourcemap: true,
    keepNames: true,
    banner: { js: "#!/usr/bin/env node" },
  },
]);
