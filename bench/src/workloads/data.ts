import type { KeyValue, Metric } from "@model-registry/mlflow-store";

/** Timestamps of generated metric points start here (fixed, so runs are reproducible). */
export const BASE_TIME = 1_700_000_000_000;

/** `keys` metrics logged at `steps` steps each, step-major (every key at step 0, then step 1…). */
export function metricPoints(keys: number, steps: number, prefix = "m", firstStep = 0): Metric[] {
  const points: Metric[] = [];
  for (let step = firstStep; step < firstStep + steps; step++) {
    for (let k = 0; k < keys; k++) {
      points.push({
        key: keys === 1 ? prefix : `${prefix}${k}`,
        value: Math.sin(step * 0.01 + k) + k,
        step,
        timestamp: BASE_TIME + step,
      });
    }
  }
  return points;
}

/** `count` params `p0…` with short string values. */
export function params(count: number, prefix = "p"): KeyValue[] {
  return Array.from({ length: count }, (_, i) => ({ key: `${prefix}${i}`, value: `value-${i}` }));
}

/** `count` tags `t0…`. */
export function tags(count: number, prefix = "t"): KeyValue[] {
  return Array.from({ length: count }, (_, i) => ({ key: `${prefix}${i}`, value: `tag-${i}` }));
}

/** Record form of key/value pairs, as the fluent API takes them. */
export function toRecord(pairs: readonly KeyValue[]): Record<string, string> {
  return Object.fromEntries(pairs.map((p) => [p.key, p.value]));
}

/** Unique names for runs created during a benchmark. */
export function createNamer(prefix: string): () => string {
  let n = 0;
  return () => `${prefix}-${process.pid}-${++n}`;
}

/** A count for titles: `1,000`. */
export function n(value: number): string {
  return value.toLocaleString("en-US");
}
