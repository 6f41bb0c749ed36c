/**
 * A tracking URI that points at something other than a Model Registry gives ENDPOINT_NOT_FOUND
 * "does not look like a Model Registry", not a JSON parse error or a RESOURCE_DOES_NOT_EXIST that
 * reads like a missing experiment.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type FakeRegistryServer, startFakeRegistryServer } from "@model-registry/testing/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMlflowStore } from "../../src/index.js";
import { errorOf } from "../support/error-of.js";

describe("a tracking URI that is not a Model Registry", () => {
  let fake: FakeRegistryServer;
  let site: Server;
  let siteUrl: string;

  beforeAll(async () => {
    fake = await startFakeRegistryServer({ host: "127.0.0.1", port: 0 });
    site = createServer((_request, response) => {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      response.end("<!doctype html><title>Dashboard</title>");
    });
    await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
    siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await fake.close();
    site.closeAllConnections();
    await new Promise((resolve) => site.close(resolve));
  });

  it("the registry behind a wrong path prefix (its router's plain-text 404)", async () => {
    const server = `${fake.url}/wrong-prefix`;
    const store = createMlflowStore({
      trackingUri: server.replace("http://", "modelregistry+http://"),
      env: {},
      retry: false,
    });
    const failure = await errorOf(store.getExperiment("1"));
    expect(failure.errorCode).toBe("ENDPOINT_NOT_FOUND");
    expect(failure.message).toContain(`getExperiment failed: the server at ${server}`);
    expect(failure.message).toContain("does not look like a Model Registry");
    expect(failure.message).toContain("HTTP 404 with text/plain");
    expect(failure.message).not.toMatch(/Experiment .* does not exist/);
  });

  it("an HTML page (a web UI on that port)", async () => {
    const store = createMlflowStore({
      trackingUri: siteUrl.replace("http://", "modelregistry+http://"),
      env: {},
      retry: false,
    });
    const failure = await errorOf(store.createExperiment("x"));
    expect(failure.errorCode).toBe("ENDPOINT_NOT_FOUND");
    expect(failure.message).toContain(
      `the server at ${siteUrl} does not look like a Model Registry`,
    );
    expect(failure.message).toContain("an HTML page");
  });

  it("the right prefix still reports a missing experiment as RESOURCE_DOES_NOT_EXIST", async () => {
    const store = createMlflowStore({
      trackingUri: fake.url.replace("http://", "modelregistry+http://"),
      env: {},
      retry: false,
    });
    expect((await errorOf(store.getExperiment("424242"))).errorCode).toBe(
      "RESOURCE_DOES_NOT_EXIST",
    );
  });
});
