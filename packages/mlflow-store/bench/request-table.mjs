// What the request-count benchmarks share: each operation run a few times against the fake
// registry, its requests per call (the most seen) and median wall time, printed as a markdown
// table next to the Python client's request counts.
import { performance } from "node:perf_hooks";

/**
 * A `measure(name, python, action, reps?)` that runs `action(i)` `reps` times, counting the
 * requests `fake` answers during each run, and the rows it has recorded.
 */
export function requestTable(fake, reps) {
  const rows = [];
  async function measure(name, python, action, times = reps) {
    const counts = [];
    const durations = [];
    for (let i = 0; i < times; i++) {
      fake.clearRequests();
      const start = performance.now();
      await action(i);
      durations.push(performance.now() - start);
      counts.push(fake.requests.length);
    }
    durations.sort((a, b) => a - b);
    rows.push({
      operation: name,
      requests: Math.max(...counts),
      python,
      ms: durations[Math.floor(durations.length / 2)],
    });
  }
  return { rows, measure };
}

/** Prints `rows` as a markdown table under a line naming the latency and repetitions. */
export function printRequestTable(rows, { python, latency, reps }) {
  const header = ["operation", "requests", python, "median ms"];
  const table = rows.map((r) => [r.operation, String(r.requests), r.python, r.ms.toFixed(1)]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  console.log(
    `fake registry on 127.0.0.1, latency ${latency} ms per request, ${reps} repetitions (max requests, median time)`,
  );
  console.log(line(header));
  console.log(line(widths.map((w) => "-".repeat(w))));
  for (const row of table) console.log(line(row));
}
