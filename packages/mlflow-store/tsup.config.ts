import { defineConfig } from "tsup";
import { libraryBuild, universalBuild } from "../../tsup.shared.js";

export default defineConfig([
  // Node.js (the `node` export condition), and the declarations both builds share.
  libraryBuild({ entry: ["src/index.ts"], clean: ["!universal/**"] }),
  // Everything else (`default`: browsers, workers), without Node built-ins: every
  // `*.universal.ts` replaces its Node sibling (artifacts, run context, process hooks).
  universalBuild({ entry: ["src/index.ts"] }),
]);
