#!/usr/bin/env node
// `pnpm test`: lint, generated-code drift check, turbo build/typecheck/test/test:exports, the
// packed-tarball smoke test and the local-registry round trip, then one summary.
//
// Turbo prints only the logs of failed tasks (in full, one task at a time) and keeps running the
// tasks that do not depend on a failure, so every failure shows up in one run. Later steps that
// need a good build are skipped after a turbo failure. The last line is the test count.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { formatCounts, removeTestReports, summarizeTestReports } from "./test-summary.mjs";
import { runTurbo } from "./turbo.mjs";

const root = resolve(fileURLToPath(new URL("..", import.meta.url)));
const require = createRequire(resolve(root, "package.json"));

function runNode(args) {
  return new Promise((done) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: "inherit" });
    child.on("error", (error) => {
      console.error(error.message);
      done(1);
    });
    child.on("exit", (code, signal) => done(code ?? (signal ? 1 : 0)));
  });
}

const steps = [
  {
    name: "lint",
    command: "biome check .",
    run: () => runNode([require.resolve("@biomejs/biome/bin/biome"), "check", "."]),
  },
  {
    name: "generated code",
    command: "node scripts/generate.mjs --check",
    run: () => runNode(["scripts/generate.mjs", "--check"]),
  },
  {
    name: "build, typecheck, test, test:exports",
    command: "turbo run build typecheck test test:exports",
    build: true,
    run: () => {
      removeTestReports();
      return runTurbo([
        "run",
        "build",
        "typecheck",
        "test",
        "test:exports",
        "--output-logs=errors-only",
        "--log-order=grouped",
        "--continue=dependencies-successful",
      ]);
    },
  },
  {
    name: "packed tarballs",
    command: "node scripts/smoke-pack.mjs",
    needsBuild: true,
    run: () => runNode(["scripts/smoke-pack.mjs"]),
  },
  {
    name: "install from a registry",
    command: "node scripts/registry-round-trip.mjs",
    needsBuild: true,
    run: () => runNode(["scripts/registry-round-trip.mjs"]),
  },
];

const results = [];
let buildFailed = false;
for (const step of steps) {
  if (step.needsBuild && buildFailed) {
    results.push({ step, status: "skipped", seconds: 0 });
    continue;
  }
  console.log(`\n▶ ${step.name}: ${step.command}`);
  const started = performance.now();
  const code = await step.run();
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0 && step.build) buildFailed = true;
  results.push({ step, status: code === 0 ? "ok" : "FAILED", seconds });
}

const counts = summarizeTestReports();
console.log("\nSummary");
for (const { step, status, seconds } of results) {
  const time = status === "skipped" ? "(a build step failed)" : `${seconds.toFixed(1)} s`;
  const hint = status === "FAILED" ? `  <- see its log above (${step.command})` : "";
  console.log(`  ${status.padEnd(8)} ${step.name.padEnd(38)} ${time}${hint}`);
}
if (counts.missing.length > 0 && !buildFailed) {
  console.log(`  no test report from: ${counts.missing.join(", ")}`);
}
const failed =
  results.some((r) => r.status !== "ok") ||
  counts.failed > 0 ||
  counts.passed === 0 ||
  (counts.missing.length > 0 && !buildFailed);
console.log(formatCounts(counts));
process.exitCode = failed ? 1 : 0;
