import { defineConfig } from "tsup";
import { libraryBuild, universalBuild } from "../../tsup.shared.js";

export default defineConfig([
  // Node.js (the `node` export condition), with the Node-only `./s3`, and the declarations of
  // every entry point (both builds share them).
  libraryBuild({
    entry: { index: "src/index.ts", s3: "src/s3/index.ts" },
    dts: {
      entry: { index: "src/index.ts", s3: "src/s3/index.ts", schemas: "src/schemas/index.ts" },
    },
    // Start from an empty dist, keeping what the universal build writes in parallel.
    clean: ["!universal/**"],
  }),
  // Everything else (`default`: browsers, workers), without Node built-ins. `./schemas` uses
  // nothing of the runtime: every condition loads this one build of it.
  universalBuild({ entry: { index: "src/index.ts", schemas: "src/schemas/index.ts" } }),
]);
