import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PROFILES } from "../src/profiles.js";
import { renderResults } from "../src/report/render-results.js";
import { readResults, writeResults } from "../src/report/write-results.js";
import { type BenchResults, runBench } from "../src/run-bench.js";
import { createWorkloads } from "../src/workloads/index.js";

describe("pnpm bench --smoke", () => {
  const outDir = mkdtempSync(join(tmpdir(), "bench-smoke-"));
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));
  let results: BenchResults;

  it("runs every workload three ways at every latency, with request counts that match the models", async () => {
    const profile = PROFILES.smoke;
    results = await runBench({ profile, skipPackageBenches: true });
    const workloads = createWorkloads(profile.sizes);
    expect(results.matrix).toHaveLength(workloads.length * profile.latencies.length);
    for (const row of results.matrix) {
      const workload = workloads.find((w) => w.id === row.workload);
      expect(workload).toBeDefined();
      expect(row.bound).toBeDefined();
      for (const cell of [row.ours, row.plugin, row.bound]) {
        if (!cell) continue;
        expect(cell.samples).toHaveLength(profile.reps);
        expect(cell.ms).toBeGreaterThan(0);
        expect(cell.requests).toBeGreaterThan(0);
      }
      // The harness checks every unprefixed replay against its model; a prefix is a strict part.
      expect(row.plugin.requests).toBe(workload?.pluginRequests);
      if (row.plugin.prefix)
        expect(row.plugin.loggedRequests).toBeLessThan(workload?.pluginRequests ?? 0);
      else expect(row.plugin.loggedRequests).toBe(workload?.pluginRequests);
      expect(row.boundModelMs).toBe(row.boundRoundTrips * row.latencyMs);
    }
    expect(results.curve.map((p) => p.concurrency)).toEqual(profile.curve.concurrencies);
    for (const point of results.curve) {
      expect(point.requests).toBeGreaterThan(0);
      expect(point.fakeCpuMs).toBeGreaterThan(0);
    }
    expect(results.throughput.map((t) => t.keys)).toEqual([profile.throughput.manyKeys, 1]);
    for (const point of results.throughput) expect(point.pointsPerSecond).toBeGreaterThan(0);
    for (const memory of results.queueMemory) {
      expect(memory.acceptedPoints).toBeGreaterThan(0);
      expect(memory.retainedBytes).toBeGreaterThan(0);
    }
    // Concurrent requests overlap: 16 at once take far less than 16 in turn.
    const check = results.latencyChecks.find((c) => c.latencyMs === 2);
    expect(check?.sequentialMs).toBeGreaterThanOrEqual(2 * 16);
    expect(check?.concurrentMs).toBeLessThan(check?.sequentialMs ?? 0);
  }, 180_000);

  it("writes the results table and well-formed SVG plots", () => {
    const written = writeResults(results, outDir);
    const markdown = readFileSync(join(outDir, "results.md"), "utf8");
    expect(markdown).toContain(`Node ${process.version}`);
    expect(markdown).toContain("## Concurrency curve of logBatch");
    expect(markdown).toContain("## Async logging throughput");
    for (const w of results.workloads) {
      expect(markdown).toContain(`### ${w.title}`);
      expect(markdown).toContain(`](plots/${w.id}.svg)`);
    }
    const plots = readdirSync(join(outDir, "plots"));
    expect(plots).toContain("concurrency-wall.svg");
    expect(plots).toContain("concurrency-cpu.svg");
    expect(written).toHaveLength(plots.length + 2);
    // The raw results read back and render the same page.
    const again = renderResults(readResults(readFileSync(join(outDir, "results.json"), "utf8")));
    expect(again.markdown).toBe(markdown);
    for (const name of plots) {
      const svg = readFileSync(join(outDir, "plots", name), "utf8");
      expect(svg.startsWith("<svg xmlns=")).toBe(true);
      expect(svg.trimEnd().endsWith("</svg>")).toBe(true);
      expect(svg).toContain("<polyline");
      expect(svg).not.toMatch(/NaN|Infinity|undefined/);
    }
  });
});
