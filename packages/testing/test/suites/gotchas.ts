import { describe, expect, it } from "vitest";
import {
  createExperiment,
  createRun,
  createVersion,
  logToRun,
  metric,
} from "../support/builders.js";
import { type Target, unique } from "../support/target.js";

const q = (text: string) => encodeURIComponent(text);

/** One test per numbered gotcha of §0. */
export function gotchaSuite(t: Target): void {
  describe("§0 gotchas", () => {
    it("1. a PATCH without state/status/desiredState resets them (not PATCH /artifacts)", async () => {
      const experiment = await createExperiment(t, { state: "ARCHIVED" });
      expect(
        (await t.request("PATCH", `/experiments/${experiment.id}`, { body: {} })).json.state,
      ).toBe("LIVE");
      const artifact = await t.request("POST", "/model_artifacts", { body: { state: "LIVE" } });
      expect(
        (await t.request("PATCH", `/model_artifacts/${artifact.json.id}`, { body: {} })).json.state,
      ).toBe("UNKNOWN");
      const viaGeneric = await t.request("PATCH", `/artifacts/${artifact.json.id}`, {
        body: { artifactType: "model-artifact", state: "LIVE" },
      });
      const untouched = await t.request("PATCH", `/artifacts/${artifact.json.id}`, {
        body: { artifactType: "model-artifact", uri: "u" },
      });
      expect([viaGeneric.json.state, untouched.json.state]).toEqual(["LIVE", "LIVE"]);
    });

    it("2. no pageSize means every row, pageSize 0 and an empty token", async () => {
      const run = await createRun(t);
      for (let i = 0; i < 3; i += 1) await logToRun(t, run.id!, metric(`m${i}`, i));
      const list = await t.request("GET", `/experiment_runs/${run.id}/artifacts`);
      expect(list.json).toMatchObject({ size: 3, pageSize: 0, nextPageToken: "" });
    });

    it("3. artifact upsert status: 201 only for new model/doc artifacts", async () => {
      const run = await createRun(t);
      const statuses = [];
      for (const body of [
        metric("m", 1),
        { artifactType: "parameter", name: "p", value: "1" },
        { artifactType: "dataset-artifact", name: "d" },
        { artifactType: "model-artifact", name: "w" },
        { artifactType: "doc-artifact", name: "c" },
      ]) {
        statuses.push((await logToRun(t, run.id!, body)).status);
      }
      expect(statuses).toEqual([200, 200, 200, 201, 201]);
    });

    it("4. metrics/params upsert by name; duplicate model/doc 409; datasets created again", async () => {
      const run = await createRun(t);
      const a = await logToRun(t, run.id!, metric("m", 1));
      expect((await logToRun(t, run.id!, metric("m", 2))).json.id).toBe(a.json.id);
      await logToRun(t, run.id!, { artifactType: "doc-artifact", name: "c" });
      expect((await logToRun(t, run.id!, { artifactType: "doc-artifact", name: "c" })).status).toBe(
        409,
      );
      const d = { artifactType: "dataset-artifact", name: "d" };
      expect((await logToRun(t, run.id!, d)).json.id).not.toBe(
        (await logToRun(t, run.id!, d)).json.id,
      );
    });

    it("5. history has its own records and ids; the name parameter is a substring match", async () => {
      const run = await createRun(t);
      const logged = await logToRun(t, run.id!, metric("accuracy", 1));
      const history = await t.request("GET", `/experiment_runs/${run.id}/metric_history?name=cura`);
      expect(history.json.items).toHaveLength(1);
      expect(history.json.items[0].id).not.toBe(logged.json.id);
    });

    it("6. name uniqueness is scoped; externalId is unique across entity kinds", async () => {
      const run = await createRun(t, { name: "same" });
      expect((await createRun(t, { name: "same" })).name).toBe("same");
      expect(
        (
          await t.request("POST", "/experiment_runs", {
            body: { experimentId: run.experimentId, name: "same" },
          })
        ).status,
      ).toBe(409);
      const externalId = unique("shared");
      await createExperiment(t, { externalId });
      const model = await t.request("POST", "/registered_models", {
        body: { name: unique("m"), externalId },
      });
      expect(model.status).toBe(409);
      const artifact = await t.request("POST", "/artifacts", {
        body: { artifactType: "doc-artifact", externalId },
      });
      expect(artifact.status).toBe(201);
    });

    it("7. non-int32 ids are 400, not 404; find endpoints return 404 for several matches", async () => {
      expect((await t.request("GET", "/registered_models/99999999999")).status).toBe(400);
      const prefix = unique("many");
      await createExperiment(t, { name: `${prefix}-a` });
      await createExperiment(t, { name: `${prefix}-b` });
      const several = await t.request("GET", `/experiment?name=${q(`${prefix}%`)}`);
      expect(several.status).toBe(404);
    });

    it("8. a missing required field is a 422 whose body says Bad Request", async () => {
      const response = await t.request("POST", "/model_versions", {
        body: { registeredModelId: "1" },
      });
      expect(response.status).toBe(422);
      expect(response.json).toEqual({
        code: "Bad Request",
        message: "required field 'name' is zero value.",
      });
    });

    it("9. unknown fields: 400 on strict bodies, silently dropped on artifact bodies", async () => {
      expect(
        (await t.request("POST", "/experiments", { body: { name: unique("e"), extra: 1 } })).status,
      ).toBe(400);
      const run = await createRun(t);
      const logged = await logToRun(t, run.id!, metric("m", 1, { uri: "dropped", extra: true }));
      expect(logged.status).toBe(200);
      expect(logged.json).not.toHaveProperty("uri");
    });

    it("10. filterQuery keywords are case-sensitive; <> behaves as = (server bug)", async () => {
      const owner = unique("o");
      const experiment = await createExperiment(t, { owner });
      expect(
        (await t.request("GET", `/experiments?filterQuery=${q(`owner = "${owner}" and id > 0`)}`))
          .status,
      ).toBe(400);
      const bug = await t.request("GET", `/experiments?filterQuery=${q(`owner <> "${owner}"`)}`);
      expect(bug.json.items.map((e: { id: string }) => e.id)).toEqual([experiment.id]);
    });

    it("11. name/externalId ignored on run lists; filterQuery ignored on /model_artifacts and serving lists", async () => {
      const run = await createRun(t);
      const list = await t.request(
        "GET",
        `/experiments/${run.experimentId}/experiment_runs?name=zzz&externalId=zzz`,
      );
      expect(list.json.items).toHaveLength(1);
      for (const path of ["/model_artifacts", "/serving_environments", "/inference_services"]) {
        expect((await t.request("GET", `${path}?filterQuery=${q("((( nonsense")}`)).status).toBe(
          200,
        );
      }
    });

    it("12. customProperties in a PATCH replaces the whole map", async () => {
      const s = { metadataType: "MetadataStringValue", string_value: "v" };
      const version = await createVersion(t, { customProperties: { a: s, b: s } });
      const patched = await t.request("PATCH", `/model_versions/${version.id}`, {
        body: { customProperties: { c: s } },
      });
      expect(Object.keys(patched.json.customProperties)).toEqual(["c"]);
    });

    it("13. int_value is an int32 string; struct is base64 in, JSON out; proto is rejected", async () => {
      const created = await createExperiment(t, {
        customProperties: {
          i: { metadataType: "MetadataIntValue", int_value: "-12" },
          s: {
            metadataType: "MetadataStructValue",
            struct_value: Buffer.from('{"k":"v"}').toString("base64"),
          },
        },
      });
      expect(created.customProperties).toEqual({
        i: { metadataType: "MetadataIntValue", int_value: "-12" },
        s: { metadataType: "MetadataStructValue", struct_value: '{"k":"v"}' },
      });
      const proto = await t.request("POST", "/experiments", {
        body: {
          name: unique("p"),
          customProperties: {
            p: { metadataType: "MetadataProtoValue", type: "t", proto_value: "" },
          },
        },
      });
      expect(proto.status).toBe(400);
    });

    it("14. experimentId/experimentRunId come only from the run endpoint and PATCH /artifacts drops them", async () => {
      const run = await createRun(t);
      const logged = await logToRun(
        t,
        run.id!,
        metric("m", 1, { experimentId: "1", experimentRunId: "1" }),
      );
      expect(logged.json).toMatchObject({
        experimentId: run.experimentId,
        experimentRunId: run.id,
      });
      const filtered = await t.request(
        "GET",
        `/artifacts?filterQuery=${q(`experimentRunId = ${run.id}`)}`,
      );
      expect(filtered.json.items.map((a: { id: string }) => a.id)).toEqual([logged.json.id]);
      const patched = await t.request("PATCH", `/artifacts/${logged.json.id}`, {
        body: { artifactType: "metric" },
      });
      expect(patched.json).not.toHaveProperty("experimentRunId");
    });

    it("15. some child lists check the parent (404), others answer an empty list", async () => {
      const missing = "2147483647";
      const checked = [
        `/experiments/${missing}/experiment_runs`,
        `/experiment_runs/${missing}/metric_history`,
      ];
      const unchecked = [
        `/experiment_runs/${missing}/artifacts`,
        `/model_versions/${missing}/artifacts`,
        `/registered_models/${missing}/versions`,
        `/serving_environments/${missing}/inference_services`,
      ];
      for (const path of checked) expect((await t.request("GET", path)).status, path).toBe(404);
      for (const path of unchecked)
        expect((await t.request("GET", path)).json?.items, path).toEqual([]);
    });
  });
}
