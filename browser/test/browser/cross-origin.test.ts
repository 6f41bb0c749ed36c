// In Chromium: the store and the registry client against the fake registry's HTTP server on
// another loopback origin, through the server's CORS answers (those of the real server).
import { fromCallback } from "@model-registry/auth";
import { createMlflowStore, isMlflowError } from "@model-registry/mlflow-store";
import {
  createRegistryClient,
  isRegistryNetworkError,
  paginate,
  unwrap,
} from "@model-registry/registry-client";
import { describe, expect, inject, it } from "vitest";
import { EXPECTED_HISTORY, trackingFlow } from "../tracking-flow.js";

const EXPERIMENTS = "/api/model_registry/v1alpha3/experiments";

describe("in a browser, against the fake registry on another origin (CORS)", () => {
  const baseUrl = inject("fakeRegistryUrl");

  it("is another origin than the page", () => {
    expect(new URL(baseUrl).origin).not.toBe(location.origin);
  });

  it("creates an experiment, logs runs with metrics, searches with a filter, reads metric history", async () => {
    const store = createMlflowStore({
      trackingUri: baseUrl.replace(/^http:/, "modelregistry+http:"),
    });
    const result = await trackingFlow(store, "browser cross-origin");
    expect(result.found).toEqual([result.matchingRunId]);
    expect(result.history).toEqual(EXPECTED_HISTORY);
  });

  it("pages through a list with the registry client", async () => {
    let gets = 0;
    const client = createRegistryClient({
      baseUrl,
      fetch: (input, init) => {
        if ((init?.method ?? "GET") === "GET") gets++;
        return fetch(input, init);
      },
    });
    for (let i = 0; i < 5; i++) {
      await unwrap(client.POST(EXPERIMENTS, { body: { name: `paged ${i}` } }));
    }
    const names: string[] = [];
    for await (const experiment of paginate(client, EXPERIMENTS, undefined, { pageSize: 2 })) {
      names.push(experiment.name);
    }
    expect(names.filter((name) => name.startsWith("paged "))).toHaveLength(5);
    expect(gets).toBe(Math.ceil(names.length / 2));
    expect(gets).toBeGreaterThanOrEqual(3);
  });

  it("sends a token from a callback provider (Authorization is an allowed CORS header)", async () => {
    const client = createRegistryClient({
      baseUrl: inject("lockedRegistryUrl"),
      auth: fromCallback(() => "browser-token"),
      allowInsecureAuth: true,
    });
    const created = await unwrap(client.POST(EXPERIMENTS, { body: { name: "with a token" } }));
    expect(created.name).toBe("with a token");
    const refused = await client.GET(EXPERIMENTS, { headers: { authorization: "Bearer wrong" } });
    expect(refused.response.status).toBe(401);
  });

  it("cannot PATCH across origins, as with the real server (PATCH is not in its CORS methods)", async () => {
    const store = createMlflowStore({
      trackingUri: baseUrl.replace(/^http:/, "modelregistry+http:"),
      retry: false,
    });
    const experimentId = await store.createExperiment("browser patch");
    const { info } = await store.createRun({ experimentId, startTime: 1 });
    const failure = await store
      .updateRunInfo(info.runId, { status: "FINISHED", endTime: 2 })
      .catch((error: unknown) => error);
    expect(isMlflowError(failure)).toBe(true);
    expect(isRegistryNetworkError((failure as Error).cause)).toBe(true);
    expect((await store.getRun(info.runId)).info.status).toBe("RUNNING");
  });
});
