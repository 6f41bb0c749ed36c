import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { BenchResults } from "../run-bench.js";
import { renderResults } from "./render-results.js";

/** Writes `results.md` and the plots under `outDir`; returns the paths written. */
export function writeResults(results: BenchResults, outDir: string): string[] {
  const { markdown, files } = renderResults(results);
  const written: string[] = [];
  for (const [name, content] of [["results.md", markdown] as const, ...Object.entries(files)]) {
    const path = join(outDir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
    written.push(path);
  }
  return written;
}
