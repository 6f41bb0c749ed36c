import { spawn } from "node:child_process";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

/** One per-package benchmark script. */
interface PackageBench {
  readonly id: string;
  readonly title: string;
  readonly pkg: string;
  readonly args: readonly string[];
  /** Extra arguments and environment for the quick profile. */
  readonly quick: { readonly args?: readonly string[]; readonly env?: Record<string, string> };
  /** Whether its output is a markdown table (else it is shown as preformatted text). */
  readonly markdown: boolean;
}

/** Output of one per-package benchmark. */
export interface PackageBenchResult {
  readonly id: string;
  readonly title: string;
  readonly command: string;
  readonly seconds: number;
  readonly output: string;
  readonly markdown: boolean;
  readonly error?: string;
}

const BENCHES: readonly PackageBench[] = [
  {
    id: "client-overhead",
    title: "registry-client: overhead per request against plain fetch",
    pkg: "registry-client",
    args: ["bench/run.mjs"],
    quick: { env: { BENCH_N: "500" } },
    markdown: false,
  },
  {
    id: "fake-throughput",
    title: "testing: the fake's throughput (autocannon) and large-state queries",
    pkg: "testing",
    args: ["--expose-gc", "bench/run.mjs"],
    quick: { env: { BENCH_DURATION_S: "1", BENCH_RUNS: "10000", BENCH_HISTORY: "100000" } },
    markdown: false,
  },
  {
    id: "store-requests",
    title: "mlflow-store: requests and wall time per store operation (latency 0)",
    pkg: "mlflow-store",
    args: ["bench/run.mjs"],
    quick: { args: ["--runs", "200", "--reps", "3"] },
    markdown: true,
  },
  {
    id: "search-memory",
    title: "mlflow-store: searchRuns memory over a large experiment",
    pkg: "mlflow-store",
    args: ["bench/search-runs-memory.mjs"],
    quick: { args: ["--runs", "2000", "--reps", "1"] },
    markdown: true,
  },
];

/** No per-package benchmark may run longer than this. */
const TIMEOUT_MS = 5 * 60_000;

const PACKAGES = fileURLToPath(new URL("../../../packages/", import.meta.url));

function runOne(bench: PackageBench, quick: boolean): Promise<PackageBenchResult> {
  const args = [...bench.args, ...(quick ? (bench.quick.args ?? []) : [])];
  const env = { ...process.env, ...(quick ? bench.quick.env : {}) };
  const envText =
    quick && bench.quick.env
      ? `${Object.entries(bench.quick.env)
          .map(([k, v]) => `${k}=${v}`)
          .join(" ")} `
      : "";
  const command = `cd packages/${bench.pkg} && ${envText}node ${args.join(" ")}`;
  const start = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, {
      cwd: `${PACKAGES}${bench.pkg}`,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill(), TIMEOUT_MS);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const seconds = (performance.now() - start) / 1000;
      const failed = code !== 0;
      resolve({
        id: bench.id,
        title: bench.title,
        command,
        seconds,
        output: stdout.trim(),
        markdown: bench.markdown,
        ...(failed
          ? {
              error: `exited with ${signal ?? code}${stderr ? `: ${stderr.trim().slice(-2000)}` : ""}`,
            }
          : {}),
      });
    });
  });
}

/** Runs the per-package benchmarks one after the other (they measure CPU-bound paths). */
export async function runPackageBenches(
  mode: "full" | "quick",
  log?: (line: string) => void,
): Promise<PackageBenchResult[]> {
  const results: PackageBenchResult[] = [];
  for (const bench of BENCHES) {
    log?.(`  ${bench.id}…`);
    const result = await runOne(bench, mode === "quick");
    log?.(
      `  ${bench.id}: ${result.error ? `FAILED (${result.error.split("\n")[0]})` : `${result.seconds.toFixed(1)} s`}`,
    );
    results.push(result);
  }
  return results;
}
