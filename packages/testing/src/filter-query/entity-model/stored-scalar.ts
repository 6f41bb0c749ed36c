/**
 * A JSON field read as the number the server stores: finite numbers and numeric strings (the API
 * sends int64 values as strings); anything else is NULL.
 *
 * @internal
 */
export function toNumber(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string" && value.trim() !== "") {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : null;
  }
  return null;
}

/**
 * A JSON field read as stored text; anything but a string is NULL.
 *
 * @internal
 */
export function toText(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}
