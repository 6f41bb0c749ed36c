import { REGISTRY_API_PREFIX, unwrap } from "@model-registry/registry-client";
import { describe, expect, it } from "vitest";
import { createRun, logToRun, metric } from "../support/builders.js";
import { type Target, unique } from "../support/target.js";

const P = REGISTRY_API_PREFIX;

/** §5.4: metric history. */
export function metricHistorySuite(t: Target): void {
  describe("§5.4 metric history", () => {
    it("every metric post to a run appends a record with its own id; value/step/attribution copied", async () => {
      const run = await createRun(t);
      const first = await logToRun(t, run.id!, metric("loss", 3, { step: 1, timestamp: "100" }));
      await logToRun(t, run.id!, metric("loss", 2, { step: 2 }));
      await logToRun(t, run.id!, metric("val_loss", 1, { step: 2 }));
      const history = await unwrap(
        t.client.GET(`${P}/experiment_runs/{experimentrunId}/metric_history`, {
          params: { path: { experimentrunId: run.id! } },
        }),
      );
      expect(history.items.map((m) => [m.name, m.value, m.step])).toEqual([
        ["loss", 3, 1],
        ["loss", 2, 2],
        ["val_loss", 1, 2],
      ]);
      expect(history.items[0]).toMatchObject({
        artifactType: "metric",
        experimentId: run.experimentId,
        experimentRunId: run.id,
        timestamp: "100",
      });
      expect(history.items[0]!.id).not.toBe(first.json.id);
      expect(history).toMatchObject({ size: 3, pageSize: 0, nextPageToken: "" });
    });

    it("name is a substring match; stepIds filters; bad stepIds are 400; unknown run is 404", async () => {
      const run = await createRun(t);
      for (const [name, step] of [
        ["acc", 1],
        ["val_acc", 2],
        ["loss", 3],
      ] as const) {
        await logToRun(t, run.id!, metric(name, 1, { step }));
      }
      const path = `/experiment_runs/${run.id}/metric_history`;
      const byName = await t.request("GET", `${path}?name=acc`);
      expect(byName.json.items.map((m: { name: string }) => m.name)).toEqual(["acc", "val_acc"]);
      const bySteps = await t.request("GET", `${path}?stepIds=${encodeURIComponent(" 1, ,3")}`);
      expect(bySteps.json.items.map((m: { step: number }) => m.step)).toEqual([1, 3]);
      const bad = await t.request("GET", `${path}?stepIds=1,abc`);
      expect(bad.json).toEqual({
        code: "Bad Request",
        message: "invalid step ID 'abc': must be a valid integer: bad request",
      });
      expect((await t.request("GET", "/experiment_runs/2147483647/metric_history")).status).toBe(
        404,
      );
      expect((await t.request("GET", "/experiment_runs/x/metric_history")).status).toBe(400);
    });

    it("the bulk endpoint covers all runs, pages, and never 404s", async () => {
      const name = unique("bulk");
      const a = await createRun(t);
      const b = await createRun(t);
      await logToRun(t, a.id!, metric(name, 1));
      await logToRun(t, b.id!, metric(name, 2));
      await logToRun(t, a.id!, metric(name, 3));
      const page1 = await t.request(
        "GET",
        `/experiment_runs/metric_history?name=${name}&pageSize=2`,
      );
      expect(page1.json.items.map((m: { value: number }) => m.value)).toEqual([1, 2]);
      expect(page1.json.nextPageToken).not.toBe("");
      const page2 = await t.request(
        "GET",
        `/experiment_runs/metric_history?name=${name}&pageSize=2&nextPageToken=${encodeURIComponent(page1.json.nextPageToken)}`,
      );
      expect(page2.json).toMatchObject({ size: 1, pageSize: 2, nextPageToken: "" });
      expect(page2.json.items[0].value).toBe(3);
    });

    it("only the run endpoint writes history (not /artifacts, PATCH or model versions)", async () => {
      const run = await createRun(t);
      const logged = await logToRun(t, run.id!, metric("m", 1));
      await t.request("PATCH", `/artifacts/${logged.json.id}`, {
        body: { artifactType: "metric", value: 5 },
      });
      const history = await t.request("GET", `/experiment_runs/${run.id}/metric_history`);
      expect(history.json.items.map((m: { value: number }) => m.value)).toEqual([1]);
    });
  });
}
