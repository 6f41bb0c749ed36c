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
      const none = unique("none");
      const missing = await t.request("GET", `/serving_environment?name=${none}`);
      expect(missing.json.message).toBe(
        `no serving environment found for name=${none}, externalId=: not found`,
      );
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
      expect(missing.json.message).toBe(
        "no serving environment found for id 2147483647: not found",
      );
      expect((await t.request("GET", "/inference_services?filterQuery=garbage")).status).toBe(200);
    });

    it("a servingEnvironmentId that does not parse is 404, not 400 (the lookup error is re-wrapped)", async () => {
      const model = await createModel(t);
      const inBody = await t.request("POST", "/inference_services", {
        body: { servingEnvironmentId: "abc", registeredModelId: model.id },
      });
      expect(inBody.status).toBe(404);
      expect(inBody.json.message).toBe("no serving environment found for id abc: not found");
      const inPath = await t.request("POST", "/serving_environments/abc/inference_services", {
        body: { servingEnvironmentId: "1", registeredModelId: model.id },
      });
      expect(inPath.status).toBe(404);
      expect(inPath.json.message).toBe("no serving environment found for id abc: not found");
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
      const unknown = await t.request("GET", "/inference_services/2147483647");
      expect(unknown.json.message).toBe("no InferenceService found for id 2147483647: not found");
      const nameOnly = await t.request("GET", `/inference_service?name=${created.json.name}`);
      expect(nameOnly.json.message).toBe(
        "invalid parameters call, supply either (name and parentResourceId), or externalId: bad request",
      );
      const none = await t.request(
        "GET",
        `/inference_service?name=none&parentResourceId=${created.json.servingEnvironmentId}`,
      );
      expect(none.json.message).toBe(
        `no inference service found for name=none, parentResourceId=${created.json.servingEnvironmentId}, externalId=: not found`,
      );
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
      const environment = await createEnvironment(t);
      const bare = await t.request("POST", "/inference_services", {
        body: {
          servingEnvironmentId: environment.id,
          registeredModelId: (await createModel(t)).id,
        },
      });
      const noVersions = await t.request("GET", `/inference_services/${bare.json.id}/version`);
      expect(noVersions.status).toBe(404);
      expect(noVersions.json.message).toBe(
        `no model versions found for id ${bare.json.id}: not found`,
      );
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
      const refused = await t.request("POST", path, { body: { modelVersionId: gated.id } });
      expect(refused.status).toBe(400);
      expect(refused.json.message).toBe(
        "cannot deploy gated HuggingFace model: authentication not yet supported (model requires approval or authentication): bad request",
      );
      const hidden = await createVersion(t, {
        customProperties: {
          hf_private: { metadataType: "MetadataStringValue", string_value: "true" },
        },
      });
      const privateModel = await t.request("POST", path, { body: { modelVersionId: hidden.id } });
      expect(privateModel.json.message).toBe(
        "cannot deploy private HuggingFace model: authentication not yet supported: bad request",
      );
      expect((await t.request("GET", `${path}?filterQuery=garbage&name=zzz`)).json.items).toEqual([
        serve.json,
      ]);
    });

    it("serves: the model version and its HuggingFace gate are checked before the inference service", async () => {
      const gated = await createVersion(t, {
        customProperties: {
          hf_gated: { metadataType: "MetadataStringValue", string_value: "manual" },
        },
      });
      const nowhere = "/inference_services/2147483647/serves";
      const gate = await t.request("POST", nowhere, { body: { modelVersionId: gated.id } });
      expect(gate.status).toBe(400);
      const noVersion = await t.request("POST", nowhere, {
        body: { modelVersionId: "2147483646" },
      });
      expect(noVersion.status).toBe(404);
      expect(noVersion.json.message).toBe("no model version found for id 2147483646: not found");
      const { version } = await service();
      const noService = await t.request("POST", nowhere, { body: { modelVersionId: version.id } });
      expect(noService.status).toBe(404);
      expect(noService.json.message).toBe("no InferenceService found for id 2147483647: not found");
    });
  });
}
