// What a hostile registry costs a client: time to the error and peak memory, each scenario in a
// fresh child process (the server runs in this one, streaming from one reused buffer).
// Usage: pnpm --filter @model-registry/registry-client build && node bench/hostile.mjs
//   BENCH_CLIENT=<path to an index.js>  measure another build of the client (e.g. an older one)
//   BENCH_MAX_RESPONSE_BYTES=<n>       the client's maxResponseBytes (default: the client's default)
//   BENCH_FILTER=<text>                only the scenarios whose name contains it
//   BENCH_SLOW=1                        also the hang and drip scenarios with default timeouts (~60 s)
import { fork } from "node:child_process";
import http from "node:http";
import { fileURLToPath, pathToFileURL } from "node:url";

const MiB = 1024 * 1024;
const CLIENT =
  process.env.BENCH_CLIENT ?? fileURLToPath(new URL("../dist/index.js", import.meta.url));
const API = "/api/model_registry/v1alpha3";

// ---- child: one request against the scenario's server, measured ----
if (process.argv[2] === "child") {
  const [, , , baseUrl, call] = process.argv;
  const { createRegistryClient, paginate, unwrap } = await import(pathToFileURL(CLIENT).href);
  const max = process.env.BENCH_MAX_RESPONSE_BYTES;
  const client = createRegistryClient({
    baseUrl,
    env: {},
    ...(max ? { maxResponseBytes: Number(max) } : {}),
  });
  const held = () => {
    const usage = process.memoryUsage();
    return usage.heapUsed + usage.arrayBuffers;
  };
  global.gc?.();
  const rssBefore = process.memoryUsage.rss();
  const heldBefore = held();
  let peakHeld = 0;
  const sampler = setInterval(() => {
    peakHeld = Math.max(peakHeld, held() - heldBefore);
  }, 2);
  const started = performance.now();
  let outcome;
  try {
    if (call === "list") {
      let n = 0;
      for await (const _ of paginate(client, `${API}/experiment_runs`)) n++;
      outcome = `ok (${n} items)`;
    } else if (call === "post") {
      await unwrap(client.POST(`${API}/experiments`, { body: { name: "x" } }));
      outcome = "ok";
    } else {
      await unwrap(
        client.GET(`${API}/experiments/{experimentId}`, {
          params: { path: { experimentId: "1" } },
        }),
      );
      outcome = "ok";
    }
  } catch (error) {
    outcome = `${error?.name}${error?.code ? ` ${error.code}` : ""}${error?.phase ? ` (${error.phase})` : ""}${error?.attempts ? `, ${error.attempts} attempts` : ""}`;
  }
  const elapsedMs = performance.now() - started;
  peakHeld = Math.max(peakHeld, held() - heldBefore);
  clearInterval(sampler);
  const peakRss = process.resourceUsage().maxRSS * 1024 - rssBefore;
  process.send({ outcome, elapsedMs, peakHeld, peakRss });
  process.exit(0);
}

// ---- parent: the hostile server and the scenarios ----
// About 64 KiB of whole list items, so that any number of chunks is valid JSON.
const RUN = Buffer.from(
  `${JSON.stringify({ id: "1", experimentId: "1", name: "run", customProperties: {} })},`,
);
const CHUNK = Buffer.concat(
  Array.from({ length: Math.floor((64 * 1024) / RUN.length) }, () => RUN),
);

const HEAD = '{"items":[';
const TAIL = `${RUN.subarray(0, RUN.length - 1)}],"size":1,"pageSize":0,"nextPageToken":""}`;
/** The size of the page `stream` sends for `total`. */
function pageBytes(total) {
  return HEAD.length + Math.ceil(total / CHUNK.length) * CHUNK.length + TAIL.length;
}

/** Streams a JSON list page of about `total` bytes (forever without total), or drips a byte per `dripMs`. */
function stream(res, { total, dripMs, declared } = {}) {
  const head = { "content-type": "application/json; charset=UTF-8" };
  if (declared) head["content-length"] = String(declared);
  res.writeHead(200, head);
  let closed = false;
  res.on("close", () => {
    closed = true;
  });
  let sent = 0;
  const next = () => {
    while (!closed && (total === undefined || sent < total)) {
      if (dripMs !== undefined) {
        res.write(" ");
        setTimeout(next, dripMs);
        return;
      }
      sent += CHUNK.length;
      if (!res.write(CHUNK)) {
        res.once("drain", next);
        return;
      }
    }
    if (!closed) res.end(TAIL);
  };
  res.write(HEAD);
  next();
}

const scenarios = [
  ["50 MB list page, chunked", "list", (res) => stream(res, { total: 50 * MiB })],
  [
    "50 MB list page, Content-Length",
    "list",
    (res) => stream(res, { total: 50 * MiB, declared: pageBytes(50 * MiB) }),
  ],
  ["endless body, as fast as read", "get", (res) => stream(res, {})],
  [
    "HTML page with status 200",
    "get",
    (res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<!DOCTYPE html><html><body>Sign in</body></html>");
    },
  ],
  [
    "invalid JSON with status 200",
    "get",
    (res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"id": "1",');
    },
  ],
];
if (process.env.BENCH_SLOW) {
  scenarios.push(
    ["no answer (hang), GET, default timeouts", "get", () => {}],
    ["no answer (hang), POST, default timeouts", "post", () => {}],
    [
      "endless drip (1 byte / 100 ms), GET, default timeouts",
      "get",
      (res) => stream(res, { dripMs: 100 }),
    ],
    [
      "endless drip (1 byte / 100 ms), POST, default timeouts",
      "post",
      (res) => stream(res, { dripMs: 100 }),
    ],
  );
}

function runScenario([name, call, handler]) {
  return new Promise((resolve, reject) => {
    const server = http.createServer((_req, res) => handler(res));
    server.listen(0, "127.0.0.1", () => {
      const baseUrl = `http://127.0.0.1:${server.address().port}`;
      const child = fork(fileURLToPath(import.meta.url), ["child", baseUrl, call], {
        execArgv: ["--expose-gc"],
      });
      child.once("message", (result) => {
        server.closeAllConnections();
        server.close();
        resolve({ name, ...result });
      });
      child.once("error", reject);
    });
  });
}

console.log(`node ${process.version}, client ${CLIENT}`);
const only = process.env.BENCH_FILTER;
if (only)
  scenarios.splice(0, scenarios.length, ...scenarios.filter(([name]) => name.includes(only)));
// The slow scenarios wait on timers, so they run side by side; the others one at a time.
const fast = scenarios.filter(([name]) => !name.includes("default timeouts"));
const slow = scenarios.filter(([name]) => name.includes("default timeouts"));
const results = [];
for (const scenario of fast) results.push(await runScenario(scenario));
results.push(...(await Promise.all(slow.map(runScenario))));
for (const r of results) {
  console.log(
    `${r.name.padEnd(56)} ${r.outcome.padEnd(52)} ${(r.elapsedMs / 1000).toFixed(2).padStart(7)} s` +
      `  peak heap+buffers +${(r.peakHeld / MiB).toFixed(0).padStart(4)} MB  peak RSS +${(r.peakRss / MiB).toFixed(0).padStart(4)} MB`,
  );
}
