import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { playwright } from "@vitest/browser-playwright";
import { defineConfig } from "vitest/config";
import { findChromium } from "./find-chromium.js";

const here = dirname(fileURLToPath(import.meta.url));
// msw's service worker script, served at the page's root for `setupWorker`.
const mswWorkerDir = join(here, "node_modules/msw/lib");

export default defineConfig({
  test: {
    // Generous limits: the suites share two cores with other packages under `turbo run test`.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      {
        test: {
          name: "bundles",
          include: ["test/*.test.ts"],
          environment: "node",
        },
      },
      {
        publicDir: mswWorkerDir,
        test: {
          name: "chromium",
          include: ["test/browser/**/*.test.ts"],
          globalSetup: ["test/browser/global-setup.ts"],
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: false,
            provider: playwright({
              launchOptions: {
                // The system browser: Playwright's own download never runs.
                executablePath: findChromium(),
                args: [
                  "--no-sandbox",
                  "--disable-gpu",
                  "--disable-quic",
                  "--no-first-run",
                  "--disable-background-networking",
                  "--disable-component-update",
                  "--disable-sync",
                ],
              },
            }),
            instances: [{ browser: "chromium" }],
          },
        },
      },
    ],
  },
});
