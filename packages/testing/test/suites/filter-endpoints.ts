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
const ids = (body: { items: Array<{ id: string }> }) => body.items.map((item) => item.id);

/** §8: filterQuery on exactly the endpoints that honour it. */
export function filterEndpointSuite(t: Target): void {
  describe("§8 filterQuery endpoints", () => {
    it("an unparsable filter is a 400 on every endpoint that honours filterQuery", async () => {
      const run = await createRun(t);
      const version = await createVersion(t);
      const honouring = [
        "/experiments",
        "/experiment_runs",
        `/experiments/${run.experimentId}/experiment_runs`,
        "/artifacts",
        `/experiment_runs/${run.id}/artifacts`,
        `/model_versions/${version.id}/artifacts`,
        "/registered_models",
        "/model_versions",
        `/registered_models/${version.registeredModelId}/versions`,
        "/experiment_runs/metric_history",
        `/experiment_runs/${run.id}/metric_history`,
      ];
      for (const path of honouring) {
        const response = await t.request("GET", `${path}?filterQuery=${q("name = ")}`);
        expect(response.status, path).toBe(400);
        expect(response.json.message, path).toMatch(
          /^invalid filter query syntax: .*: bad request$/,
        );
      }
    });

    it("runs filter by status, custom properties and typed access; missing properties never match", async () => {
      const experiment = await createExperiment(t);
      const s = (v: string) => ({ metadataType: "MetadataStringValue", string_value: v });
      const a = await createRun(t, {
        experimentId: experiment.id,
        status: "FINISHED",
        customProperties: { fw: s("torch") },
      });
      const b = await createRun(t, {
        experimentId: experiment.id,
        customProperties: { fw: s("jax") },
      });
      await createRun(t, { experimentId: experiment.id });
      const path = `/experiments/${experiment.id}/experiment_runs`;
      expect(
        ids((await t.request("GET", `${path}?filterQuery=${q('status = "FINISHED"')}`)).json),
      ).toEqual([a.id]);
      expect(
        ids((await t.request("GET", `${path}?filterQuery=${q('fw.string_value = "jax"')}`)).json),
      ).toEqual([b.id]);
      expect(ids((await t.request("GET", `${path}?filterQuery=${q('fw != "jax"')}`)).json)).toEqual(
        [a.id],
      );
      const either = `(fw = "jax" OR status = "FINISHED") AND name LIKE "%"`;
      expect(ids((await t.request("GET", `${path}?filterQuery=${q(either)}`)).json)).toEqual([
        a.id,
        b.id,
      ]);
    });

    it("metrics filter by value across runs; history: name = never matches, LIKE does", async () => {
      const name = unique("acc");
      const run = await createRun(t);
      await logToRun(t, run.id!, metric(name, 0.95));
      const other = await createRun(t);
      await logToRun(t, other.id!, metric(name, 0.5));
      const good = await t.request(
        "GET",
        `/artifacts?artifactType=metric&filterQuery=${q(`name = "${name}" AND value > 0.9`)}`,
      );
      expect(good.json.items.map((m: { experimentRunId: string }) => m.experimentRunId)).toEqual([
        run.id,
      ]);
      const exact = await t.request(
        "GET",
        `/experiment_runs/metric_history?filterQuery=${q(`name = "${name}"`)}`,
      );
      expect(exact.json.items).toEqual([]);
      const like = await t.request(
        "GET",
        `/experiment_runs/metric_history?filterQuery=${q(`name LIKE "${name}%"`)}`,
      );
      expect(like.json.items).toHaveLength(2);
    });
  });
}
