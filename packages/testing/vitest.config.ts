import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "src/**/*.test.ts"],
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"] },
    restoreMocks: true,
    // Generous limits: the suites share two cores with other packages under `turbo run test`.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    setupFiles: ["test/support/setup.ts"],
  },
});
