import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import { main } from "./demo.js";
import { evaluate, makeBlobs, seededRandom } from "./logistic-regression.js";

describe("the logistic-regression model", () => {
  it("generates the same data for the same seed", () => {
    expect(makeBlobs({ samples: 20, seed: 7 })).toEqual(makeBlobs({ samples: 20, seed: 7 }));
    expect(makeBlobs({ samples: 20, seed: 7 })).not.toEqual(makeBlobs({ samples: 20, seed: 8 }));
    const random = seededRandom(1);
    for (let i = 0; i < 1000; i++) {
      const value = random();
      expect(value >= 0 && value < 1).toBe(true);
    }
  });

  it("separates the blobs better than chance", () => {
    const data = makeBlobs({ samples: 400, seed: 42 });
    expect(evaluate({ w1: 0, w2: 0, b: 0 }, data).loss).toBeCloseTo(Math.log(2), 6);
    expect(evaluate({ w1: 1, w2: 1, b: 0 }, data).accuracy).toBeGreaterThan(0.8);
  });
});

describe("pnpm demo", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("tracks three runs in the embedded registry, prints them ordered by accuracy and registers the best model", async () => {
    vi.stubEnv("MLFLOW_TRACKING_URI", "");
    const root = await mkdtemp(join(tmpdir(), "demo-test-"));
    const lines: string[] = [];
    const result = await main({
      log: (text) => lines.push(...text.split("\n")),
      epochs: 12,
      artifactRoot: pathToFileURL(root).href,
    });
    expect(result.trackingUri).toMatch(/^modelregistry\+http:\/\/127\.0\.0\.1:\d+$/);
    expect(result.runs).toHaveLength(3);
    const accuracies = result.runs.map((run) => run.data.metrics.accuracy ?? Number.NaN);
    expect([...accuracies].sort((a, b) => b - a)).toEqual(accuracies);
    for (const run of result.runs) {
      expect(run.info.status).toBe("FINISHED");
      expect(run.data.params).toMatchObject({ epochs: "12", samples: "400", seed: "42" });
      expect(Object.keys(run.data.metrics).sort()).toEqual(["accuracy", "loss"]);
      expect(run.data.tags).toMatchObject({
        demo: "true",
        model_family: "logistic_regression",
        "mlflow.source.type": "LOCAL",
      });
      expect(run.data.tags["mlflow.user"]).toBeTruthy();
      expect(run.inputs.datasetInputs.map((input) => input.dataset.name)).toEqual([
        "two-gaussian-blobs",
      ]);
      expect(run.outputs.modelOutputs).toHaveLength(1);
    }
    expect(result.models).toHaveLength(3);
    for (const model of result.models) {
      expect(model.status).toBe("READY");
      expect(model.modelUri).toBe(`models:/${model.modelId}`);
      expect(lines).toContainEqual(expect.stringContaining(model.modelUri));
      const folder = fileURLToPath(model.artifactLocation);
      expect(folder.startsWith(root)).toBe(true);
      expect(await readFile(join(folder, "MLmodel"), "utf8")).toContain(
        `model_id: "${model.modelId}"`,
      );
      expect(
        JSON.parse(
          await readFile(
            join(folder, `weights-${model.name.slice(10).replace("_", ".")}.json`),
            "utf8",
          ),
        ),
      ).toHaveProperty("w1");
    }

    // The most accurate run's model is registered as version 1 of `logistic-regression`.
    const best = result.models.find((m) => m.sourceRunId === result.runs[0]?.info.runId);
    expect(best).toBeDefined();
    expect(result.modelVersion).toMatchObject({
      name: "logistic-regression",
      version: "1",
      status: "READY",
      source: best?.modelUri,
      runId: best?.sourceRunId,
      modelId: best?.modelId,
    });
    expect(result.registeredModel).toMatchObject({
      name: "logistic-regression",
      aliases: { champion: "1" },
      latestVersions: [expect.objectContaining({ version: "1" })],
    });
    expect(result.downloadUri).toBe(best?.artifactLocation);
    const registered = lines.slice(lines.findIndex((l) => l.startsWith("Registered the most")));
    expect(registered).toEqual([
      `Registered the most accurate model (run ${result.runs[0]?.info.runName}):`,
      `  model URI         ${best?.modelUri}`,
      "  registered model  logistic-regression  (latest version 1; aliases: champion → 1)",
      `  model version     1  READY  source ${best?.modelUri}`,
      `  download URI      ${best?.artifactLocation}`,
    ]);
    expect(await readFile(join(fileURLToPath(result.downloadUri), "MLmodel"), "utf8")).toContain(
      "generic: {}",
    );

    await rm(root, { recursive: true, force: true });
    const start = lines.findIndex((line) => /^run\s+learning_rate/.test(line));
    const table = lines.slice(start, lines.indexOf("", start));
    expect(table[0]).toMatch(/^run\s+learning_rate\s+epochs\s+loss\s+accuracy\s+status$/);
    expect(table).toHaveLength(5);
  }, 30_000);
});
