import { defineConfig } from "tsup";
import { libraryBuild } from "../../tsup.shared.js";

export default defineConfig(
  libraryBuild({
    entry: { index: "src/index.ts", schemas: "src/schemas/index.ts", s3: "src/s3/index.ts" },
  }),
);
