import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { BenchResults } from "../run-bench.js";
import { renderResults } from "./render-results.js";

/** Writes `results.md`, the plots and the raw `results.json` under `outDir`; returns the paths written. */
export function writeResults(results: BenchResults, outDir: string): string[] {
  const { markdown, files } = renderResults(results);
  const written: string[] = [];
  const raw = `${JSON.stringify(results, null, 1)}\n`;
  for (const [name, content] of [
    ["results.md", markdown] as const,
    ["results.json", raw] as const,
    ...Object.entries(files),
  ]) {
    const path = join(outDir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
    written.push(path);
  }
  return written;
}

/** Reads a `results.json` written by {@link writeResults}. */
export function readResults(text: string): BenchResults {
  const parsed = JSON.parse(text) as BenchResults & { startedAt: string };
  return { ...parsed, startedAt: new Date(parsed.startedAt) };
}
