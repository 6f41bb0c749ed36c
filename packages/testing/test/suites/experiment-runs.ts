import { REGISTRY_API_PREFIX, unwrap } from "@model-registry/registry-client";
import { describe, expect, it } from "vitest";
import { createExperiment, createRun, logToRun, metric } from "../support/builders.js";
import { type Target, unique } from "../support/target.js";

const P = REGISTRY_API_PREFIX;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** §2.2: experiment runs. */
export function experimentRunSuite(t: Target): void {
  describe("§2.2 experiment runs", () => {
    it("GET /experiment_runs lists runs of all experiments, filterable by experimentId", async () => {
      const run = await createRun(t);
      const list = await unwrap(
        t.client.GET(`${P}/experiment_runs`, {
          params: { query: { filterQuery: `experimentId = ${run.experimentId}` } },
        }),
      );
      expect(list.items).toEqual([run]);
    });

    it("POST /experiment_runs: 201 with defaults and a UUID name; 422, 400, 404, 409, end < start", async () => {
      const experiment = await createExperiment(t);
      const created = await t.request("POST", "/experiment_runs", {
        body: { experimentId: experiment.id },
      });
      expect(created.status).toBe(201);
      expect(created.json).toMatchObject({
        experimentId: experiment.id,
        status: "RUNNING",
        state: "LIVE",
      });
      expect(created.json.name).toMatch(UUID);
      expect(created.json).not.toHaveProperty("startTimeSinceEpoch");
      expect((await t.request("POST", "/experiment_runs", { body: {} })).status).toBe(422);
      expect(
        (await t.request("POST", "/experiment_runs", { body: { experimentId: "" } })).status,
      ).toBe(422);
      const nonNumeric = await t.request("POST", "/experiment_runs", {
        body: { experimentId: "abc" },
      });
      expect(nonNumeric.status).toBe(400);
      const unknown = await t.request("POST", "/experiment_runs", {
        body: { experimentId: "2147483647" },
      });
      expect(unknown.status).toBe(404);
      expect(unknown.json.message).toBe(
        "experiment not found: no experiment found for id 2147483647: not found",
      );
      const name = unique("run");
      await createRun(t, { experimentId: experiment.id, name });
      const duplicate = await t.request("POST", "/experiment_runs", {
        body: { experimentId: experiment.id, name },
      });
      expect(duplicate.status).toBe(409);
      const elsewhere = await createRun(t, { name });
      expect(elsewhere.name).toBe(name);
      const backwards = await t.request("POST", "/experiment_runs", {
        body: { experimentId: experiment.id, startTimeSinceEpoch: "200", endTimeSinceEpoch: "100" },
      });
      expect(backwards.status).toBe(400);
      expect(backwards.json.message).toBe(
        "EndTimeSinceEpoch (100) cannot be less than StartTimeSinceEpoch (200): bad request",
      );
      // Both times are parsed as int64 (the end first) before they are compared.
      const unparsable = await t.request("POST", "/experiment_runs", {
        body: { experimentId: experiment.id, startTimeSinceEpoch: "x", endTimeSinceEpoch: "y" },
      });
      expect(unparsable.status).toBe(400);
      expect(unparsable.json.message).toBe(
        'invalid EndTimeSinceEpoch value: strconv.ParseInt: parsing "y": invalid syntax: bad request',
      );
      const huge = await t.request("POST", "/experiment_runs", {
        body: {
          experimentId: experiment.id,
          startTimeSinceEpoch: "99999999999999999999",
          endTimeSinceEpoch: "1",
        },
      });
      expect(huge.json.message).toBe(
        'invalid StartTimeSinceEpoch value: strconv.ParseInt: parsing "99999999999999999999": value out of range: bad request',
      );
      const loneStart = await createRun(t, {
        experimentId: experiment.id,
        startTimeSinceEpoch: "soon",
      });
      expect(loneStart.startTimeSinceEpoch).toBe("soon");
    });

    it("an empty run name is stored as the bare experiment id and read back as that id", async () => {
      const experiment = await createExperiment(t);
      const created = await t.request("POST", "/experiment_runs", {
        body: { experimentId: experiment.id, name: "" },
      });
      expect(created.json.name).toBe(experiment.id);
      const again = await t.request("POST", "/experiment_runs", {
        body: { experimentId: experiment.id, name: "" },
      });
      expect(again.status).toBe(409);
    });

    it("a run without a name whose externalId clashes drops the connection (the server panics)", async () => {
      const run = await createRun(t, { externalId: unique("ext") });
      const clash = { experimentId: run.experimentId, externalId: run.externalId };
      await expect(t.request("POST", "/experiment_runs", { body: clash })).rejects.toThrow(
        TypeError,
      );
      const named = await t.request("POST", "/experiment_runs", {
        body: { ...clash, name: unique("r") },
      });
      expect(named.status).toBe(409);
    });

    it("GET /experiment_runs/{id}: 200, 400, 404 (ids are typed)", async () => {
      const run = await createRun(t);
      expect((await t.request("GET", `/experiment_runs/${run.id}`)).json).toEqual(run);
      expect((await t.request("GET", "/experiment_runs/abc")).status).toBe(400);
      expect((await t.request("GET", `/experiment_runs/${run.experimentId}`)).status).toBe(404);
    });

    it("PATCH /experiment_runs/{id}: omitting status/state resets them; non-editable fields are 400", async () => {
      const run = await createRun(t, {
        status: "FINISHED",
        state: "ARCHIVED",
        endTimeSinceEpoch: "5",
      });
      const patched = await t.request("PATCH", `/experiment_runs/${run.id}`, {
        body: { owner: "o" },
      });
      expect(patched.json).toMatchObject({
        status: "RUNNING",
        state: "LIVE",
        owner: "o",
        endTimeSinceEpoch: "5",
      });
      const kept = await t.request("PATCH", `/experiment_runs/${run.id}`, {
        body: { status: null, state: "ARCHIVED" },
      });
      expect(kept.json).toMatchObject({ status: "RUNNING", state: "ARCHIVED" });
      for (const field of ["startTimeSinceEpoch", "name", "experimentId"]) {
        const response = await t.request("PATCH", `/experiment_runs/${run.id}`, {
          body: { [field]: "1" },
        });
        expect(response.status).toBe(400);
      }
      expect((await t.request("PATCH", "/experiment_runs/2147483647", { body: {} })).status).toBe(
        404,
      );
    });

    it("GET /experiment_run: name + parentResourceId, or externalId; name without parent needs externalId", async () => {
      const run = await createRun(t, { externalId: unique("ext") });
      const byName = await t.request(
        "GET",
        `/experiment_run?name=${run.name}&parentResourceId=${run.experimentId}`,
      );
      expect(byName.json).toEqual(run);
      expect((await t.request("GET", `/experiment_run?externalId=${run.externalId}`)).json).toEqual(
        run,
      );
      const nameOnly = await t.request("GET", `/experiment_run?name=${run.name}`);
      expect(nameOnly.status).toBe(400);
      expect(nameOnly.json.message).toBe(
        "invalid parameters call, supply either (name and experimentId), or externalId: bad request",
      );
      const anyParent = await t.request(
        "GET",
        `/experiment_run?name=${run.name}&externalId=nothing`,
      );
      expect(anyParent.json?.id).toBe(run.id);
      const badParent = await t.request(
        "GET",
        `/experiment_run?name=${run.name}&parentResourceId=x`,
      );
      expect(badParent.status).toBe(400);
      expect(badParent.json.message).toBe(
        'invalid experiment ID: strconv.ParseInt: parsing "x": invalid syntax: bad request',
      );
      const none = unique("no");
      const missing = await t.request("GET", `/experiment_run?externalId=${none}`);
      expect(missing.status).toBe(404);
      expect(missing.json.message).toBe(
        `no experiment runs found for name=, experimentId=, externalId=${none}: not found`,
      );
      // With externalId and a parent, the parent link is required too.
      const otherParent = await t.request(
        "GET",
        `/experiment_run?externalId=${run.externalId}&parentResourceId=2147483647`,
      );
      expect(otherParent.status).toBe(404);
    });

    it("GET /experiment_runs/{id}/artifacts: no parent check, artifactType validated, name ignored", async () => {
      const run = await createRun(t);
      await logToRun(t, run.id!, metric("loss", 1));
      await logToRun(t, run.id!, { artifactType: "parameter", name: "lr", value: "0.1" });
      const all = await t.request("GET", `/experiment_runs/${run.id}/artifacts?name=loss`);
      expect(all.json.items.map((a: { name: string }) => a.name)).toEqual(["loss", "lr"]);
      const metrics = await t.request(
        "GET",
        `/experiment_runs/${run.id}/artifacts?artifactType=metric`,
      );
      expect(metrics.json.items).toHaveLength(1);
      const empty = await t.request("GET", `/experiment_runs/${run.id}/artifacts?artifactType=`);
      expect(empty.json.items).toHaveLength(2);
      for (const bad of ["foo", "null"]) {
        const response = await t.request(
          "GET",
          `/experiment_runs/${run.id}/artifacts?artifactType=${bad}`,
        );
        expect(response.json).toEqual({
          code: "Bad Request",
          message: `invalid artifact type ${bad}: bad request`,
        });
      }
      const unknown = await t.request("GET", "/experiment_runs/2147483647/artifacts");
      expect(unknown.json).toEqual({ items: [], size: 0, pageSize: 0, nextPageToken: "" });
    });

    it("POST /experiment_runs/{id}/artifacts: 404 for an unknown run, 400 for a bad id", async () => {
      expect((await logToRun(t, "2147483647", metric("m", 1))).status).toBe(404);
      expect((await logToRun(t, "abc", metric("m", 1))).status).toBe(400);
    });
  });
}
