/**
 * Keys and names too long for the registry's 255-character columns (as the store composes them:
 * `<run id>:<key>`, `<run id>:<key>__<ms>`, `<uuid>:<key>`, `param_<key>`) are refused with
 * INVALID_PARAMETER_VALUE before anything is written, and the longest allowed ones work end to end
 * against a fake that fails like the real database (`databaseLimits: true`). Run ids have 9
 * digits (the most the spec allows) here, so the registry's limits bind below MLflow's 250.
 */
import { describe, expect, it } from "vitest";
import { errorOf } from "../support/error-of.js";
import {
  describeRequests,
  fakeModes,
  type RegistryUnderTest,
  useRegistryUnderTest,
} from "../support/registry-under-test.js";

const COLUMN = 255;
/** Digits of the server's ms timestamp in a metric-history record's name. */
const MS_DIGITS = String(Date.now()).length;

/** Longest metric key for a run: `<run id>:<key>__<ms>` fits 255. */
const metricLimit = (runId: string) => COLUMN - runId.length - 1 - 2 - MS_DIGITS;
/** Longest param key for a run: `<run id>:<key>` fits 255. */
const paramLimit = (runId: string) => COLUMN - runId.length - 1;

const key = (length: number, head = "k") => head + "x".repeat(length - head.length);

/** Write requests (anything but a GET) among those `action` made. */
async function writesOf(rut: RegistryUnderTest, action: () => Promise<unknown>): Promise<string[]> {
  const { requests } = await rut.count(() => action().catch(() => undefined));
  return describeRequests(requests.filter((r) => r.method !== "GET"));
}

describe.each(fakeModes("seeds 9-digit run ids"))(
  "keys too long for the registry's columns (%s)",
  (mode) => {
    const rut = useRegistryUnderTest(mode, {
      fake: { databaseLimits: true },
      initialState: { format: "model-registry-fake/v1", nextIds: { context: 100_000_000 } },
    });

    async function newRun(): Promise<string> {
      const experimentId = await rut.store.createExperiment("limits");
      const { runId } = (await rut.store.createRun({ experimentId })).info;
      expect(runId).toHaveLength(9);
      return runId;
    }

    it("logMetric: the longest key fits (230 for a 9-digit run id), one more is refused before any request", async () => {
      const runId = await newRun();
      const limit = metricLimit(runId);
      expect(limit).toBe(230);
      const tooLong = key(limit + 1);
      const failure = await errorOf(
        rut.store.logMetric(runId, { key: tooLong, value: 1, timestamp: 1, step: 0 }),
      );
      expect(failure).toEqual({
        errorCode: "INVALID_PARAMETER_VALUE",
        message: `Invalid value "${tooLong}" for parameter 'key' supplied: The metric key has length 231, which exceeds the limit of 230 characters for run ${runId}. Model Registry stores it as '<run id>:<key>__<ms timestamp>' in a 255-character column.`,
      });
      expect(
        await writesOf(rut, () =>
          rut.store.logMetric(runId, { key: tooLong, value: 1, timestamp: 1, step: 0 }),
        ),
      ).toEqual([]);

      const longest = key(limit);
      await rut.store.logMetric(runId, { key: longest, value: 2, timestamp: 2, step: 1 });
      const run = await rut.store.getRun(runId);
      expect(Object.keys(run.data.metrics)).toEqual([longest]);
      expect((await rut.store.getMetricHistory(runId, longest)).items.map((m) => m.value)).toEqual([
        2,
      ]);
    });

    it("logParam: the longest key fits (245), one more is refused without writing", async () => {
      const runId = await newRun();
      const limit = paramLimit(runId);
      expect(limit).toBe(245);
      const tooLong = key(limit + 1);
      const failure = await errorOf(rut.store.logParam(runId, { key: tooLong, value: "v" }));
      expect(failure.errorCode).toBe("INVALID_PARAMETER_VALUE");
      expect(failure.message).toContain(
        "The param key has length 246, which exceeds the limit of 245 characters",
      );
      expect(
        await writesOf(rut, () => rut.store.logParam(runId, { key: tooLong, value: "v" })),
      ).toEqual([]);

      await rut.store.logParam(runId, { key: key(limit), value: "v" });
      expect((await rut.store.getRun(runId)).data.params).toEqual({ [key(limit)]: "v" });
    });

    it("keys the registry's lookup confuses with another are created as <uuid>:<key>: 218 fits, 219 is refused", async () => {
      const runId = await newRun();
      // `…_` matches `…y` as a LIKE pattern, so the second key of each pair is created unattached.
      const pair = (length: number, head: string) => [
        key(length - 1, head) + "y",
        key(length - 1, head) + "_",
      ];
      const [fits, fitsToo] = pair(218, "a");
      const [first, refused] = pair(219, "b");
      for (const name of [fits, fitsToo, first]) {
        await rut.store.logMetric(runId, { key: name!, value: 1, timestamp: 1, step: 0 });
        await rut.store.logParam(runId, { key: name!, value: "v" });
      }
      const metric = await errorOf(
        rut.store.logMetric(runId, { key: refused!, value: 1, timestamp: 1, step: 0 }),
      );
      expect(metric.errorCode).toBe("INVALID_PARAMETER_VALUE");
      expect(metric.message).toContain(
        "The metric key has length 219, which exceeds the limit of 218 characters",
      );
      expect(
        (await errorOf(rut.store.logParam(runId, { key: refused!, value: "v" }))).message,
      ).toContain("The param key has length 219, which exceeds the limit of 218 characters");
      const batch = {
        metrics: [{ key: refused!, value: 1, timestamp: 1, step: 0 }],
        params: [{ key: "ok", value: "1" }],
      };
      expect((await errorOf(rut.store.logBatch(runId, batch))).message).toContain(
        "'metrics[0].key'",
      );
      const data = (await rut.store.getRun(runId)).data;
      expect(Object.keys(data.metrics).sort()).toEqual([fits, fitsToo, first].sort());
      expect(Object.keys(data.params).sort()).toEqual([fits, fitsToo, first].sort());
    });

    it("tags: run and experiment tag keys up to MLflow's 250 fit the registry (251 is MLflow's error)", async () => {
      const runId = await newRun();
      await rut.store.setTag(runId, { key: key(250), value: "v" });
      expect((await rut.store.getRun(runId)).data.tags[key(250)]).toBe("v");
      expect(
        (await errorOf(rut.store.setTag(runId, { key: key(251), value: "v" }))).errorCode,
      ).toBe("INVALID_PARAMETER_VALUE");
      const experimentId = (await rut.store.getRun(runId)).info.experimentId;
      await rut.store.setExperimentTag(experimentId, { key: key(250), value: "v" });
      expect((await rut.store.getExperiment(experimentId)).tags[key(250)]).toBe("v");
    });

    it("logBatch: one over-long key refuses the whole batch before any request; the longest keys all work", async () => {
      const runId = await newRun();
      const batch = {
        metrics: [
          { key: "fine", value: 1, timestamp: 1, step: 0 },
          { key: key(metricLimit(runId) + 1), value: 1, timestamp: 1, step: 0 },
        ],
        params: [{ key: "p", value: "1" }],
        tags: [{ key: "t", value: "1" }],
      };
      const failure = await errorOf(rut.store.logBatch(runId, batch));
      expect(failure.errorCode).toBe("INVALID_PARAMETER_VALUE");
      expect(failure.message).toContain("for parameter 'metrics[1].key' supplied");
      expect(await writesOf(rut, () => rut.store.logBatch(runId, batch))).toEqual([]);
      expect(await writesOf(rut, () => rut.store.logBatchAsync(runId, batch).wait())).toEqual([]);
      expect((await errorOf(rut.store.logBatchAsync(runId, batch).wait())).message).toContain(
        "'metrics[1].key'",
      );
      const paramsTooLong = {
        params: [
          { key: "p", value: "1" },
          { key: key(paramLimit(runId) + 1), value: "1" },
        ],
      };
      expect((await errorOf(rut.store.logBatch(runId, paramsTooLong))).message).toContain(
        "'params[1].key'",
      );
      const data = (await rut.store.getRun(runId)).data;
      expect([data.metrics, data.params, data.tags["t"]]).toEqual([{}, {}, undefined]);

      await rut.store.logBatch(runId, {
        metrics: [{ key: key(metricLimit(runId)), value: 3, timestamp: 1, step: 0 }],
        params: [{ key: key(paramLimit(runId)), value: "1" }],
        tags: [{ key: key(250), value: "1" }],
      });
      const after = (await rut.store.getRun(runId)).data;
      expect(after.metrics[key(metricLimit(runId))]).toBe(3);
      expect(after.params[key(paramLimit(runId))]).toBe("1");
      expect(after.tags[key(250)]).toBe("1");
    });

    it("logged-model params (stored as param_<key>) up to 249, dataset names (stored as <uuid>:<name>) up to 218", async () => {
      const runId = await newRun();
      const experimentId = (await rut.store.getRun(runId)).info.experimentId;
      const refused = await errorOf(
        rut.store.createLoggedModel({ experimentId, params: [{ key: key(250), value: "1" }] }),
      );
      expect(refused.message).toContain(
        "The logged model param key has length 250, which exceeds the limit of 249 characters",
      );
      const model = await rut.store.createLoggedModel({
        experimentId,
        params: [{ key: key(249), value: "1" }],
      });
      expect(model.params).toEqual({ [key(249)]: "1" });

      const dataset = (name: string) => ({
        dataset: { name, digest: "d", sourceType: "local", source: "s" },
        tags: [],
      });
      const tooLong = await errorOf(rut.store.logInputs(runId, { datasets: [dataset(key(219))] }));
      expect(tooLong.message).toContain(
        "The dataset name has length 219, which exceeds the limit of 218 characters",
      );
      await rut.store.logInputs(runId, { datasets: [dataset(key(218))] });
      expect(
        (await rut.store.getRun(runId)).inputs.datasetInputs.map((d) => d.dataset.name),
      ).toEqual([key(218)]);
    });

    it("artifact locations: an experiment's up to 255, and runs need one of at most 212 (their URI '<location>/<32 hex>/artifacts' is stored too)", async () => {
      const location = (length: number) => key(length, "s3://bucket/");
      const refused = await errorOf(
        rut.store.createExperiment("too-long-location", { artifactLocation: location(256) }),
      );
      expect(refused.errorCode).toBe("INVALID_PARAMETER_VALUE");
      expect(refused.message).toContain(
        "The artifact location has length 256, which exceeds the limit of 255 characters",
      );
      expect(await rut.store.getExperimentByName("too-long-location")).toBeNull();

      const longest = await rut.store.createExperiment("longest-location", {
        artifactLocation: location(255),
      });
      expect((await rut.store.getExperiment(longest)).artifactLocation).toBe(location(255));
      const noRun = await errorOf(rut.store.createRun({ experimentId: longest }));
      expect(noRun.errorCode).toBe("INVALID_PARAMETER_VALUE");
      expect(noRun.message).toContain(
        "runs need an experiment whose artifact location has at most 212 characters",
      );
      expect((await rut.store.searchRuns({ experimentIds: [longest] })).items).toEqual([]);

      for (const [length, fits] of [
        [212, true],
        [213, false],
      ] as const) {
        const experimentId = await rut.store.createExperiment(`location-${length}`, {
          artifactLocation: location(length),
        });
        const created = rut.store.createRun({ experimentId });
        if (fits) expect((await created).info.artifactUri).toHaveLength(255);
        else expect((await errorOf(created)).errorCode).toBe("INVALID_PARAMETER_VALUE");
      }
    });
  },
);
