import { defineConfig } from "tsup";

export default defineConfig({
  entry: { index: "src/index.ts", schemas: "src/schemas/index.ts" },
  format: ["esm", "cjs"],
  dts: true,
  target: "node20",
  clean: true,
  sourcemap: true,
});
