#!/usr/bin/env node
// Runs the repository's own turbo with its telemetry and update notice turned off.
// Usage: node scripts/turbo.mjs <turbo arguments>   (e.g. `run build --filter=@model-registry/auth`)
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = resolve(fileURLToPath(new URL("..", import.meta.url)));

/** The environment every turbo run of this repository gets. */
export const TURBO_ENV = {
  TURBO_TELEMETRY_DISABLED: "1",
  TURBO_NO_UPDATE_NOTIFIER: "1",
};

/**
 * Runs turbo with `args` (its output goes to this process's stdout and stderr) and resolves to
 * its exit code.
 */
export function runTurbo(args, { cwd = root, env = process.env } = {}) {
  const bin = createRequire(resolve(root, "package.json")).resolve("turbo/bin/turbo");
  return new Promise((done) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd,
      env: { ...env, ...TURBO_ENV },
      stdio: "inherit",
    });
    child.on("error", (error) => {
      console.error(`turbo could not start: ${error.message}`);
      done(1);
    });
    child.on("exit", (code, signal) => done(code ?? (signal ? 1 : 0)));
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = await runTurbo(process.argv.slice(2), { cwd: process.cwd() });
}
