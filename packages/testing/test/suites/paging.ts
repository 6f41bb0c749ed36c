import { paginate, REGISTRY_API_PREFIX } from "@model-registry/registry-client";
import { describe, expect, it } from "vitest";
import { createExperiment, createRun } from "../support/builders.js";
import type { Target } from "../support/target.js";

const P = REGISTRY_API_PREFIX;

/** §7: paging and ordering. */
export function pagingSuite(t: Target): void {
  async function fiveRuns() {
    const experiment = await createExperiment(t);
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1)
      ids.push((await createRun(t, { experimentId: experiment.id })).id!);
    return { path: `/experiments/${experiment.id}/experiment_runs`, ids, experiment };
  }
  const idsOf = (body: { items: Array<{ id: string }> }) => body.items.map((item) => item.id);

  describe("§7 paging", () => {
    it("no pageSize returns every row with pageSize 0 and an empty token", async () => {
      const { path, ids } = await fiveRuns();
      const all = await t.request("GET", path);
      expect(all.json).toMatchObject({ size: 5, pageSize: 0, nextPageToken: "" });
      expect(idsOf(all.json)).toEqual(ids);
    });

    it("pages by id with token base64('lastId:lastId'); no trailing empty page", async () => {
      const { path, ids } = await fiveRuns();
      const first = await t.request("GET", `${path}?pageSize=2`);
      expect(first.json).toMatchObject({ size: 2, pageSize: 2 });
      expect(Buffer.from(first.json.nextPageToken, "base64").toString()).toBe(
        `${ids[1]}:${ids[1]}`,
      );
      const second = await t.request(
        "GET",
        `${path}?pageSize=2&nextPageToken=${encodeURIComponent(first.json.nextPageToken)}`,
      );
      const third = await t.request(
        "GET",
        `${path}?pageSize=2&nextPageToken=${encodeURIComponent(second.json.nextPageToken)}`,
      );
      expect([...idsOf(first.json), ...idsOf(second.json), ...idsOf(third.json)]).toEqual(ids);
      expect(third.json).toMatchObject({ size: 1, nextPageToken: "" });
      const exact = await t.request("GET", `${path}?pageSize=5`);
      expect(exact.json).toMatchObject({ size: 5, nextPageToken: "" });
    });

    it("DESC, CREATE_TIME and LAST_UPDATE_TIME orders; unknown orderBy falls back to ID; sortOrder is case-sensitive", async () => {
      const { path, ids } = await fiveRuns();
      const desc = await t.request("GET", `${path}?sortOrder=DESC&pageSize=3`);
      expect(idsOf(desc.json)).toEqual([...ids].reverse().slice(0, 3));
      const rest = await t.request(
        "GET",
        `${path}?sortOrder=DESC&pageSize=3&nextPageToken=${encodeURIComponent(desc.json.nextPageToken)}`,
      );
      expect(idsOf(rest.json)).toEqual([ids[1], ids[0]]);
      expect(idsOf((await t.request("GET", `${path}?sortOrder=desc`)).json)).toEqual(ids);
      expect(idsOf((await t.request("GET", `${path}?orderBy=NAME&sortOrder=DESC`)).json)).toEqual(
        [...ids].reverse(),
      );
      await t.request("PATCH", `/experiment_runs/${ids[0]}`, { body: { description: "touched" } });
      const updated = await t.request(
        "GET",
        `${path}?orderBy=LAST_UPDATE_TIME&sortOrder=DESC&pageSize=1`,
      );
      expect(idsOf(updated.json)).toEqual([ids[0]]);
      const created = await t.request("GET", `${path}?orderBy=CREATE_TIME&pageSize=2`);
      expect(idsOf(created.json)).toEqual(ids.slice(0, 2));
      const value = Buffer.from(created.json.nextPageToken, "base64").toString();
      expect(value).toMatch(new RegExp(`^${ids[1]}:\\d{13}$`));
    });

    it("400 for a bad pageSize or token; a negative pageSize means no limit and is echoed", async () => {
      const { path } = await fiveRuns();
      expect((await t.request("GET", `${path}?pageSize=abc`)).status).toBe(400);
      for (const token of [
        "!!!",
        Buffer.from("nocolon").toString("base64"),
        Buffer.from("x:1").toString("base64"),
      ]) {
        const response = await t.request(
          "GET",
          `${path}?nextPageToken=${encodeURIComponent(token)}`,
        );
        expect(response.status).toBe(400);
        expect(response.json.message).toMatch(/^invalid nextPageToken: .*: bad request$/);
      }
      const negative = await t.request("GET", `${path}?pageSize=-1`);
      expect(negative.json).toMatchObject({ size: 5, pageSize: -1, nextPageToken: "" });
    });

    it("the token's value part is opaque: any text is accepted and compared with the order column", async () => {
      const { path, ids } = await fiveRuns();
      const page = async (token: string, extra = "") => {
        const encoded = encodeURIComponent(Buffer.from(token).toString("base64"));
        const response = await t.request("GET", `${path}?nextPageToken=${encoded}${extra}`);
        expect(response.status).toBe(200);
        return idsOf(response.json);
      };
      // ID order compares the id with the value part: `id > v OR (id = v AND id > lastId)`.
      expect(await page(`${ids[0]}:${ids[2]}`)).toEqual(ids.slice(2));
      expect(await page(`${ids[3]}:${ids[1]}`)).toEqual(ids.slice(2));
      // A value that is no number reads as 0 (MySQL), so the listing starts over.
      expect(await page(`${ids[2]}:not-a-number`)).toEqual(ids);
      expect(await page(`${ids[2]}:`)).toEqual(ids);
      // Split on the first ':' only: a value holding ':' keeps its numeric prefix.
      expect(await page(`${ids[1]}:${ids[1]}:9`)).toEqual(ids.slice(2));
      expect(await page(`${ids[3]}:${ids[3]}.5`, "&sortOrder=DESC")).toEqual([
        ids[3],
        ids[2],
        ids[1],
        ids[0],
      ]);
      expect(await page(`${ids[0]}:abc`, "&orderBy=CREATE_TIME")).toEqual(ids);
    });

    it("the client's paginate() walks every page", async () => {
      const { experiment, ids } = await fiveRuns();
      const seen: string[] = [];
      for await (const run of paginate(
        t.client,
        `${P}/experiments/{experimentId}/experiment_runs`,
        { params: { path: { experimentId: experiment.id! } } },
        { pageSize: 2 },
      )) {
        seen.push((run as { id: string }).id);
      }
      expect(seen).toEqual(ids);
    });
  });
}
