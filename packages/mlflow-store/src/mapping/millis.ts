/** Milliseconds since the epoch from the registry's decimal text, or null when absent or not a number. @internal */
export function millis(value: string | undefined): number | null {
  if (value === undefined || value === "") return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}
