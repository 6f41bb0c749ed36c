import { describe, expect, it } from "vitest";
import { errorOf } from "../support/error-of.js";
import { fakeModes, useRegistryUnderTest } from "../support/registry-under-test.js";

describe.each(fakeModes("these searches expect a registry holding only their experiments"))(
  "searchExperiments (%s)",
  (mode) => {
    const rut = useRegistryUnderTest(mode);

    async function seed(): Promise<Record<string, string>> {
      const ids: Record<string, string> = {};
      for (const name of ["a", "ab", "Abc", "b"]) {
        ids[name] = await rut.store.createExperiment(name, {
          tags: name === "ab" ? { key1: "value" } : {},
        });
      }
      await rut.store.setExperimentTag(ids.Abc as string, { key: "key1", value: "vaLue" });
      return ids;
    }

    it("filters by name with =, !=, LIKE and ILIKE (case-sensitive except ILIKE)", async () => {
      await seed();
      const names = async (filterString: string) =>
        (await rut.store.searchExperiments({ filterString, orderBy: ["name"] })).items.map(
          (e) => e.name,
        );
      expect(await names("name = 'a'")).toEqual(["a"]);
      expect(await names("attribute.`name` != 'a'")).toEqual(["Abc", "ab", "b"]);
      expect(await names("name LIKE 'a%'")).toEqual(["a", "ab"]);
      expect(await names("name ILIKE 'a%'")).toEqual(["Abc", "a", "ab"]);
      expect(await names("tag.key1 = 'value'")).toEqual(["ab"]);
      expect(await names("tags.key1 ILIKE '%alu%'")).toEqual(["Abc", "ab"]);
      expect(await names("tag.key1 IS NULL")).toEqual(["a", "b"]);
    });

    it("orders by creation time DESC then id by default, and by the given keys", async () => {
      const ids = await seed();
      const all = await rut.store.searchExperiments();
      expect(all.items.map((e) => e.experimentId)).toEqual(
        Object.values(ids).sort((x, y) => Number(y) - Number(x)),
      );
      const byIdDesc = await rut.store.searchExperiments({ orderBy: ["experiment_id DESC"] });
      expect(byIdDesc.items.map((e) => e.name)).toEqual(["b", "Abc", "ab", "a"]);
    });

    it("filters view types before paging, so pages are full", async () => {
      const ids = await seed();
      await rut.store.deleteExperiment(ids.ab as string);
      await rut.store.deleteExperiment(ids.a as string);
      const active = await rut.store.searchExperiments({ maxResults: 2, orderBy: ["name"] });
      expect(active.items.map((e) => e.name)).toEqual(["Abc", "b"]);
      expect(active.nextPageToken).toBeUndefined();
      const deleted = await rut.store.searchExperiments({
        viewType: "DELETED_ONLY",
        orderBy: ["name"],
      });
      expect(deleted.items.map((e) => e.name)).toEqual(["a", "ab"]);
      const all = await rut.store.searchExperiments({
        viewType: "ALL",
        maxResults: 3,
        orderBy: ["name"],
      });
      expect(all.items.map((e) => e.name)).toEqual(["Abc", "a", "ab"]);
      const rest = await rut.store.searchExperiments({
        viewType: "ALL",
        maxResults: 3,
        orderBy: ["name"],
        pageToken: all.nextPageToken as string,
      });
      expect(rest.items.map((e) => e.name)).toEqual(["b"]);
      expect(rest.nextPageToken).toBeUndefined();
    });

    it("finds renamed experiments by their new name", async () => {
      const ids = await seed();
      await rut.store.renameExperiment(ids.b as string, "zeta");
      const found = await rut.store.searchExperiments({ filterString: "name = 'zeta'" });
      expect(found.items.map((e) => e.experimentId)).toEqual([ids.b]);
      expect((await rut.store.searchExperiments({ filterString: "name = 'b'" })).items).toEqual([]);
    });

    it("answers in one request", async (ctx) => {
      rut.requireFake(ctx, "counts requests");
      await seed();
      const { requests } = await rut.count(() =>
        rut.store.searchExperiments({ filterString: "name LIKE 'a%'" }),
      );
      expect(requests).toHaveLength(1);
    });

    it("rejects invalid filters, orders and max results with INVALID_PARAMETER_VALUE", async () => {
      for (const options of [
        { filterString: "attributes.name = 'a'" },
        { filterString: "params.a = 'b'" },
        { filterString: "name = 'a' OR name = 'b'" },
        { orderBy: ["lifecycle_stage"] },
        { maxResults: 0 },
        { maxResults: 50_001 },
        { pageToken: "not a token" },
      ]) {
        expect((await errorOf(rut.store.searchExperiments(options))).errorCode).toBe(
          "INVALID_PARAMETER_VALUE",
        );
      }
    });
  },
);
