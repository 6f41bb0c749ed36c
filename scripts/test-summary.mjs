#!/usr/bin/env node
// Sums the vitest JSON reports every workspace package wrote during `pnpm test`.
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = resolve(fileURLToPath(new URL("..", import.meta.url)));
const REPORT = ".vitest-report.json";

function workspaceDirs() {
  return [
    ...readdirSync(join(root, "packages")).map((d) => join(root, "packages", d)),
    join(root, "examples"),
    join(root, "bench"),
    join(root, "browser"),
  ].filter((dir) => existsSync(join(dir, "package.json")));
}

/** Deletes every package's report, so a task that did not run cannot show an old one. */
export function removeTestReports() {
  for (const dir of workspaceDirs()) rmSync(join(dir, REPORT), { force: true });
}

/** Test counts over every package's report, and the packages that wrote none. */
export function summarizeTestReports() {
  const total = { passed: 0, failed: 0, skipped: 0, missing: [] };
  for (const dir of workspaceDirs()) {
    const file = join(dir, REPORT);
    if (!existsSync(file)) {
      total.missing.push(dir.slice(root.length + 1));
      continue;
    }
    const report = JSON.parse(readFileSync(file, "utf8"));
    total.passed += report.numPassedTests ?? 0;
    total.failed += report.numFailedTests ?? 0;
    total.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  }
  return total;
}

/** The closing line: `N passed, N failed, N skipped`. */
export function formatCounts({ passed, failed, skipped }) {
  return `${passed} passed, ${failed} failed, ${skipped} skipped`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const total = summarizeTestReports();
  if (total.missing.length > 0) console.log(`no test report from: ${total.missing.join(", ")}`);
  console.log(formatCounts(total));
  const bad = total.failed > 0 || total.missing.length > 0 || total.passed === 0;
  process.exitCode = bad ? 1 : 0;
}
