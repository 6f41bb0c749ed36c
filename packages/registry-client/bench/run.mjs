// Client overhead per request against plain fetch, on the same local HTTP server, in one run.
// Usage: pnpm --filter @model-registry/registry-client bench   (BENCH_N=3000 by default)
import http from "node:http";
import { performance } from "node:perf_hooks";
import { createRegistryClient, unwrap } from "../dist/index.js";

const N = Number(process.env.BENCH_N ?? 3000);
const WARMUP = 300;
const PATH = "/api/model_registry/v1alpha3/experiments/{experimentId}";

const body = `${JSON.stringify({
  id: "1",
  name: "bench",
  description: "MLflow experiment: bench",
  externalId: "file:///tmp/mlruns/1",
  owner: "me",
  state: "LIVE",
  createTimeSinceEpoch: "1700000000000",
  lastUpdateTimeSinceEpoch: "1700000000000",
  customProperties: { team: { metadataType: "MetadataStringValue", string_value: "ml" } },
})}\n`;

const server = http.createServer((_req, res) => {
  res.writeHead(200, { "content-type": "application/json; charset=UTF-8" });
  res.end(body);
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const origin = `http://127.0.0.1:${server.address().port}`;
const url = `${origin}/api/model_registry/v1alpha3/experiments/1`;
const client = createRegistryClient({ baseUrl: origin, env: {} });

const plain = async () => (await fetch(url)).json();
const viaClient = () => unwrap(client.GET(PATH, { params: { path: { experimentId: "1" } } }));

async function time(fn, count, into) {
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await fn();
    into?.push(performance.now() - start);
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
const percentile = (xs, p) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

await time(plain, WARMUP);
await time(viaClient, WARMUP);
// Interleave single requests so that load from elsewhere on the machine hits both alike.
const plainSamples = [];
const clientSamples = [];
for (let i = 0; i < N; i++) {
  await time(plain, 1, plainSamples);
  await time(viaClient, 1, clientSamples);
}
// CPU time of this process per request (client + server side), less sensitive to machine load.
async function cpuPerRequest(fn, count) {
  const before = process.cpuUsage();
  await time(fn, count);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / count / 1000; // ms
}
const plainCpu = await cpuPerRequest(plain, N);
const clientCpu = await cpuPerRequest(viaClient, N);
server.close();

const us = (ms) => `${(ms * 1000).toFixed(1)} µs`;
const pm = median(plainSamples);
const cm = median(clientSamples);
console.log(
  `node ${process.version}, ${N} sequential GETs each (interleaved) after ${WARMUP} warm-up, 127.0.0.1 keep-alive`,
);
console.log(`plain fetch            median ${us(pm)}  p90 ${us(percentile(plainSamples, 0.9))}`);
console.log(`client (unwrap(GET))   median ${us(cm)}  p90 ${us(percentile(clientSamples, 0.9))}`);
console.log(
  `ratio client/plain     ${(cm / pm).toFixed(2)}x  (overhead ${us(cm - pm)} per request)`,
);
console.log(
  `CPU per request        plain ${us(plainCpu)}, client ${us(clientCpu)}, ratio ${(clientCpu / plainCpu).toFixed(2)}x (process total, in-process server included)`,
);
