/** A duration or size in ms with about three significant digits, thousands separated. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return "–";
  if (value === 0) return "0";
  if (value >= 100) return Math.round(value).toLocaleString("en-US");
  if (value >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

/** A ratio like `0.07` or `1.32`. */
export function ratio(value: number): string {
  if (!Number.isFinite(value)) return "–";
  if (value >= 10) return value.toFixed(0);
  if (value >= 0.1) return value.toFixed(2);
  return value.toFixed(3);
}

/** An integer with thousands separators. */
export function count(value: number): string {
  return Number.isFinite(value) ? Math.round(value).toLocaleString("en-US") : "–";
}

/** Bytes as MB. */
export function mb(bytes: number): string {
  return Number.isFinite(bytes) ? `${(bytes / 2 ** 20).toFixed(1)} MB` : "–";
}

/** A markdown table. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}
