import type { FakeRegistrySnapshot } from "../types.js";

/** The only snapshot format this version reads and writes. @internal */
export const SNAPSHOT_FORMAT = "model-registry-fake/v1";

/** Rows of each collection and the fields, besides `id`, that must hold ids. */
const COLLECTIONS: Readonly<Record<string, readonly string[]>> = {
  experiments: [],
  experimentRuns: ["experimentId"],
  registeredModels: [],
  modelVersions: ["registeredModelId"],
  servingEnvironments: [],
  inferenceServices: ["servingEnvironmentId"],
  serveModels: ["inferenceServiceId"],
  artifacts: [],
  metricHistory: ["experimentRunId"],
};
const ID_LISTS = ["extraParentIds", "parentIds"] as const;
const OPTIONAL_IDS = ["experimentRunId", "experimentId"] as const;
const TIMES = ["createTimeSinceEpoch", "lastUpdateTimeSinceEpoch"] as const;
const ID = /^[1-9][0-9]{0,15}$/;
const MILLIS = /^[0-9]{1,16}$/;

type Raw = Record<string, unknown>;

function isObject(value: unknown): value is Raw {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return JSON.stringify(value.slice(0, 40));
  return typeof value === "object" ? "an object" : String(value);
}

/** The first problem that keeps `row` from being imported, if any. */
function rowProblem(row: unknown, parents: readonly string[]): string | undefined {
  if (!isObject(row)) return `is ${describe(row)}, not an object`;
  if (typeof row["id"] !== "string" || !ID.test(row["id"])) {
    return `has id ${describe(row["id"])} (ids are strings of a positive integer)`;
  }
  for (const field of parents) {
    const value = row[field];
    if (typeof value !== "string" || !ID.test(value)) return `has ${field} ${describe(value)}`;
  }
  for (const field of OPTIONAL_IDS) {
    const value = row[field];
    if (value !== undefined && (typeof value !== "string" || !ID.test(value))) {
      return `has ${field} ${describe(value)}`;
    }
  }
  for (const field of ID_LISTS) {
    const list = row[field];
    if (list === undefined) continue;
    // Lists of ids are not part of the API shape: numbers are accepted too.
    const isId = (id: unknown) =>
      typeof id === "string" ? ID.test(id) : Number.isSafeInteger(id) && (id as number) > 0;
    if (!Array.isArray(list) || !list.every(isId)) {
      return `has ${field} that is not a list of ids`;
    }
  }
  for (const field of TIMES) {
    const value = row[field];
    if (value !== undefined && (typeof value !== "string" || !MILLIS.test(value))) {
      return `has ${field} ${describe(value)} (milliseconds as a string)`;
    }
  }
  if (row["storedName"] !== undefined && typeof row["storedName"] !== "string") {
    return `has storedName ${describe(row["storedName"])}`;
  }
  if (row["customProperties"] !== undefined && !isObject(row["customProperties"])) {
    return `has customProperties ${describe(row["customProperties"])}`;
  }
  return undefined;
}

/** The first problem that keeps `value` from being loaded as a snapshot, if any. */
function snapshotProblem(value: unknown): string | undefined {
  if (!isObject(value)) return `it is ${describe(value)}, not an object`;
  if (value["format"] !== SNAPSHOT_FORMAT) {
    return value["format"] === undefined
      ? `it has no "format" (expected "${SNAPSHOT_FORMAT}")`
      : `its format is ${describe(value["format"])}, this version reads "${SNAPSHOT_FORMAT}"`;
  }
  const unknown = Object.keys(value).filter(
    (key) => key !== "format" && key !== "nextIds" && !Object.hasOwn(COLLECTIONS, key),
  );
  if (unknown.length > 0) return `it has unknown keys: ${unknown.slice(0, 5).join(", ")}`;
  const next = value["nextIds"];
  if (next !== undefined) {
    if (!isObject(next)) return `its nextIds is ${describe(next)}`;
    for (const [key, id] of Object.entries(next)) {
      if (!["context", "artifact", "serveModel"].includes(key)) return `nextIds has "${key}"`;
      if (!Number.isSafeInteger(id) || (id as number) < 1) {
        return `nextIds.${key} is ${describe(id)}, not a positive integer`;
      }
    }
  }
  for (const [key, parents] of Object.entries(COLLECTIONS)) {
    const rows = value[key];
    if (rows === undefined) continue;
    if (!Array.isArray(rows)) return `its ${key} is ${describe(rows)}, not an array`;
    for (let index = 0; index < rows.length; index++) {
      const problem = rowProblem(rows[index], parents);
      if (problem) return `${key}[${index}] ${problem}`;
    }
  }
  return undefined;
}

/**
 * Checks that `value` is a snapshot this version can load (format, collections, ids), so that
 * nothing else is loaded half-way (ids becoming `NaN`) or later overwritten.
 * @internal
 */
export function assertSnapshot(
  value: unknown,
  what: string,
): asserts value is FakeRegistrySnapshot {
  const problem = snapshotProblem(value);
  if (problem !== undefined) {
    throw new Error(
      `[@model-registry/testing] ${what} is not a fake-registry snapshot: ${problem}`,
    );
  }
}
