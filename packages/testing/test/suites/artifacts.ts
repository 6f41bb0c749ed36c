import { REGISTRY_API_PREFIX, unwrap } from "@model-registry/registry-client";
import { describe, expect, it } from "vitest";
import { createRun, createVersion, logToRun, metric } from "../support/builders.js";
import { type Target, unique } from "../support/target.js";

const P = REGISTRY_API_PREFIX;

/** §2.3 and §5: artifacts of every type, upserts and attribution. */
export function artifactSuite(t: Target): void {
  describe("§2.3 artifacts", () => {
    it("GET /artifacts filters by artifactType and filterQuery; history records are excluded", async () => {
      const run = await createRun(t);
      const name = unique("acc");
      await logToRun(t, run.id!, metric(name, 0.5));
      await logToRun(t, run.id!, metric(name, 0.7));
      const list = await unwrap(
        t.client.GET(`${P}/artifacts`, {
          params: { query: { artifactType: "metric", filterQuery: `name = "${name}"` } },
        }),
      );
      expect(list.items).toHaveLength(1);
      expect(list.items[0]).toMatchObject({ name, value: 0.7, experimentRunId: run.id });
      expect((await t.request("GET", "/artifacts?artifactType=bogus")).status).toBe(400);
    });

    it("POST /artifacts: always 201, never upserts by name, drops id, no state default", async () => {
      const name = unique("doc");
      const first = await t.request("POST", "/artifacts", {
        body: { artifactType: "doc-artifact", name, uri: "s3://a", id: "99999", bogus: true },
      });
      expect(first.status).toBe(201);
      expect(first.json).toMatchObject({ artifactType: "doc-artifact", name, uri: "s3://a" });
      expect(first.json).not.toHaveProperty("state");
      expect(first.json).not.toHaveProperty("bogus");
      expect(first.json.id).not.toBe("99999");
      const second = await t.request("POST", "/artifacts", {
        body: { artifactType: "doc-artifact", name },
      });
      expect(second.status).toBe(201);
      expect(second.json.id).not.toBe(first.json.id);
      const untyped = await t.request("POST", "/artifacts", { body: { name } });
      expect(untyped.json).toEqual({
        code: "Bad Request",
        message:
          "invalid artifact type, must be either ModelArtifact, DocArtifact, DataSet, Metric, or Parameter: bad request",
      });
      const valueless = await t.request("POST", "/artifacts", {
        body: { artifactType: "metric", name },
      });
      expect(valueless.json.message).toBe("metric value is required: bad request");
      const externalId = unique("ext");
      await t.request("POST", "/artifacts", { body: { artifactType: "doc-artifact", externalId } });
      const clash = await t.request("POST", "/artifacts", {
        body: { artifactType: "parameter", externalId, value: "1" },
      });
      expect(clash.status).toBe(409);
    });

    it("GET /artifacts/{id}: 200, 400, 404 (including a metric-history record's id)", async () => {
      const run = await createRun(t);
      const logged = await logToRun(t, run.id!, metric("m", 1));
      expect((await t.request("GET", `/artifacts/${logged.json.id}`)).json).toEqual(logged.json);
      expect((await t.request("GET", "/artifacts/abc")).status).toBe(400);
      const history = await t.request("GET", `/experiment_runs/${run.id}/metric_history`);
      expect((await t.request("GET", `/artifacts/${history.json.items[0].id}`)).status).toBe(404);
    });

    it("PATCH /artifacts/{id}: needs the same artifactType, no defaults, drops the experiment fields", async () => {
      const run = await createRun(t);
      const logged = await logToRun(t, run.id!, metric("m", 1, { state: "LIVE" }));
      expect(logged.json).toMatchObject({
        experimentId: run.experimentId,
        experimentRunId: run.id,
      });
      const path = `/artifacts/${logged.json.id}`;
      const missing = await t.request("PATCH", path, { body: { value: 2 } });
      expect(missing.json.message).toBe(
        "cannot change artifact type from 'metric' to 'unknown': artifact type is immutable",
      );
      const changed = await t.request("PATCH", path, {
        body: { artifactType: "parameter", value: "2" },
      });
      expect(changed.status).toBe(400);
      const patched = await t.request("PATCH", path, {
        body: { artifactType: "metric", value: 2 },
      });
      expect(patched.status).toBe(200);
      expect(patched.json).toMatchObject({ value: 2, state: "LIVE" });
      expect(patched.json).not.toHaveProperty("experimentId");
      expect(patched.json).not.toHaveProperty("experimentRunId");
      expect(
        (await t.request("PATCH", "/artifacts/2147483647", { body: { artifactType: "metric" } }))
          .status,
      ).toBe(404);
    });

    it("GET /artifact: name + parentResourceId or externalId; 400 otherwise; 404", async () => {
      const run = await createRun(t);
      const logged = await logToRun(t, run.id!, {
        artifactType: "parameter",
        name: "lr",
        value: "1",
        externalId: unique("x"),
      });
      const byName = await t.request("GET", `/artifact?name=lr&parentResourceId=${run.id}`);
      expect(byName.json).toEqual(logged.json);
      const byExternal = await t.request("GET", `/artifact?externalId=${logged.json.externalId}`);
      expect(byExternal.json).toEqual(logged.json);
      const nameOnly = await t.request("GET", "/artifact?name=lr");
      expect(nameOnly.status).toBe(400);
      expect(nameOnly.json.message).toBe(
        "invalid parameters call, supply either (artifactName and parentResourceId), or externalId: bad request",
      );
      const missing = await t.request("GET", `/artifact?name=nope&parentResourceId=${run.id}`);
      expect(missing.status).toBe(404);
      expect(missing.json.message).toBe(
        `no artifacts found for name=nope, parentResourceId=${run.id}, externalId=: not found`,
      );
      // /model_artifact finds any artifact first, then refuses one of another type.
      const notModel = await t.request("GET", `/model_artifact?name=lr&parentResourceId=${run.id}`);
      expect(notModel.status).toBe(404);
      expect(notModel.json.message).toBe(
        `artifact with name=lr, parentResourceId=${run.id}, externalId= is not a model artifact: not found`,
      );
      const typed = await t.request("GET", `/model_artifacts/${logged.json.id}`);
      expect(typed.status).toBe(404);
      expect(typed.json.message).toBe(
        `artifact with id ${logged.json.id} is not a model artifact: not found`,
      );
      expect((await t.request("GET", "/model_artifacts/2147483647")).json.message).toBe(
        "no artifact found for id 2147483647: not found",
      );
    });

    it("run upsert: 200 for metrics/params/datasets even when new, 201 for model/doc; upsert by name", async () => {
      const run = await createRun(t);
      const first = await logToRun(t, run.id!, metric("loss", 1, { step: 1 }));
      expect(first.status).toBe(200);
      const again = await logToRun(t, run.id!, metric("loss", 0.5, { step: 2 }));
      expect(again.status).toBe(200);
      expect(again.json).toMatchObject({ id: first.json.id, value: 0.5, step: 2 });
      const param = await logToRun(t, run.id!, {
        artifactType: "parameter",
        name: "lr",
        value: "1",
      });
      const param2 = await logToRun(t, run.id!, {
        artifactType: "parameter",
        name: "lr",
        value: "2",
      });
      expect([param.status, param2.status, param2.json.id]).toEqual([200, 200, param.json.id]);
      const dataset = { artifactType: "dataset-artifact", name: "train", uri: "s3://d" };
      const d1 = await logToRun(t, run.id!, dataset);
      const d2 = await logToRun(t, run.id!, dataset);
      expect([d1.status, d2.status]).toEqual([200, 200]);
      expect(d2.json.id).not.toBe(d1.json.id);
      const model = { artifactType: "model-artifact", name: "model", uri: "s3://m" };
      expect((await logToRun(t, run.id!, model)).status).toBe(201);
      const duplicate = await logToRun(t, run.id!, model);
      expect(duplicate.status).toBe(409);
      expect(duplicate.json.message).toBe(
        "model artifact with name model already exists: conflict",
      );
      const doc = await logToRun(t, run.id!, { artifactType: "doc-artifact", name: "readme" });
      expect(doc.status).toBe(201);
    });

    it("run upsert with id: updates (200) and links; 400 for an unknown id or another type", async () => {
      const run = await createRun(t);
      const other = await createRun(t);
      const logged = await logToRun(t, run.id!, metric("m", 1));
      const linked = await logToRun(t, other.id!, metric("m", 3, { id: logged.json.id }));
      expect(linked.status).toBe(200);
      expect(linked.json).toMatchObject({
        id: logged.json.id,
        value: 3,
        experimentRunId: other.id,
      });
      const listed = await t.request("GET", `/experiment_runs/${other.id}/artifacts`);
      expect(listed.json.items.map((a: { id: string }) => a.id)).toEqual([logged.json.id]);
      const unknown = await logToRun(t, run.id!, metric("m", 1, { id: "2147483647" }));
      expect(unknown.json.message).toBe(
        "mismatched types, artifact with id 2147483647 is not a metric artifact: bad request",
      );
      const wrongType = await logToRun(t, run.id!, {
        artifactType: "parameter",
        value: "x",
        id: logged.json.id,
      });
      expect(wrongType.json.message).toBe(
        `artifact with id ${logged.json.id} is not a parameter artifact: bad request`,
      );
      const valueless = await logToRun(t, run.id!, { artifactType: "metric", id: logged.json.id });
      expect(valueless.json.message).toBe("metric value is required: bad request");
    });

    it("a re-log replaces the metric's customProperties (the injected experiment keys make the map non-null)", async () => {
      const run = await createRun(t);
      const tagged = { tag: { metadataType: "MetadataStringValue", string_value: "a" } };
      await logToRun(t, run.id!, metric("m", 1, { customProperties: tagged }));
      const relog = await logToRun(t, run.id!, metric("m", 2));
      expect(relog.json.customProperties).toEqual({});
    });

    it("model-version upsert: same rules, no experiment fields, no history", async () => {
      const version = await createVersion(t);
      const path = `/model_versions/${version.id}/artifacts`;
      const m1 = await t.request("POST", path, { body: metric("m", 1) });
      const m2 = await t.request("POST", path, { body: metric("m", 2) });
      expect([m1.status, m2.status, m2.json.id]).toEqual([200, 200, m1.json.id]);
      expect(m2.json).not.toHaveProperty("experimentRunId");
      const model = await t.request("POST", path, {
        body: { artifactType: "model-artifact", name: "w" },
      });
      expect(model.status).toBe(201);
      expect(
        (await t.request("POST", path, { body: { artifactType: "model-artifact", name: "w" } }))
          .status,
      ).toBe(409);
      expect(
        (await t.request("POST", "/model_versions/2147483647/artifacts", { body: metric("m", 1) }))
          .status,
      ).toBe(404);
    });
  });
}
