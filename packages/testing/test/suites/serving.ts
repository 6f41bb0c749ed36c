import { describe, expect, it } from "vitest";
import { createEnvironment, createModel, createVersion } from "../support/builders.js";
import { type Target, unique } from "../support/target.js";

/** §2.5: serving environments, inference services and serve models. */
export function servingSuite(t: Target): void {
  async function service(extra: Record<string, unknown> = {}) {
    const environment = await createEnvironment(t);
    const version = await createVersion(t);
    const created = await t.request("POST", "/inference_services", {
      body: {
        servingEnvironmentId: environment.id,
        registeredModelId: version.registeredModelId,
        ...extra,
      },
    });
    return { environment, version, created };
  }

  describe("§2.5 serving environments", () => {
    it("GET/POST /serving_environments: 201, 409 on name, filterQuery ignored", async () => {
      const environment = await createEnvironment(t);
      expect(
        (await t.request("POST", "/serving_environments", { body: { name: environment.name } }))
          .status,
      ).toBe(409);
      const list = await t.request(
        "GET",
        `/serving_environments?filterQuery=${encodeURIComponent("this is not a filter")}`,
      );
      expect(list.status).toBe(200);
    });

    it("GET/PATCH /serving_environments/{id} and GET /serving_environment", async () => {
      const environment = await createEnvironment(t);
      const patched = await t.request("PATCH", `/serving_environments/${environment.id}`, {
        body: { description: "d" },
      });
      expect(patched.json.description).toBe("d");
      expect((await t.request("GET", `/serving_environments/${environment.id}`)).json).toEqual(
        patched.json,
      );
      expect(
        (await t.request("GET", `/serving_environment?name=${environment.name}`)).json,
      ).toEqual(patched.json);
      expect((await t.request("GET", "/serving_environment")).status).toBe(400);
    });

    it("nested inference services: POST 201 with the path id, 422, 404; GET no parent check", async () => {
      const environment = await createEnvironment(t);
      const model = await createModel(t);
      const path = `/serving_environments/${environment.id}/inference_services`;
      const created = await t.request("POST", path, {
        body: { registeredModelId: model.id, servingEnvironmentId: "1" },
      });
      expect(created.status).toBe(201);
      expect(created.json).toMatchObject({
        servingEnvironmentId: environment.id,
        desiredState: "DEPLOYED",
      });
      expect(
        (await t.request("POST", path, { body: { registeredModelId: model.id } })).status,
      ).toBe(422);
      const missing = await t.request(
        "POST",
        "/serving_environments/2147483647/inference_services",
        {
          body: { registeredModelId: model.id, servingEnvironmentId: "2147483647" },
        },
      );
      expect(missing.status).toBe(404);
      expect((await t.request("GET", `${path}?filterQuery=garbage`)).json.items).toEqual([
        created.json,
      ]);
      expect(
        (await t.request("GET", "/serving_environments/2147483647/inference_services")).json.items,
      ).toEqual([]);
    });
  });

  describe("§2.5 inference services and serve models", () => {
    it("POST /inference_services: 201 (spec says 200), 404 for an unknown environment, UUID name", async () => {
      const { created } = await service();
      expect(created.status).toBe(201);
      expect(created.json.name).toMatch(/^[0-9a-f-]{36}$/);
      const missing = await t.request("POST", "/inference_services", {
        body: { servingEnvironmentId: "2147483647", registeredModelId: "1" },
      });
      expect(missing.status).toBe(404);
      expect((await t.request("GET", "/inference_services?filterQuery=garbage")).status).toBe(200);
    });

    it("GET/PATCH /inference_services/{id}: PATCH without desiredState sets DEPLOYED", async () => {
      const { created } = await service({ desiredState: "UNDEPLOYED", name: unique("is") });
      const patched = await t.request("PATCH", `/inference_services/${created.json.id}`, {
        body: { runtime: "r" },
      });
      expect(patched.json).toMatchObject({ desiredState: "DEPLOYED", runtime: "r" });
      expect((await t.request("GET", `/inference_services/${created.json.id}`)).json).toEqual(
        patched.json,
      );
      expect((await t.request("GET", "/inference_services/abc")).status).toBe(400);
      const fixed = await t.request("PATCH", `/inference_services/${created.json.id}`, {
        body: { servingEnvironmentId: "1" },
      });
      expect(fixed.status).toBe(400);
      const found = await t.request(
        "GET",
        `/inference_service?name=${created.json.name}&parentResourceId=${created.json.servingEnvironmentId}`,
      );
      expect(found.json).toEqual(patched.json);
    });

    it("GET /inference_services/{id}/model and /version (explicit, else newest version)", async () => {
      const { created, version } = await service();
      const id = created.json.id;
      expect((await t.request("GET", `/inference_services/${id}/model`)).json.id).toBe(
        version.registeredModelId,
      );
      const newer = await createVersion(t, { registeredModelId: version.registeredModelId });
      expect((await t.request("GET", `/inference_services/${id}/version`)).json.id).toBe(newer.id);
      await t.request("PATCH", `/inference_services/${id}`, {
        body: { modelVersionId: version.id },
      });
      expect((await t.request("GET", `/inference_services/${id}/version`)).json.id).toBe(
        version.id,
      );
      expect((await t.request("GET", "/inference_services/2147483647/model")).status).toBe(404);
    });

    it("serves: POST 201 with lastKnownState UNKNOWN, 404s, gated HuggingFace 400; GET paging only", async () => {
      const { created, version } = await service();
      const path = `/inference_services/${created.json.id}/serves`;
      const serve = await t.request("POST", path, { body: { modelVersionId: version.id } });
      expect(serve.status).toBe(201);
      expect(serve.json).toMatchObject({ modelVersionId: version.id, lastKnownState: "UNKNOWN" });
      expect((await t.request("POST", path, { body: {} })).status).toBe(422);
      expect(
        (await t.request("POST", path, { body: { modelVersionId: "2147483647" } })).status,
      ).toBe(404);
      const gated = await createVersion(t, {
        customProperties: {
          hf_gated: { metadataType: "MetadataStringValue", string_value: "true" },
        },
      });
      expect((await t.request("POST", path, { body: { modelVersionId: gated.id } })).status).toBe(
        400,
      );
      expect((await t.request("GET", `${path}?filterQuery=garbage&name=zzz`)).json.items).toEqual([
        serve.json,
      ]);
    });
  });
}
