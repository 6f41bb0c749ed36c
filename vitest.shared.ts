import { defineConfig, type ViteUserConfig } from "vitest/config";

/** What a package adds to the test settings every package shares. */
export interface PackageVitestOptions {
  /** Modules run before each test file, relative to the package. */
  readonly setupFiles?: readonly string[];
}

/** The Vitest config of a package: the shared settings plus the package's own options. */
export function packageVitestConfig(options: PackageVitestOptions = {}): ViteUserConfig {
  return defineConfig({
    test: {
      include: ["test/**/*.test.ts", "src/**/*.test.ts"],
      typecheck: { enabled: true, include: ["test/**/*.test-d.ts"] },
      restoreMocks: true,
      // Generous limits: the suites share two cores with other packages under `turbo run test`.
      testTimeout: 30_000,
      hookTimeout: 30_000,
      ...(options.setupFiles === undefined ? {} : { setupFiles: [...options.setupFiles] }),
    },
  });
}
