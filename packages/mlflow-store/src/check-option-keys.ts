import { MlflowError } from "./mlflow-error.js";

/** Edit distance, for "did you mean" suggestions. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      const cost = a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1;
      row[j] = Math.min(above + 1, row[j - 1]! + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/**
 * Throws `INVALID_PARAMETER_VALUE` when `options` is not an object or has a key that `known` does
 * not list (a misspelt option passed from JavaScript would otherwise be ignored silently).
 * @internal
 */
export function checkOptionKeys(options: unknown, known: readonly string[], where: string): void {
  if (options === undefined) return;
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw MlflowError.invalidParameterValue(`${where}: options must be an object.`);
  }
  for (const key of Object.keys(options)) {
    if (known.includes(key)) continue;
    const lower = key.toLowerCase();
    const closest = known
      .map((name) => ({ name, d: distance(key, name) }))
      .filter(
        ({ name, d }) =>
          d <= Math.max(2, Math.floor(key.length / 3)) ||
          (lower.length >= 4 && name.toLowerCase().startsWith(lower.slice(0, 4))),
      )
      .sort((x, y) => x.d - y.d)[0];
    const hint = closest ? ` Did you mean '${closest.name}'?` : "";
    throw MlflowError.invalidParameterValue(
      `${where}: unknown option '${key}'.${hint} Known options: ${[...known].sort().join(", ")}.`,
    );
  }
}
