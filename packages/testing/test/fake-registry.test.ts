import { createRegistryClient, REGISTRY_API_PREFIX, unwrap } from "@model-registry/registry-client";
import { getResponse } from "msw";
import { describe, expect, it } from "vitest";
import { createFakeRegistry, type FakeRegistryOptions } from "../src/index.js";
import { checkResponse, takeSpecViolations } from "./support/spec-check.js";

const P = REGISTRY_API_PREFIX;
const ORIGIN = "http://fake.test";

function fake(options: FakeRegistryOptions = {}) {
  const registry = createFakeRegistry({ onResponse: checkResponse, ...options });
  const client = createRegistryClient({ baseUrl: ORIGIN, retry: false, fetch: registry.fetch });
  const call = async (method: string, path: string, body?: unknown) => {
    const init: RequestInit = { method };
    if (body !== undefined) init.body = JSON.stringify(body);
    const response = await registry.fetch(new Request(`${ORIGIN}${P}${path}`, init));
    return { status: response.status, json: await response.json().catch(() => undefined) };
  };
  return { registry, client, call };
}

describe("createFakeRegistry", () => {
  it("records method, route template, url and status of every request", async () => {
    const { registry, client, call } = fake();
    const experiment = await unwrap(client.POST(`${P}/experiments`, { body: { name: "e" } }));
    await call("GET", `/experiments/${experiment.id}?x=1`);
    await call("GET", "/nothing");
    expect(registry.requests).toEqual([
      { method: "POST", route: `${P}/experiments`, url: `${ORIGIN}${P}/experiments`, status: 201 },
      {
        method: "GET",
        route: `${P}/experiments/{experimentId}`,
        url: `${ORIGIN}${P}/experiments/1?x=1`,
        status: 200,
      },
      { method: "GET", route: null, url: `${ORIGIN}${P}/nothing`, status: 404 },
    ]);
    registry.clearRequests();
    expect(registry.requests).toEqual([]);
    expect(takeSpecViolations()).toEqual([]);
  });

  it("ids: one sequence for contexts, one for artifacts and history records (§3.1)", async () => {
    const { call } = fake();
    const experiment = await call("POST", "/experiments", { name: "e" });
    const run = await call("POST", "/experiment_runs", { experimentId: experiment.json.id });
    const model = await call("POST", "/registered_models", { name: "m" });
    expect([experiment.json.id, run.json.id, model.json.id]).toEqual(["1", "2", "3"]);
    const metric = await call("POST", `/experiment_runs/2/artifacts`, {
      artifactType: "metric",
      name: "m",
      value: 1,
    });
    const param = await call("POST", `/experiment_runs/2/artifacts`, {
      artifactType: "parameter",
      name: "p",
      value: "1",
    });
    expect([metric.json.id, param.json.id]).toEqual(["1", "3"]);
  });

  it("state is per instance; snapshot() and reset() go back to initialState", async () => {
    const first = fake();
    await first.call("POST", "/experiments", { name: "seeded" });
    const snapshot = first.registry.snapshot();
    const second = fake({ initialState: snapshot });
    expect(
      (await second.call("GET", "/experiments")).json.items.map((e: { name: string }) => e.name),
    ).toEqual(["seeded"]);
    await second.call("POST", "/experiments", { name: "later" });
    expect((await second.call("POST", "/experiments", { name: "x" })).json.id).toBe("3");
    second.registry.reset();
    expect((await second.call("GET", "/experiments")).json.size).toBe(1);
    expect((await second.call("POST", "/experiments", { name: "x" })).json.id).toBe("2");
    expect((await fake().call("GET", "/experiments")).json.size).toBe(0);
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
    const run = await first.call("POST", "/experiment_runs", { experimentId: "1" });
    await first.call("POST", "/experiments", { name: "other" });
    await first.call("POST", "/experiments/3/experiment_runs", {
      experimentId: "3",
      id: run.json.id,
    });
    const third = fake({ initialState: first.registry.snapshot() });
    expect((await third.call("GET", "/experiments/3/experiment_runs")).json.size).toBe(1);
  });

  it("seeds from a hand-written snapshot (runs, artifacts by experimentRunId, metric history)", async () => {
    const { call } = fake({
      initialState: {
        format: "model-registry-fake/v1",
        experiments: [
          {
            id: "1",
            name: "e",
            state: "LIVE",
            createTimeSinceEpoch: "1",
            lastUpdateTimeSinceEpoch: "1",
          },
        ],
        experimentRuns: [
          {
            id: "2",
            name: "r",
            experimentId: "1",
            status: "RUNNING",
            state: "LIVE",
            createTimeSinceEpoch: "1",
            lastUpdateTimeSinceEpoch: "1",
          },
        ],
        artifacts: [
          {
            id: "1",
            name: "loss",
            artifactType: "metric",
            value: 1,
            experimentId: "1",
            experimentRunId: "2",
            createTimeSinceEpoch: "1",
            lastUpdateTimeSinceEpoch: "1",
          },
        ],
        metricHistory: [
          {
            id: "2",
            name: "loss",
            artifactType: "metric",
            value: 1,
            experimentId: "1",
            experimentRunId: "2",
            createTimeSinceEpoch: "1",
            lastUpdateTimeSinceEpoch: "1",
          },
        ],
      },
    });
    expect((await call("GET", "/experiment_runs/2/artifacts")).json.items[0]).toMatchObject({
      name: "loss",
      customProperties: {},
    });
    expect((await call("GET", "/experiment_runs/2/metric_history")).json.size).toBe(1);
    const relog = await call("POST", "/experiment_runs/2/artifacts", {
      artifactType: "metric",
      name: "loss",
      value: 2,
    });
    expect(relog.json).toMatchObject({ id: "1", value: 2 });
    expect(
      (await call("GET", "/experiment_runs/2/metric_history")).json.items.map(
        (m: { id: string }) => m.id,
      ),
    ).toEqual(["2", "3"]);
  });

  it("orders ties by (column, id) and pages across them with the token's id part", async () => {
    const { call } = fake({ now: () => 1_700_000_000_000 });
    const experiment = await call("POST", "/experiments", { name: "same-ms" });
    const ids: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      ids.push(
        (await call("POST", "/experiment_runs", { experimentId: experiment.json.id })).json.id,
      );
    }
    const path = `/experiments/${experiment.json.id}/experiment_runs?orderBy=CREATE_TIME&sortOrder=DESC&pageSize=3`;
    const first = await call("GET", path);
    expect(first.json.items.map((r: { id: string }) => r.id)).toEqual(
      [...ids].reverse().slice(0, 3),
    );
    const second = await call(
      "GET",
      `${path}&nextPageToken=${encodeURIComponent(first.json.nextPageToken)}`,
    );
    expect(second.json.items.map((r: { id: string }) => r.id)).toEqual([ids[0]]);
  });

  it("an inference service's latest version among same-millisecond versions is the last created (ambiguous on the server)", async () => {
    const { call } = fake({ now: () => 1_700_000_000_000 });
    const model = await call("POST", "/registered_models", { name: "tied" });
    const versions: string[] = [];
    for (const name of ["v1", "v2", "v3"]) {
      versions.push(
        (await call("POST", "/model_versions", { name, registeredModelId: model.json.id })).json.id,
      );
    }
    const environment = await call("POST", "/serving_environments", { name: "env" });
    const service = await call("POST", "/inference_services", {
      servingEnvironmentId: environment.json.id,
      registeredModelId: model.json.id,
    });
    // The server's `ORDER BY create_time DESC` has no tie-breaker; the fake picks the highest id.
    const latest = await call("GET", `/inference_services/${service.json.id}/version`);
    expect(latest.json.id).toBe(versions[2]);
  });

  it("orders by create time even when the clock went backwards", async () => {
    let clock = 1_700_000_000_000;
    const { call } = fake({ now: () => (clock -= 1000) });
    const ids: string[] = [];
    for (const name of ["a", "b", "c"])
      ids.push((await call("POST", "/experiments", { name })).json.id);
    const first = await call("GET", "/experiments?orderBy=CREATE_TIME&pageSize=2");
    expect(first.json.items.map((e: { id: string }) => e.id)).toEqual([ids[2], ids[1]]);
    const token = encodeURIComponent(first.json.nextPageToken);
    const second = await call(
      "GET",
      `/experiments?orderBy=CREATE_TIME&pageSize=2&nextPageToken=${token}`,
    );
    expect(second.json.items.map((e: { id: string }) => e.id)).toEqual([ids[0]]);
  });

  it("compares names case-insensitively like MySQL unless caseSensitive is set (Postgres)", async () => {
    const mysql = fake();
    await mysql.call("POST", "/experiments", { name: "Exp" });
    expect((await mysql.call("POST", "/experiments", { name: "exp" })).status).toBe(409);
    expect((await mysql.call("GET", "/experiment?name=EXP")).json.name).toBe("Exp");
    const postgres = fake({ caseSensitive: true });
    await postgres.call("POST", "/experiments", { name: "Exp" });
    expect((await postgres.call("POST", "/experiments", { name: "exp" })).status).toBe(201);
    expect((await postgres.call("GET", "/experiment?name=EXP")).status).toBe(404);
  });

  it("MSW handlers are origin-agnostic and leave other paths unhandled", async () => {
    const { registry } = fake();
    expect(registry.handlers).toHaveLength(1);
    const answer = (url: string) => getResponse(registry.handlers, new Request(url));
    expect((await answer(`https://a.example:8443${P}/experiments`))?.status).toBe(200);
    expect((await answer(`http://localhost:9${P}/anything/else`))?.status).toBe(404);
    expect(await answer("http://localhost:9/api/other")).toBeUndefined();
  });
});

describe("createFakeRegistry edge behaviour", () => {
  it("wraps a metric step to int32 like the database; answers the health checks", async () => {
    const { call, registry } = fake();
    await call("POST", "/experiments", { name: "e" });
    await call("POST", "/experiment_runs", { experimentId: "1" });
    const logged = await call("POST", "/experiment_runs/2/artifacts", {
      artifactType: "metric",
      name: "m",
      value: 1,
      step: 2 ** 32 + 5,
    });
    expect(logged.json.step).toBe(5);
    const health = await registry.fetch("http://fake.test/readyz/health");
    expect([health.status, await health.text()]).toEqual([200, "OK"]);
  });

  it("metricHistoryCollisions: a same-millisecond re-log is a 500 after the metric was updated", async () => {
    const { call } = fake({ now: () => 1_700_000_000_000, metricHistoryCollisions: true });
    await call("POST", "/experiments", { name: "e" });
    await call("POST", "/experiment_runs", { experimentId: "1" });
    const first = await call("POST", "/experiment_runs/2/artifacts", {
      artifactType: "metric",
      name: "m",
      value: 1,
    });
    expect(first.status).toBe(200);
    const second = await call("POST", "/experiment_runs/2/artifacts", {
      artifactType: "metric",
      name: "m",
      value: 2,
    });
    expect(second.status).toBe(500);
    expect(second.json.code).toBe("Internal Server Error");
    expect((await call("GET", `/artifacts/${first.json.id}`)).json.value).toBe(2);
    expect((await call("GET", "/experiment_runs/2/metric_history")).json.size).toBe(1);
  });

  it("databaseLimits: values longer than the 255-character columns fail as the database makes them fail", async () => {
    const long = (n: number) => "n".repeat(n);
    const lenient = fake();
    expect((await lenient.call("POST", "/experiments", { name: long(300) })).status).toBe(201);

    const { call } = fake({ now: () => 1_700_000_000_000, databaseLimits: true });
    expect((await call("POST", "/experiments", { name: long(255) })).status).toBe(201);
    const tooLong = await call("POST", "/experiments", { name: long(256) });
    expect(tooLong).toEqual({
      status: 500,
      json: {
        code: "Internal Server Error",
        message:
          "error saving experiment: Error 1406 (22001): Data too long for column 'name' at row 1",
      },
    });
    expect((await call("GET", "/experiments")).json.size).toBe(1);
    // Child names count their "<parentId>:" prefix (the experiment is 1, so "1:" takes 2).
    expect(
      (await call("POST", "/experiment_runs", { experimentId: "1", name: long(253) })).status,
    ).toBe(201);
    const run = await call("POST", "/experiment_runs", { experimentId: "1", name: long(254) });
    expect(run.json.message).toContain("error saving experiment run: Error 1406 (22001)");
    const external = await call("PATCH", "/experiments/1", { externalId: long(256) });
    expect(external.json.message).toBe(
      "error saving experiment: Error 1406 (22001): Data too long for column 'external_id' at row 1",
    );
    const key = long(256);
    const property = await call("POST", "/registered_models", {
      name: "m",
      customProperties: { [key]: { metadataType: "MetadataStringValue", string_value: "v" } },
    });
    expect(property.json.message).toBe(
      `error creating property ${key}: Error 1406 (22001): Data too long for column 'name' at row 1`,
    );
    // Unattached artifacts are stored as "<uuid>:<name>" (37 + name).
    const unattached = await call("POST", "/artifacts", {
      artifactType: "doc-artifact",
      name: long(219),
    });
    expect(unattached.json.message).toContain("error saving doc artifact: Error 1406");
    // The metric fits, its history record "<runId>:<name>__<ms>" does not: 500 after the metric.
    const runId = (await call("POST", "/experiment_runs", { experimentId: "1", name: "r" })).json
      .id;
    const name = long(255 - runId.length - 1);
    const logged = await call("POST", `/experiment_runs/${runId}/artifacts`, {
      artifactType: "metric",
      name,
      value: 1,
    });
    expect(logged.status).toBe(500);
    expect(logged.json.message).toBe(
      `failed to insert metric history for metric ${name}: failed to insert metric history: error saving metric history: Error 1406 (22001): Data too long for column 'name' at row 1`,
    );
    const metrics = await call("GET", `/experiment_runs/${runId}/artifacts`);
    expect(metrics.json.items.map((m: { name: string }) => m.name)).toEqual([name]);
    expect((await call("GET", `/experiment_runs/${runId}/metric_history`)).json.size).toBe(0);

    const postgres = fake({ databaseLimits: true, caseSensitive: true });
    expect((await postgres.call("POST", "/experiments", { name: long(256) })).json.message).toBe(
      "error saving experiment: ERROR: value too long for type character varying(255) (SQLSTATE 22001)",
    );
  });

  it("in-process faults: a reset is a network error for fetch", async () => {
    const registry = createFakeRegistry({
      faults: [{ kind: "reset", times: 1 }],
      onResponse: checkResponse,
    });
    await expect(registry.fetch(`${ORIGIN}${P}/experiments`)).rejects.toThrow(TypeError);
    expect((await registry.fetch(`${ORIGIN}${P}/experiments`)).status).toBe(200);
  });
});
