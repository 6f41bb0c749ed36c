import { REGISTRY_API_PREFIX, unwrap } from "@model-registry/registry-client";
import { describe, expect, it } from "vitest";
import { createModel, createVersion } from "../support/builders.js";
import { type Target, unique } from "../support/target.js";

const P = REGISTRY_API_PREFIX;

/** §2.4 and §2.5: registered models, model versions and model artifacts. */
export function modelRegistrySuite(t: Target): void {
  describe("§2.5 registered models", () => {
    it("GET/POST /registered_models: 201, LIVE, arrays round-trip, 409, filterQuery", async () => {
      const model = await createModel(t, {
        language: ["en", "cz"],
        tasks: ["t"],
        owner: unique("o"),
      });
      expect(model).toMatchObject({ state: "LIVE", language: ["en", "cz"], tasks: ["t"] });
      expect(
        (await t.request("POST", "/registered_models", { body: { name: model.name } })).status,
      ).toBe(409);
      expect((await t.request("POST", "/registered_models", { body: {} })).status).toBe(422);
      const list = await unwrap(
        t.client.GET(`${P}/registered_models`, {
          params: { query: { filterQuery: `owner = "${model.owner}"` } },
        }),
      );
      expect(list.items).toEqual([model]);
    });

    it("GET/PATCH /registered_models/{id}: PATCH without state sets LIVE", async () => {
      const model = await createModel(t, { state: "ARCHIVED" });
      const patched = await t.request("PATCH", `/registered_models/${model.id}`, {
        body: { readme: "r" },
      });
      expect(patched.json).toMatchObject({ state: "LIVE", readme: "r" });
      expect((await t.request("GET", `/registered_models/${model.id}`)).json).toEqual(patched.json);
      expect((await t.request("GET", "/registered_models/2147483647")).status).toBe(404);
    });

    it("GET /registered_model: name or externalId (400 without), 404", async () => {
      const model = await createModel(t);
      expect((await t.request("GET", `/registered_model?name=${model.name}`)).json).toEqual(model);
      const neither = await t.request("GET", "/registered_model");
      expect(neither.status).toBe(400);
      expect(neither.json.message).toBe(
        "invalid parameters call, supply either name or externalId: bad request",
      );
      expect((await t.request("GET", `/registered_model?name=${unique("no")}`)).status).toBe(404);
    });

    it("GET /registered_models/{id}/versions: name honoured, no parent check, a quote in name is 400", async () => {
      const version = await createVersion(t);
      const other = await createVersion(t, { registeredModelId: version.registeredModelId });
      const path = `/registered_models/${version.registeredModelId}/versions`;
      expect((await t.request("GET", path)).json.items.map((v: { id: string }) => v.id)).toEqual([
        version.id,
        other.id,
      ]);
      expect((await t.request("GET", `${path}?name=${other.name}`)).json.items).toEqual([other]);
      expect((await t.request("GET", `${path}?name=it's`)).status).toBe(400);
      const unknown = await t.request("GET", "/registered_models/2147483647/versions");
      expect(unknown.json).toEqual({ items: [], size: 0, pageSize: 0, nextPageToken: "" });
    });

    it("POST /registered_models/{id}/versions: path id wins, name and registeredModelId required", async () => {
      const model = await createModel(t);
      const path = `/registered_models/${model.id}/versions`;
      expect((await t.request("POST", path, { body: { name: "v1" } })).status).toBe(422);
      const created = await t.request("POST", path, {
        body: { name: "v1", registeredModelId: "1" },
      });
      expect(created.status).toBe(201);
      expect(created.json).toMatchObject({ registeredModelId: model.id, state: "LIVE" });
    });
  });

  describe("§2.4 model versions and model artifacts", () => {
    it("GET/POST /model_versions: 201; name unique within the model; 422", async () => {
      const version = await createVersion(t, { author: unique("a") });
      const again = await t.request("POST", "/model_versions", {
        body: { name: version.name, registeredModelId: version.registeredModelId },
      });
      expect(again.status).toBe(409);
      const elsewhere = await createVersion(t, { name: version.name });
      expect(elsewhere.name).toBe(version.name);
      expect((await t.request("POST", "/model_versions", { body: { name: "x" } })).status).toBe(
        422,
      );
      const list = await t.request(
        "GET",
        `/model_versions?filterQuery=${encodeURIComponent(`author = "${version.author}"`)}`,
      );
      expect(list.json.items).toEqual([version]);
    });

    it("GET/PATCH /model_versions/{id}: PATCH without state sets LIVE; registeredModelId not editable", async () => {
      const version = await createVersion(t, { state: "ARCHIVED" });
      const patched = await t.request("PATCH", `/model_versions/${version.id}`, {
        body: { author: "b" },
      });
      expect(patched.json).toMatchObject({ state: "LIVE", author: "b" });
      const moved = await t.request("PATCH", `/model_versions/${version.id}`, {
        body: { registeredModelId: "1" },
      });
      expect(moved.status).toBe(400);
      expect((await t.request("GET", `/model_versions/${version.id}`)).json).toEqual(patched.json);
    });

    it("GET /model_version: name + parentResourceId or externalId", async () => {
      const version = await createVersion(t, { externalId: unique("x") });
      const byName = await t.request(
        "GET",
        `/model_version?name=${version.name}&parentResourceId=${version.registeredModelId}`,
      );
      expect(byName.json).toEqual(version);
      expect(
        (await t.request("GET", `/model_version?externalId=${version.externalId}`)).json,
      ).toEqual(version);
      const nameOnly = await t.request("GET", `/model_version?name=${version.name}`);
      expect(nameOnly.status).toBe(400);
      expect(nameOnly.json.message).toBe(
        "invalid parameters call, supply either (name and parentResourceId), or externalId: bad request",
      );
      const missing = await t.request(
        "GET",
        `/model_version?name=none&parentResourceId=${version.registeredModelId}`,
      );
      expect(missing.json.message).toBe(
        `no model versions found for name=none, parentResourceId=${version.registeredModelId}, externalId=: not found`,
      );
    });

    it("GET /model_versions/{id}/artifacts: name and externalId honoured, artifactType, no parent check", async () => {
      const version = await createVersion(t);
      const path = `/model_versions/${version.id}/artifacts`;
      await t.request("POST", path, { body: { artifactType: "model-artifact", name: "weights" } });
      await t.request("POST", path, {
        body: { artifactType: "doc-artifact", name: "card", externalId: unique("x") },
      });
      expect(
        (await t.request("GET", `${path}?name=weights`)).json.items.map(
          (a: { name: string }) => a.name,
        ),
      ).toEqual(["weights"]);
      expect((await t.request("GET", `${path}?artifactType=doc-artifact`)).json.items).toHaveLength(
        1,
      );
      const unknown = await t.request("GET", "/model_versions/2147483647/artifacts");
      expect(unknown.json.items).toEqual([]);
    });

    it("/model_artifacts: POST defaults state UNKNOWN (201), list ignores filterQuery, GET 404 for other types", async () => {
      const created = await t.request("POST", "/model_artifacts", {
        body: { name: unique("m"), uri: "s3://m" },
      });
      expect(created.status).toBe(201);
      expect(created.json).toMatchObject({ artifactType: "model-artifact", state: "UNKNOWN" });
      expect((await t.request("POST", "/model_artifacts", { body: { bogus: 1 } })).status).toBe(
        400,
      );
      const list = await t.request(
        "GET",
        `/model_artifacts?filterQuery=${encodeURIComponent('name = "nothing-matches"')}`,
      );
      expect(list.json.items.length).toBeGreaterThan(0);
      expect(
        list.json.items.every((a: { artifactType: string }) => a.artifactType === "model-artifact"),
      ).toBe(true);
      const doc = await t.request("POST", "/artifacts", { body: { artifactType: "doc-artifact" } });
      expect((await t.request("GET", `/model_artifacts/${doc.json.id}`)).status).toBe(404);
      expect((await t.request("GET", `/model_artifacts/${created.json.id}`)).json).toEqual(
        created.json,
      );
    });

    it("PATCH /model_artifacts/{id}: omitting state sets UNKNOWN; strict body", async () => {
      const created = await t.request("POST", "/model_artifacts", { body: { state: "LIVE" } });
      const patched = await t.request("PATCH", `/model_artifacts/${created.json.id}`, {
        body: { uri: "s3://x" },
      });
      expect(patched.json).toMatchObject({ state: "UNKNOWN", uri: "s3://x" });
      expect(
        (await t.request("PATCH", `/model_artifacts/${created.json.id}`, { body: { name: "n" } }))
          .status,
      ).toBe(400);
    });

    it("GET /model_artifact: 404 when the match is not a model artifact", async () => {
      const version = await createVersion(t);
      const path = `/model_versions/${version.id}/artifacts`;
      await t.request("POST", path, { body: { artifactType: "doc-artifact", name: "card" } });
      const model = await t.request("POST", path, {
        body: { artifactType: "model-artifact", name: "w" },
      });
      expect(
        (await t.request("GET", `/model_artifact?name=w&parentResourceId=${version.id}`)).json,
      ).toEqual(model.json);
      expect(
        (await t.request("GET", `/model_artifact?name=card&parentResourceId=${version.id}`)).status,
      ).toBe(404);
    });
  });
}
