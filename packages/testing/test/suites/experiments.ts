import { REGISTRY_API_PREFIX, unwrap } from "@model-registry/registry-client";
import { describe, expect, it } from "vitest";
import { createExperiment, createRun } from "../support/builders.js";
import { type Target, unique } from "../support/target.js";

const P = REGISTRY_API_PREFIX;

/** §2.1: experiments. */
export function experimentSuite(t: Target): void {
  describe("§2.1 experiments", () => {
    it("GET /experiments lists with paging fields and honours filterQuery", async () => {
      const a = await createExperiment(t, { owner: unique("owner") });
      const list = await unwrap(
        t.client.GET(`${P}/experiments`, {
          params: { query: { filterQuery: `owner = "${a.owner}"` } },
        }),
      );
      expect(list).toEqual({ items: [a], size: 1, pageSize: 0, nextPageToken: "" });
    });

    it("POST /experiments: 201, state LIVE, customProperties {}; 422 without name; 409 on name", async () => {
      const name = unique("exp");
      const created = await t.request("POST", "/experiments", { body: { name } });
      expect(created.status).toBe(201);
      expect(created.contentType).toBe("application/json; charset=UTF-8");
      expect(created.json).toMatchObject({ name, state: "LIVE", customProperties: {} });
      expect(created.json.createTimeSinceEpoch).toBe(created.json.lastUpdateTimeSinceEpoch);
      expect(created.json).not.toHaveProperty("description");
      const missing = await t.request("POST", "/experiments", { body: { description: "x" } });
      expect(missing.status).toBe(422);
      expect(missing.json).toEqual({
        code: "Bad Request",
        message: "required field 'name' is zero value.",
      });
      const empty = await t.request("POST", "/experiments", { body: { name: "" } });
      expect(empty.status).toBe(422);
      const duplicate = await t.request("POST", "/experiments", { body: { name } });
      expect(duplicate.status).toBe(409);
      expect(duplicate.json).toEqual({
        code: "Conflict",
        message: `experiment with name ${name} already exists: conflict`,
      });
    });

    it("POST /experiments: 400 for unknown fields, wrong types, invalid enums, empty body", async () => {
      const cases: Array<[unknown, string]> = [
        [{ name: unique("e"), id: "5" }, 'json: unknown field "id"'],
        [
          { name: 5 },
          "json: cannot unmarshal number into Go struct field ExperimentCreate.name of type string",
        ],
        [{ name: unique("e"), state: "DELETED" }, "DELETED is not a valid ExperimentState"],
      ];
      for (const [body, message] of cases) {
        const response = await t.request("POST", "/experiments", { body });
        expect(response.status).toBe(400);
        expect(response.json).toEqual({ code: "Bad Request", message });
      }
      const empty = await t.request("POST", "/experiments", { rawBody: "" });
      expect(empty.json).toEqual({ code: "Bad Request", message: "EOF" });
    });

    it("GET /experiments/{id}: 200, 400 for non-int32 ids, 404 otherwise", async () => {
      const experiment = await createExperiment(t);
      expect((await t.request("GET", `/experiments/${experiment.id}`)).json).toEqual(experiment);
      for (const bad of ["abc", "2147483648"]) {
        const response = await t.request("GET", `/experiments/${bad}`);
        expect(response.status).toBe(400);
        expect(response.json.message).toMatch(
          /^invalid experiment ID: strconv\.ParseInt: .*: bad request$/,
        );
      }
      for (const missing of ["0", "-1", "2147483647"]) {
        expect((await t.request("GET", `/experiments/${missing}`)).status).toBe(404);
      }
      const padded = await t.request("GET", `/experiments/00${experiment.id}`);
      expect(padded.json?.id).toBe(experiment.id);
    });

    it("PATCH /experiments/{id}: merge, state reset to LIVE, 400 for name, 404, 409 on externalId", async () => {
      const other = await createExperiment(t, { externalId: unique("x") });
      const experiment = await createExperiment(t, { description: "d", state: "ARCHIVED" });
      const patched = await t.request("PATCH", `/experiments/${experiment.id}`, {
        body: { owner: "me" },
      });
      expect(patched.status).toBe(200);
      expect(patched.json).toMatchObject({ description: "d", owner: "me", state: "LIVE" });
      expect(Number(patched.json.lastUpdateTimeSinceEpoch)).toBeGreaterThanOrEqual(
        Number(experiment.lastUpdateTimeSinceEpoch),
      );
      const named = await t.request("PATCH", `/experiments/${experiment.id}`, {
        body: { name: "n" },
      });
      expect(named.json).toEqual({ code: "Bad Request", message: 'json: unknown field "name"' });
      expect((await t.request("PATCH", "/experiments/2147483647", { body: {} })).status).toBe(404);
      const clash = await t.request("PATCH", `/experiments/${experiment.id}`, {
        body: { externalId: other.externalId },
      });
      expect(clash.status).toBe(409);
    });

    it("GET /experiment: by name (LIKE) or externalId; 400 without either; 404", async () => {
      const experiment = await createExperiment(t, { externalId: unique("ext") });
      const byName = await t.request("GET", `/experiment?name=${experiment.name}`);
      expect(byName.json).toEqual(experiment);
      const byExternal = await t.request("GET", `/experiment?externalId=${experiment.externalId}`);
      expect(byExternal.json).toEqual(experiment);
      const nameWins = await t.request(
        "GET",
        `/experiment?name=${experiment.name}&externalId=${unique("none")}`,
      );
      expect(nameWins.json?.id).toBe(experiment.id);
      const neither = await t.request("GET", "/experiment");
      expect(neither.status).toBe(400);
      expect(neither.json.message).toBe(
        "invalid parameters call, supply either name or externalId: bad request",
      );
      const none = unique("none");
      const missing = await t.request("GET", `/experiment?name=${none}`);
      expect(missing.status).toBe(404);
      expect(missing.json.message).toBe(
        `no experiments found for name=${none}, externalId=: not found`,
      );
      const prefix = experiment.name!.slice(0, -1);
      const wildcard = await t.request(
        "GET",
        `/experiment?name=${encodeURIComponent(`${prefix}_`)}`,
      );
      expect(wildcard.json?.id).toBe(experiment.id);
    });

    it("GET /experiments/{id}/experiment_runs: 404 unknown experiment, name/externalId ignored", async () => {
      const run = await createRun(t);
      const other = await createRun(t, { experimentId: run.experimentId });
      const list = await t.request(
        "GET",
        `/experiments/${run.experimentId}/experiment_runs?name=${run.name}&externalId=zzz`,
      );
      expect(list.json.items.map((r: { id: string }) => r.id)).toEqual([run.id, other.id]);
      expect((await t.request("GET", "/experiments/2147483647/experiment_runs")).status).toBe(404);
      expect((await t.request("GET", "/experiments/x/experiment_runs")).status).toBe(400);
    });

    it("POST /experiments/{id}/experiment_runs: full body, 422 without experimentId, 201 also on update, 404", async () => {
      const experiment = await createExperiment(t);
      const path = `/experiments/${experiment.id}/experiment_runs`;
      const missing = await t.request("POST", path, { body: { name: unique("r") } });
      expect(missing.status).toBe(422);
      const created = await t.request("POST", path, {
        body: { experimentId: experiment.id, name: unique("r"), createTimeSinceEpoch: "1" },
      });
      expect(created.status).toBe(201);
      expect(created.json.createTimeSinceEpoch).not.toBe("1");
      const updated = await t.request("POST", path, {
        body: { experimentId: experiment.id, id: created.json.id, startTimeSinceEpoch: "10" },
      });
      expect(updated.status).toBe(201);
      expect(updated.json).toMatchObject({ id: created.json.id, startTimeSinceEpoch: "10" });
      const other = await createExperiment(t);
      const linked = await t.request("POST", `/experiments/${other.id}/experiment_runs`, {
        body: { experimentId: other.id, id: created.json.id },
      });
      expect(linked.json.experimentId).toBe(experiment.id);
      const listed = await t.request("GET", `/experiments/${other.id}/experiment_runs`);
      expect(listed.json.items.map((r: { id: string }) => r.id)).toEqual([created.json.id]);
      const unknown = await t.request("POST", "/experiments/2147483647/experiment_runs", {
        body: { experimentId: "2147483647" },
      });
      expect(unknown.status).toBe(404);
    });
  });
}
