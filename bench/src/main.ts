// `pnpm bench`: the benchmark against the fake registry with injected latency, next to the Python
// plugin's request sequence and the round-trip lower bound, plus the per-package benchmarks.
// Writes bench/results.md and bench/plots/*.svg. See bench/README.md.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { PROFILES } from "./profiles.js";
import { readResults, writeResults } from "./report/write-results.js";
import { runBench } from "./run-bench.js";

const USAGE = `Usage: pnpm bench [--quick | --smoke] [--only id,id] [--concurrency n] [--out dir] [--no-package-benches]
       pnpm bench --render results.json [--out dir]

  --quick               smaller workloads, fewer repetitions (about two minutes)
  --smoke               tiny workloads at 0 and 2 ms (a few seconds; what the test runs)
  --only <ids>          only these workloads (training-sync, training-async, log-batch, get-run,
                        search-runs, metric-history, async-logging)
  --concurrency <n>     the store's concurrency in the workload matrix (default 8)
  --out <dir>           where results.md and plots/ go (default: the bench folder)
  --no-package-benches  skip the per-package benchmarks
  --render <file>       write results.md and the plots again from a results.json, without measuring
`;

const { values } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    smoke: { type: "boolean", default: false },
    only: { type: "string" },
    concurrency: { type: "string" },
    out: { type: "string" },
    "no-package-benches": { type: "boolean", default: false },
    render: { type: "string" },
    help: { type: "boolean", short: "h", default: false },
  },
});
if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const profile = PROFILES[values.smoke ? "smoke" : values.quick ? "quick" : "full"];
const concurrency = values.concurrency === undefined ? undefined : Number(values.concurrency);
if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1)) {
  process.stderr.write(`--concurrency must be a positive integer\n\n${USAGE}`);
  process.exit(2);
}
// Relative paths are the caller's: pnpm runs this script in bench/ and says where it was called from.
const callerPath = (path: string) => resolve(process.env.INIT_CWD ?? process.cwd(), path);
const outDir = values.out ? callerPath(values.out) : fileURLToPath(new URL("..", import.meta.url));
if (values.render) {
  const results = readResults(readFileSync(callerPath(values.render), "utf8"));
  for (const path of writeResults(results, outDir)) process.stdout.write(`wrote ${path}\n`);
  process.exit(0);
}

const started = performance.now();
const results = await runBench({
  profile,
  ...(values.only ? { only: values.only.split(",").map((s) => s.trim()) } : {}),
  ...(concurrency !== undefined ? { concurrency } : {}),
  skipPackageBenches: values["no-package-benches"],
  log: (line) => {
    const elapsed = ((performance.now() - started) / 1000).toFixed(0).padStart(4);
    process.stdout.write(`[${elapsed} s] ${line}\n`);
  },
});
for (const path of writeResults(results, outDir)) process.stdout.write(`wrote ${path}\n`);
process.stdout.write(`took ${(results.seconds / 60).toFixed(1)} min\n`);
const failed = results.packageBenches.filter((b) => b.error);
if (failed.length > 0) {
  process.stderr.write(`failed: ${failed.map((b) => b.id).join(", ")}\n`);
  process.exitCode = 1;
}
