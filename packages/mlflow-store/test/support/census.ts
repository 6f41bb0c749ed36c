/**
 * A fault-free count of what a workload left in the registry, compared with what it logged:
 * runs, metric points (one metric-history record each), params, tags, dataset inputs, logged
 * models, and each metric's latest value. Reads the registry's raw state (its snapshot) and,
 * as a separate reader, a fresh store on a fault-free copy of that state.
 */
import { createRegistryClient } from "@model-registry/registry-client";
import { createFakeRegistry, type FakeRegistrySnapshot } from "@model-registry/testing";
import { createMlflowStore, type Metric } from "../../src/index.js";

/** What a workload logged to one run. */
export interface ExpectedRun {
  /** The run's MLflow name (tag `mlflow.runName`), unique in the experiment. */
  readonly name: string;
  readonly params: Map<string, string>;
  readonly tags: Map<string, string>;
  readonly points: Metric[];
  /** `name:digest` of the dataset inputs. */
  readonly datasets: string[];
  /** Names of the logged models whose source run this is. */
  readonly models: string[];
}

/** Counts of one kind of item. */
export interface Tally {
  expected: number;
  lost: number;
  duplicated: number;
}

/** The census of one experiment. */
export interface Census {
  runs: Tally & { extra: number };
  points: Tally & { unexpected: number };
  params: Tally & { wrong: number };
  tags: Tally & { wrong: number };
  datasets: Tally;
  models: Tally;
  /** Metric keys whose registry metric artifact is not MLflow's latest point (run/key: why). */
  wrongLatest: string[];
  /** Differences seen by a fresh store on a fault-free copy (getRun, searchRuns). */
  readerDifferences: string[];
}

type Raw = Record<string, unknown>;

const tally = (): Tally => ({ expected: 0, lost: 0, duplicated: 0 });

function text(value: unknown): string | undefined {
  const v = value as { metadataType?: string; string_value?: string } | undefined;
  return v?.metadataType === "MetadataStringValue" ? v.string_value : undefined;
}

function pointId(name: unknown, step: unknown, timestamp: unknown, value: unknown): string {
  return `${String(name)}|${Number(step)}|${Number(timestamp)}|${Number(value)}`;
}

/** MLflow's latest point: max by (step, timestamp, value). */
function latest(points: readonly Metric[]): Map<string, Metric> {
  const out = new Map<string, Metric>();
  for (const p of points) {
    const seen = out.get(p.key);
    if (
      seen === undefined ||
      p.step > seen.step ||
      (p.step === seen.step &&
        (p.timestamp > seen.timestamp || (p.timestamp === seen.timestamp && p.value > seen.value)))
    ) {
      out.set(p.key, p);
    }
  }
  return out;
}

function attributedTo(artifact: Raw, runId: string): boolean {
  const parents = (artifact["parentIds"] as unknown[] | undefined) ?? [];
  return artifact["experimentRunId"] === runId || parents.map(String).includes(runId);
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const out = new Map<string, number>();
  for (const item of items) out.set(key(item), (out.get(key(item)) ?? 0) + 1);
  return out;
}

/** Compares the registry state with what was logged to the experiment named `experimentName`. */
export async function takeCensus(
  snapshot: FakeRegistrySnapshot,
  experimentName: string,
  expected: readonly ExpectedRun[],
): Promise<Census> {
  const census: Census = {
    runs: { ...tally(), extra: 0 },
    points: { ...tally(), unexpected: 0 },
    params: { ...tally(), wrong: 0 },
    tags: { ...tally(), wrong: 0 },
    datasets: tally(),
    models: tally(),
    wrongLatest: [],
    readerDifferences: [],
  };
  const experiment = (snapshot.experiments ?? []).find((e) => e["name"] === experimentName);
  const experimentId = String(experiment?.["id"] ?? "");
  const runs = (snapshot.experimentRuns ?? []).filter((r) => r["experimentId"] === experimentId);
  const artifacts = snapshot.artifacts ?? [];
  const history = snapshot.metricHistory ?? [];
  census.runs.expected = expected.length;
  census.runs.extra = Math.max(0, runs.length - expected.length);
  const runIds = new Map<string, string>();

  for (const want of expected) {
    const named = runs.filter(
      (r) => text((r["customProperties"] as Raw | undefined)?.["mlflow.runName"]) === want.name,
    );
    if (named.length === 0) {
      census.runs.lost++;
      continue;
    }
    census.runs.duplicated += named.length - 1;
    const run = named[0] as Raw;
    const runId = String(run["id"]);
    runIds.set(want.name, runId);

    // Metric points: one history record each.
    census.points.expected += want.points.length;
    const stored = countBy(
      history.filter((h) => h["experimentRunId"] === runId),
      (h) => pointId(h["name"], h["step"], h["timestamp"], h["value"]),
    );
    const wanted = new Set(want.points.map((p) => pointId(p.key, p.step, p.timestamp, p.value)));
    for (const id of wanted) {
      const count = stored.get(id) ?? 0;
      if (count === 0) census.points.lost++;
      else census.points.duplicated += count - 1;
    }
    for (const [id, count] of stored) if (!wanted.has(id)) census.points.unexpected += count;

    // Latest: the run's metric artifact per key holds MLflow's latest point, once.
    const own = artifacts.filter((a) => attributedTo(a, runId));
    const metricArtifacts = countBy(
      own.filter((a) => a["artifactType"] === "metric"),
      (a) => String(a["name"]),
    );
    for (const [key, point] of latest(want.points)) {
      const copies = own.filter((a) => a["artifactType"] === "metric" && a["name"] === key);
      if ((metricArtifacts.get(key) ?? 0) !== 1) {
        census.wrongLatest.push(`${want.name}/${key}: ${copies.length} metric artifacts`);
        continue;
      }
      const a = copies[0] as Raw;
      if (
        Number(a["step"]) !== point.step ||
        Number(a["timestamp"]) !== point.timestamp ||
        Number(a["value"]) !== point.value
      ) {
        census.wrongLatest.push(
          `${want.name}/${key}: holds step ${String(a["step"])} value ${String(a["value"])}, latest is step ${point.step} value ${point.value}`,
        );
      }
    }

    // Params: one parameter artifact per key, with the logged value.
    census.params.expected += want.params.size;
    const params = own.filter((a) => a["artifactType"] === "parameter");
    const paramCounts = countBy(params, (a) => String(a["name"]));
    for (const [key, value] of want.params) {
      const count = paramCounts.get(key) ?? 0;
      if (count === 0) census.params.lost++;
      census.params.duplicated += Math.max(0, count - 1);
      const first = params.find((a) => a["name"] === key);
      if (first && first["value"] !== value) census.params.wrong++;
    }

    // Tags: the run's custom properties (a map: duplicates are impossible).
    census.tags.expected += want.tags.size;
    const properties = (run["customProperties"] as Raw | undefined) ?? {};
    for (const [key, value] of want.tags) {
      const got = text(properties[key]);
      if (got === undefined) census.tags.lost++;
      else if (got !== value) census.tags.wrong++;
    }

    // Dataset inputs and logged models.
    census.datasets.expected += want.datasets.length;
    const datasets = countBy(
      own.filter((a) => a["artifactType"] === "dataset-artifact"),
      (a) => `${String(a["name"])}:${String(a["digest"])}`,
    );
    for (const id of want.datasets) {
      const count = datasets.get(id) ?? 0;
      if (count === 0) census.datasets.lost++;
      census.datasets.duplicated += Math.max(0, count - 1);
    }
    census.models.expected += want.models.length;
    const models = countBy(
      artifacts.filter(
        (a) =>
          a["artifactType"] === "model-artifact" &&
          text((a["customProperties"] as Raw | undefined)?.["mlflow__source_run_id"]) === runId,
      ),
      (a) => String(text((a["customProperties"] as Raw | undefined)?.["mlflow__name"])),
    );
    for (const name of want.models) {
      const count = models.get(name) ?? 0;
      if (count === 0) census.models.lost++;
      census.models.duplicated += Math.max(0, count - 1);
    }
  }

  census.readerDifferences = await readBack(snapshot, experimentId, expected, runIds);
  return census;
}

/** What a fresh store on a fault-free copy of the registry reads back, against what was logged. */
async function readBack(
  snapshot: FakeRegistrySnapshot,
  experimentId: string,
  expected: readonly ExpectedRun[],
  runIds: Map<string, string>,
): Promise<string[]> {
  const copy = createFakeRegistry({ initialState: snapshot });
  const client = createRegistryClient({
    baseUrl: "http://reader.test:8080",
    fetch: copy.fetch.bind(copy) as typeof globalThis.fetch,
  });
  const store = createMlflowStore({ client, artifactLocation: "s3://reader" });
  const differences: string[] = [];
  if (experimentId === "") return ["the experiment is missing"];
  const found = await store.searchRuns({ experimentIds: [experimentId], maxResults: 1000 });
  if (found.items.length !== expected.length) {
    differences.push(`searchRuns found ${found.items.length} runs, ${expected.length} logged`);
  }
  for (const want of expected) {
    const runId = runIds.get(want.name);
    if (runId === undefined) continue;
    const { data } = await store.getRun(runId);
    for (const [key, point] of latest(want.points)) {
      if (data.metrics[key] !== point.value) {
        differences.push(
          `${want.name}: metric ${key} reads ${data.metrics[key]}, latest ${point.value}`,
        );
      }
    }
    for (const [key, value] of want.params) {
      if (data.params[key] !== value) differences.push(`${want.name}: param ${key} differs`);
    }
    for (const [key, value] of want.tags) {
      if (data.tags[key] !== value) differences.push(`${want.name}: tag ${key} differs`);
    }
  }
  return differences;
}

/** The census's failure counts in one line, for messages and reports. */
export function summarize(census: Census): string {
  const { runs, points, params, tags, datasets, models } = census;
  return [
    `runs: ${runs.expected} expected, ${runs.lost} lost, ${runs.duplicated} duplicated, ${runs.extra} extra`,
    `points: ${points.expected} expected, ${points.lost} lost, ${points.duplicated} duplicated, ${points.unexpected} unexpected`,
    `params: ${params.expected} expected, ${params.lost} lost, ${params.duplicated} duplicated, ${params.wrong} wrong`,
    `tags: ${tags.expected} expected, ${tags.lost} lost, ${tags.wrong} wrong`,
    `datasets: ${datasets.lost} lost, ${datasets.duplicated} duplicated`,
    `models: ${models.lost} lost, ${models.duplicated} duplicated`,
    `wrong latest: ${census.wrongLatest.length}`,
    `reader differences: ${census.readerDifferences.length}`,
  ].join("; ");
}
