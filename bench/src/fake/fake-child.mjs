// The fake registry in its own process, so that its CPU time is its own and it does not share an
// event loop with the client under test. Started by fake-process.ts; talks to it over IPC.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { startFakeRegistryServer } from "@model-registry/testing/node";

const { values } = parseArgs({
  options: { latency: { type: "string", default: "0" }, state: { type: "string" } },
});
const initialState = values.state ? JSON.parse(readFileSync(values.state, "utf8")) : undefined;
const server = await startFakeRegistryServer({
  host: "127.0.0.1",
  port: 0,
  latencyMs: Number(values.latency),
  requestLogLimit: 1_000_000,
  ...(initialState ? { initialState } : {}),
});
const { registry } = server;

const operations = {
  clear: () => registry.clearRequests(),
  count: () => registry.requests.length,
  requests: () => registry.requests.map(({ method, url, status }) => ({ method, url, status })),
  usage: () => {
    const cpu = process.cpuUsage();
    return { cpuMs: (cpu.user + cpu.system) / 1000, rssBytes: process.memoryUsage().rss };
  },
};

process.on("message", async (message) => {
  if (message.op === "close") {
    await server.close();
    process.send({ id: message.id, result: null }, () => process.exit(0));
    return;
  }
  const operation = operations[message.op];
  const reply = operation
    ? { id: message.id, result: operation() }
    : { id: message.id, error: `unknown operation ${message.op}` };
  process.send(reply);
});
// The parent's death closes the IPC channel: leave with it.
process.on("disconnect", () => process.exit(0));
process.send({ ready: server.url });
