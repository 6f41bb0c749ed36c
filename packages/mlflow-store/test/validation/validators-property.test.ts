/**
 * Property tests of MLflow's validation: whatever a caller passes, validators throw nothing but
 * MlflowError, and a write the validators reject sends nothing to the registry (a batch is
 * validated whole before its first request).
 */
import { createRegistryClient } from "@model-registry/registry-client";
import { createFakeRegistry } from "@model-registry/testing";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { createMlflowStore, isMlflowError, type MlflowStore } from "../../src/index.js";
import {
  validateBatch,
  validateDatasetInput,
  validateExperimentName,
  validateExperimentTag,
  validateLoggedModelName,
  validateMetric,
  validateParam,
  validateRunId,
  validateTag,
} from "../../src/validation/index.js";

const anything = fc.anything({
  withNullPrototype: true,
  withBigInt: true,
  withBoxedValues: true,
  withMap: true,
  withSet: true,
  withObjectString: true,
  withTypedArray: true,
  withSparseArray: true,
  withDate: true,
});

/** Keys: mostly plausible, some hostile (prototype names, bad paths, NUL, other types). */
const key = fc.oneof(
  { weight: 4, arbitrary: fc.stringMatching(/^[a-z][a-z0-9_./ :-]{0,12}$/) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "__proto__",
      "constructor",
      "toString",
      "hasOwnProperty",
      "",
      ".",
      "a//b",
      "/a",
      "a\u0000b",
      "é",
      "x".repeat(251),
    ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
  { weight: 1, arbitrary: anything },
);

/** Text values: plain, with NUL or its JSON spelling, over-long, or not a string at all. */
const text = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 12 }) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.string({ maxLength: 6 }),
        fc.constantFrom("\u0000", "\\u0000"),
        fc.string({ maxLength: 6 }),
      )
      .map((parts) => parts.join("")),
  },
  { weight: 1, arbitrary: fc.constant("v".repeat(8001)) },
  { weight: 1, arbitrary: anything },
);

const numberish = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: -5, max: 2_000_000_000 }) },
  { weight: 2, arbitrary: fc.double() },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      -0,
      1.5,
      2 ** 53,
    ),
  },
  { weight: 1, arbitrary: anything },
);

const metric = fc.record({ key, value: numberish, timestamp: numberish, step: numberish });
const keyValue = fc.record({ key, value: text });

function onlyMlflowErrors(fn: () => unknown): boolean {
  try {
    fn();
    return true;
  } catch (error) {
    expect(isMlflowError(error), `non-MlflowError thrown: ${String(error)}`).toBe(true);
    return false;
  }
}

describe("validators throw only MlflowError, whatever they are given", () => {
  it("metrics, params, tags, names and ids", () => {
    fc.assert(
      fc.property(metric, keyValue, anything, (m, kv, other) => {
        onlyMlflowErrors(() => validateMetric(m as never));
        onlyMlflowErrors(() => validateParam(kv as never));
        onlyMlflowErrors(() => validateTag(kv as never));
        onlyMlflowErrors(() => validateExperimentTag(kv as never));
        onlyMlflowErrors(() => validateExperimentName(kv.value));
        onlyMlflowErrors(() => validateLoggedModelName(kv.value as never));
        onlyMlflowErrors(() => validateRunId(kv.key));
        for (const odd of [other, [other], { key: other, value: other }]) {
          onlyMlflowErrors(() => validateMetric(odd as never));
          onlyMlflowErrors(() => validateParam(odd as never));
          onlyMlflowErrors(() => validateTag(odd as never));
          onlyMlflowErrors(() => validateDatasetInput(odd as never));
          onlyMlflowErrors(() => validateBatch(odd as never));
        }
      }),
      { numRuns: 600, seed: 7001 },
    );
  });

  it("accepts a metric only with an integer step and a finite, non-negative timestamp", () => {
    fc.assert(
      fc.property(metric, (m) => {
        const ok = onlyMlflowErrors(() => validateMetric(m as never));
        if (ok) {
          expect(Number.isSafeInteger(m.step)).toBe(true);
          expect(Number.isFinite(m.timestamp) && (m.timestamp as number) >= 0).toBe(true);
          expect(typeof m.value).toBe("number");
        }
      }),
      { numRuns: 600, seed: 7002 },
    );
  });

  it("never accepts a text the registry cannot store", () => {
    fc.assert(
      fc.property(keyValue, (kv) => {
        const ok = onlyMlflowErrors(() => validateParam(kv as never));
        if (ok && typeof kv.value === "string") {
          expect(kv.value.includes("\u0000") || kv.value.includes("\\u0000")).toBe(false);
        }
      }),
      { numRuns: 400, seed: 7003 },
    );
  });
});

describe("a write the validators reject sends nothing to the registry", () => {
  let store: MlflowStore;
  let requests: string[];
  let runId: string;

  beforeAll(async () => {
    const fake = createFakeRegistry();
    requests = [];
    const client = createRegistryClient({
      baseUrl: "http://registry.test:8080",
      retry: false,
      fetch: (input, init) => {
        const method = init?.method ?? (input instanceof Request ? input.method : "GET");
        requests.push(`${method} ${String(input instanceof Request ? input.url : input)}`);
        return fake.fetch(input, init);
      },
    });
    store = createMlflowStore({ client, artifactLocation: "s3://b/p" });
    const experimentId = await store.createExperiment("property");
    runId = (await store.createRun({ experimentId, startTime: 1 })).info.runId;
    await store.logBatch(runId, { metrics: [{ key: "warm", value: 1, timestamp: 1, step: 0 }] });
  });

  const batch = fc.record({
    metrics: fc.array(metric, { maxLength: 4 }),
    params: fc.array(keyValue, { maxLength: 4 }),
    tags: fc.array(keyValue, { maxLength: 4 }),
  });

  /** The store defaults a missing step to 0 before validating, as MLflow's client does. */
  const withSteps = (input: { metrics: { step: unknown }[] }) => ({
    ...input,
    metrics: input.metrics.map((m) => ({ ...m, step: m.step ?? 0 })),
  });

  function rejects(fn: () => unknown): boolean {
    try {
      fn();
      return false;
    } catch (error) {
      expect(isMlflowError(error)).toBe(true);
      return true;
    }
  }

  it("logBatch and logMetric", async () => {
    await fc.assert(
      fc.asyncProperty(batch, async (input) => {
        if (rejects(() => validateBatch(withSteps(input) as never))) {
          requests.length = 0;
          const error = await store.logBatch(runId, input as never).then(
            () => undefined,
            (e: unknown) => e,
          );
          expect(isMlflowError(error), String(error)).toBe(true);
          expect(requests).toEqual([]);
        }
        for (const m of input.metrics) {
          if (!rejects(() => validateMetric({ ...m, step: m.step ?? 0 } as never))) continue;
          requests.length = 0;
          const error = await store.logMetric(runId, m as never).then(
            () => undefined,
            (e: unknown) => e,
          );
          expect(isMlflowError(error), String(error)).toBe(true);
          expect(requests).toEqual([]);
        }
      }),
      { numRuns: 200, seed: 7004 },
    );
  });

  it("creates and tag writes with text the registry cannot store", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .tuple(fc.string({ maxLength: 6 }), fc.constantFrom("\u0000", "\\u0000"))
          .map(([a, b]) => `${a}${b}`),
        async (bad) => {
          requests.length = 0;
          const calls = [
            store.createExperiment(`e${bad}`),
            store.createExperiment("ok-name", { tags: { t: bad } }),
            store.setTag(runId, { key: "t", value: bad }),
            store.logParam(runId, { key: "p", value: bad }),
            store.logBatch(runId, {
              params: [{ key: "fine", value: "1" }],
              tags: [{ key: "t", value: bad }],
            }),
            store.logInputs(runId, {
              datasets: [
                { dataset: { name: "d", digest: "x", sourceType: "code", source: bad }, tags: [] },
              ],
            }),
            store.createLoggedModel({ experimentId: "1", name: `m${bad}` }),
          ];
          for (const outcome of await Promise.allSettled(calls)) {
            expect(outcome.status).toBe("rejected");
            const reason = (outcome as PromiseRejectedResult).reason;
            expect(isMlflowError(reason) && reason.errorCode).toBe("INVALID_PARAMETER_VALUE");
          }
          expect(requests).toEqual([]);
        },
      ),
      { numRuns: 40, seed: 7005 },
    );
  });
});
