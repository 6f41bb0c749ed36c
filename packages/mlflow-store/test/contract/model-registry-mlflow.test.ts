/**
 * MLflow's model-registry vocabulary (store and client) on the registry: registered models,
 * versions, tags, aliases, search and deletion, with MLflow's errors.
 */
import { REGISTRY_API_PREFIX, unwrap } from "@model-registry/registry-client";
import { describe, expect, it } from "vitest";
import { createMlflowClient } from "../../src/index.js";
import { errorOf } from "../support/error-of.js";
import { MODES, useRegistryUnderTest } from "../support/registry-under-test.js";

const API = REGISTRY_API_PREFIX;

describe.each(MODES)("model registry, MLflow vocabulary (%s)", (mode) => {
  const rut = useRegistryUnderTest(mode);

  it("creates, reads, updates and tags a registered model", async () => {
    const name = rut.unique("churn");
    const created = await rut.store.createRegisteredModel(name, {
      tags: { team: "growth" },
      description: "churn model",
    });
    expect(created).toMatchObject({
      name,
      description: "churn model",
      tags: { team: "growth" },
      aliases: {},
      latestVersions: [],
    });
    expect(created.creationTimestamp).toBeGreaterThan(0);
    await rut.store.setRegisteredModelTag(name, { key: "stage", value: "dev" });
    await rut.store.deleteRegisteredModelTag(name, "team");
    await rut.store.deleteRegisteredModelTag(name, "absent");
    const updated = await rut.store.updateRegisteredModel(name, "v2 description");
    expect(updated).toMatchObject({ description: "v2 description", tags: { stage: "dev" } });
    expect(await rut.store.getRegisteredModel(name)).toMatchObject({
      name,
      description: "v2 description",
      tags: { stage: "dev" },
    });
    expect(await errorOf(rut.store.createRegisteredModel(name))).toEqual({
      errorCode: "RESOURCE_ALREADY_EXISTS",
      message: `Registered Model (name=${name}) already exists.`,
    });
    expect(await errorOf(rut.store.getRegisteredModel(rut.unique("missing")))).toMatchObject({
      errorCode: "RESOURCE_DOES_NOT_EXIST",
    });
  });

  it("numbers versions 1, 2, … and reads them back with source, run, tags and aliases", async () => {
    const name = rut.unique("numbered");
    await rut.store.createRegisteredModel(name);
    const v1 = await rut.store.createModelVersion(name, "s3://bucket/models/a", {
      runId: "17",
      tags: { quality: "gold" },
      description: "first",
      userId: "ada",
    });
    const v2 = await rut.store.createModelVersion(name, "s3://bucket/models/b");
    expect([v1.version, v2.version]).toEqual(["1", "2"]);
    expect(v1).toMatchObject({
      name,
      source: "s3://bucket/models/a",
      runId: "17",
      userId: "ada",
      description: "first",
      status: "READY",
      currentStage: "None",
      tags: { quality: "gold" },
      aliases: [],
    });
    await rut.store.setRegisteredModelAlias(name, "champion", 1);
    await rut.store.setRegisteredModelAlias(name, "challenger", "2");
    await rut.store.setModelVersionTag(name, "2", { key: "validated", value: "yes" });
    const read = await rut.store.getModelVersion(name, 2);
    expect(read).toMatchObject({ aliases: ["challenger"], tags: { validated: "yes" } });
    expect(await rut.store.getModelVersionByAlias(name, "champion")).toMatchObject({
      version: "1",
      aliases: ["champion"],
    });
    const model = await rut.store.getRegisteredModel(name);
    expect(model.aliases).toEqual({ champion: "1", challenger: "2" });
    expect(model.latestVersions.map((v) => v.version)).toEqual(["2"]);
    await rut.store.setRegisteredModelAlias(name, "champion", 2);
    expect((await rut.store.getModelVersion(name, 2)).aliases).toEqual(["challenger", "champion"]);
    await rut.store.deleteRegisteredModelAlias(name, "challenger");
    expect((await rut.store.getRegisteredModel(name)).aliases).toEqual({ champion: "2" });
    expect(await errorOf(rut.store.getModelVersionByAlias(name, "challenger"))).toEqual({
      errorCode: "INVALID_PARAMETER_VALUE",
      message: "Registered model alias challenger not found.",
    });
    await rut.store.deleteModelVersionTag(name, 2, "validated");
    const updated = await rut.store.updateModelVersion(name, 2, "second");
    expect(updated).toMatchObject({ description: "second", tags: {} });
    expect(await rut.store.getModelVersionDownloadUri(name, 1)).toBe("s3://bucket/models/a");
    expect(await errorOf(rut.store.getModelVersion(name, 9))).toEqual({
      errorCode: "RESOURCE_DOES_NOT_EXIST",
      message: `Model Version (name=${name}, version=9) not found`,
    });
  });

  it("deleting archives: versions and models disappear from MLflow reads, numbers are not reused", async () => {
    const name = rut.unique("deleted");
    await rut.store.createRegisteredModel(name);
    await rut.store.createModelVersion(name, "s3://b/1");
    await rut.store.createModelVersion(name, "s3://b/2");
    await rut.store.setRegisteredModelAlias(name, "prod", 2);
    await rut.store.deleteModelVersion(name, 2);
    expect(await errorOf(rut.store.getModelVersion(name, 2))).toMatchObject({
      errorCode: "RESOURCE_DOES_NOT_EXIST",
    });
    const model = await rut.store.getRegisteredModel(name);
    expect(model.aliases).toEqual({});
    expect(model.latestVersions.map((v) => v.version)).toEqual(["1"]);
    expect((await rut.store.createModelVersion(name, "s3://b/3")).version).toBe("3");
    const registryModel = await unwrap(
      rut.client.GET(`${API}/registered_model`, { params: { query: { name } } }),
    );
    const versions = await unwrap(
      rut.client.GET(`${API}/registered_models/{registeredmodelId}/versions`, {
        params: { path: { registeredmodelId: registryModel.id ?? "" } },
      }),
    );
    expect(versions.items.map((v) => [v.name, v.state])).toEqual([
      ["1", "LIVE"],
      ["2", "ARCHIVED"],
      ["3", "LIVE"],
    ]);
    await rut.store.deleteRegisteredModel(name);
    expect(await errorOf(rut.store.getRegisteredModel(name))).toMatchObject({
      errorCode: "RESOURCE_DOES_NOT_EXIST",
    });
    const found = await rut.store.searchModelVersions({ filterString: `name = '${name}'` });
    expect(found.items).toEqual([]);
    // MLflow allows the name again; the registry keeps the archived model under it
    const again = await rut.store.createRegisteredModel(name);
    expect(again.name).toBe(name);
    expect((await rut.store.createModelVersion(name, "s3://b/new")).version).toBe("1");
    expect((await rut.store.getRegisteredModel(name)).latestVersions.map((v) => v.source)).toEqual([
      "s3://b/new",
    ]);
  });

  it("renames a registered model; its versions follow and the old name is free", async () => {
    const name = rut.unique("old");
    const newName = rut.unique("new");
    await rut.store.createRegisteredModel(name);
    await rut.store.createModelVersion(name, "s3://b/1");
    const renamed = await rut.store.renameRegisteredModel(name, newName);
    expect(renamed.name).toBe(newName);
    expect(renamed.latestVersions).toMatchObject([{ name: newName, version: "1" }]);
    expect((await rut.store.getModelVersion(newName, 1)).name).toBe(newName);
    expect(await errorOf(rut.store.getRegisteredModel(name))).toMatchObject({
      errorCode: "RESOURCE_DOES_NOT_EXIST",
    });
    const other = rut.unique("other");
    await rut.store.createRegisteredModel(other);
    expect(await errorOf(rut.store.renameRegisteredModel(other, newName))).toMatchObject({
      errorCode: "RESOURCE_ALREADY_EXISTS",
    });
    // the old name can be created again
    expect((await rut.store.createRegisteredModel(name)).name).toBe(name);
    // renaming back to the registry name drops the recorded MLflow name
    await rut.store.deleteRegisteredModel(name);
    expect((await rut.store.renameRegisteredModel(newName, name)).name).toBe(name);
  });

  it("searches registered models with MLflow's grammar, order and paging", async () => {
    const prefix = rut.unique("srch");
    for (const [suffix, team] of [
      ["a", "x"],
      ["b", "y"],
      ["c", "x"],
    ] as const) {
      await rut.store.createRegisteredModel(`${prefix}-${suffix}`, { tags: { team } });
    }
    await rut.store.createModelVersion(`${prefix}-a`, "s3://b/a1");
    const first = await rut.store.searchRegisteredModels({
      filterString: `name LIKE '${prefix}-%' AND tags.team = 'x'`,
      maxResults: 1,
    });
    expect(first.items.map((m) => m.name)).toEqual([`${prefix}-a`]);
    expect(first.items[0]?.latestVersions.map((v) => v.version)).toEqual(["1"]);
    const second = await rut.store.searchRegisteredModels({
      filterString: `name LIKE '${prefix}-%' AND tags.team = 'x'`,
      maxResults: 1,
      ...(first.nextPageToken !== undefined ? { pageToken: first.nextPageToken } : {}),
    });
    expect(second.items.map((m) => m.name)).toEqual([`${prefix}-c`]);
    expect(second.nextPageToken).toBeUndefined();
    const desc = await rut.store.searchRegisteredModels({
      filterString: `name ILIKE '${prefix.toUpperCase()}-%'`,
      orderBy: ["name DESC"],
    });
    expect(desc.items.map((m) => m.name)).toEqual([`${prefix}-c`, `${prefix}-b`, `${prefix}-a`]);
    expect(await errorOf(rut.store.searchRegisteredModels({ filterString: "name > 'a'" }))).toEqual(
      { errorCode: "INVALID_PARAMETER_VALUE", message: "Invalid comparator for attribute: >" },
    );
    expect(
      await errorOf(rut.store.searchRegisteredModels({ orderBy: ["creation_time"] })),
    ).toMatchObject({ errorCode: "INVALID_PARAMETER_VALUE" });
    expect(await errorOf(rut.store.searchRegisteredModels({ maxResults: 1001 }))).toMatchObject({
      errorCode: "INVALID_PARAMETER_VALUE",
    });
  });

  it("searches model versions by name, run_id, source_path and tags", async () => {
    const a = rut.unique("mva");
    const b = rut.unique("mvb");
    await rut.store.createRegisteredModel(a);
    await rut.store.createRegisteredModel(b);
    await rut.store.createModelVersion(a, "s3://b/a1", { runId: "5", tags: { k: "1" } });
    await rut.store.createModelVersion(a, "s3://b/a2", { runId: "6" });
    await rut.store.createModelVersion(b, `s3://b/${b}/1`, { runId: "5" });
    const byName = await rut.store.searchModelVersions({ filterString: `name = '${a}'` });
    expect(byName.items.map((v) => v.version).sort()).toEqual(["1", "2"]);
    const byRun = await rut.store.searchModelVersions({
      filterString: "run_id = '5'",
      orderBy: ["name ASC", "version_number DESC"],
    });
    expect(
      byRun.items.filter((v) => v.name === a || v.name === b).map((v) => `${v.name}/${v.version}`),
    ).toEqual([`${a}/1`, `${b}/1`]);
    const byRunList = await rut.store.searchModelVersions({
      filterString: `run_id IN ('6') AND name = '${a}'`,
    });
    expect(byRunList.items.map((v) => v.version)).toEqual(["2"]);
    const bySource = await rut.store.searchModelVersions({
      filterString: `source_path = 's3://b/${b}/1'`,
    });
    expect(bySource.items.map((v) => v.name)).toEqual([b]);
    const byTag = await rut.store.searchModelVersions({
      filterString: `tags.k = '1' AND name = '${a}'`,
    });
    expect(byTag.items.map((v) => v.version)).toEqual(["1"]);
    const byNumber = await rut.store.searchModelVersions({
      filterString: `name = '${a}' AND version_number > 1`,
    });
    expect(byNumber.items.map((v) => v.version)).toEqual(["2"]);
    expect(
      await errorOf(rut.store.searchModelVersions({ filterString: "name IN ('x')" })),
    ).toMatchObject({ errorCode: "INVALID_PARAMETER_VALUE" });
  });

  it("the client applies MLflow's client conventions (stringified tags, current user)", async () => {
    const client = createMlflowClient({ store: rut.store, userId: "grace", env: {} });
    const name = rut.unique("client");
    await client.createRegisteredModel(name, { tags: { n: 1 } });
    const version = await client.createModelVersion(name, "s3://b/1", { tags: { ok: true } });
    expect(version).toMatchObject({ userId: "grace", tags: { ok: "true" } });
    await client.setModelVersionTag(name, 1, "score", 0.5);
    await client.setRegisteredModelTag(name, "cfg", { a: 1 });
    expect((await client.getModelVersion(name, "1")).tags).toEqual({ ok: "true", score: "0.5" });
    expect((await client.getRegisteredModel(name)).tags).toEqual({ n: "1", cfg: '{"a":1}' });
  });

  it("validates names, aliases and tags as MLflow does", async () => {
    const name = rut.unique("valid");
    await rut.store.createRegisteredModel(name);
    await rut.store.createModelVersion(name, "s3://b/1");
    expect(await errorOf(rut.store.createRegisteredModel(""))).toEqual({
      errorCode: "INVALID_PARAMETER_VALUE",
      message: "Missing value for required parameter 'name'.",
    });
    expect(await errorOf(rut.store.setRegisteredModelAlias(name, "latest", 1))).toEqual({
      errorCode: "INVALID_PARAMETER_VALUE",
      message: "'latest' alias name (case insensitive) is reserved.",
    });
    expect(await errorOf(rut.store.setRegisteredModelAlias(name, "v3", 1))).toMatchObject({
      message: "Version alias name 'v3' is reserved.",
    });
    expect(await errorOf(rut.store.setRegisteredModelAlias(name, "a b", 1))).toMatchObject({
      errorCode: "INVALID_PARAMETER_VALUE",
    });
    expect(await errorOf(rut.store.setRegisteredModelAlias(name, "prod", 7))).toMatchObject({
      errorCode: "RESOURCE_DOES_NOT_EXIST",
    });
    expect(
      await errorOf(rut.store.setModelVersionTag(name, 1, { key: "mlflow.source", value: "x" })),
    ).toMatchObject({ errorCode: "INVALID_PARAMETER_VALUE" });
    expect(
      await errorOf(rut.store.setRegisteredModelTag(name, { key: "mlflow.aliases", value: "{}" })),
    ).toMatchObject({ errorCode: "INVALID_PARAMETER_VALUE" });
    expect(
      await errorOf(rut.store.setRegisteredModelTag(name, { key: "k", value: "x".repeat(5001) })),
    ).toMatchObject({ errorCode: "INVALID_PARAMETER_VALUE" });
    expect(await errorOf(rut.store.createModelVersion(name, ""))).toMatchObject({
      errorCode: "INVALID_PARAMETER_VALUE",
    });
    expect(await errorOf(rut.store.createModelVersion(rut.unique("nope"), "s3://x"))).toMatchObject(
      { errorCode: "RESOURCE_DOES_NOT_EXIST" },
    );
  });
});
