import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFakeRegistry } from "../src/index.js";
import { type FakeRegistryServer, startFakeRegistryServer } from "../src/node.js";
import { checkResponse, takeSpecViolations } from "./support/spec-check.js";

const P = "/api/model_registry/v1alpha3";
const SCRIPT: Array<[string, string, unknown?]> = [
  ["POST", "/experiments", { name: "e", description: "<&>" }],
  ["POST", "/experiments", { name: "e" }],
  ["POST", "/experiments", {}],
  ["POST", "/experiment_runs", { experimentId: "1", name: "r" }],
  ["POST", "/experiment_runs/2/artifacts", { artifactType: "metric", name: "m", value: 1 }],
  ["POST", "/experiment_runs/2/artifacts", { artifactType: "model-artifact", name: "w" }],
  ["GET", "/experiment_runs/2/metric_history?pageSize=1"],
  ["GET", "/experiments/abc"],
  ["DELETE", "/experiments/1"],
  ["GET", "/nowhere"],
  ["GET", "/experiments?pageSize=%zz"],
  ["PATCH", "/experiments/1", { state: "ARCHIVED" }],
];

describe("the MSW path and the HTTP server answer identically", () => {
  let server: FakeRegistryServer;
  beforeAll(async () => {
    server = await startFakeRegistryServer({
      now: () => 1_700_000_000_000,
      uuid: () => "u",
      onResponse: checkResponse,
    });
  });
  afterAll(() => server.close());

  it("for the same request sequence: status, content type and body bytes", async () => {
    const inProcess = createFakeRegistry({
      now: () => 1_700_000_000_000,
      uuid: () => "u",
      onResponse: checkResponse,
    });
    for (const [method, path, body] of SCRIPT) {
      const init: RequestInit =
        body === undefined ? { method } : { method, body: JSON.stringify(body) };
      const a = await inProcess.fetch(`http://in.process${P}${path}`, init);
      const b = await fetch(`${server.url}${P}${path}`, init);
      const [textA, textB] = [await a.text(), await b.text()];
      expect([b.status, b.headers.get("content-type"), textB], `${method} ${path}`).toEqual([
        a.status,
        a.headers.get("content-type"),
        textA,
      ]);
    }
    expect(inProcess.requests.map((r) => [r.method, r.route, r.status])).toEqual(
      server.registry.requests.map((r) => [r.method, r.route, r.status]),
    );
    expect(takeSpecViolations()).toEqual([]);
  });
});
