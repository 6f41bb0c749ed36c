/**
 * The string MLflow's client stores for a param or tag value (Python's `str(value)`, JS-flavoured):
 * strings as is, objects and arrays as JSON, everything else through `String()`.
 * @public
 */
export function stringifyValue(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "object" && value !== null && !(value instanceof Date)) {
    return JSON.stringify(value);
  }
  return String(value);
}

/** `{ key: value }` → `[{ key, value: string }]`. @internal */
export function toKeyValues(
  record: Record<string, unknown> | undefined,
): { key: string; value: string }[] {
  return Object.entries(record ?? {}).map(([key, value]) => ({
    key,
    value: stringifyValue(value),
  }));
}
