#!/usr/bin/env node
// Sums the vitest JSON reports every workspace package wrote during `pnpm test` and prints one line.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(fileURLToPath(new URL("..", import.meta.url)));
const dirs = [
  ...readdirSync(join(root, "packages")).map((d) => join(root, "packages", d)),
  join(root, "examples"),
  join(root, "bench"),
];
let passed = 0;
let failed = 0;
let skipped = 0;
const missing = [];
for (const dir of dirs) {
  const file = join(dir, ".vitest-report.json");
  if (!existsSync(file)) {
    if (existsSync(join(dir, "package.json"))) missing.push(dir.slice(root.length + 1));
    continue;
  }
  const report = JSON.parse(readFileSync(file, "utf8"));
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
}
if (missing.length > 0) console.log(`no test report from: ${missing.join(", ")}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || missing.length > 0 || passed === 0 ? 1 : 0);
