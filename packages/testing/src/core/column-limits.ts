import type { DecodedProperties } from "./custom-properties.js";
import { HttpError } from "./http-error.js";
import type { RouteContext } from "./route-kit.js";

/** Characters the database's `name`, `external_id` and property `name` columns hold (varchar(255)). */
const COLUMN_LENGTH = 255;

/** What a write stores in the limited columns: the stored (prefixed) name, the externalId, property keys. @internal */
export interface LimitedColumns {
  readonly storedName?: string | undefined;
  readonly externalId?: unknown;
  readonly properties?: DecodedProperties | undefined;
}

function tooLong(text: string): boolean {
  // Both databases count characters (code points), not bytes or UTF-16 units.
  return text.length > COLUMN_LENGTH && [...text].length > COLUMN_LENGTH;
}

/** The database's error, as the server passes it on: 500 with the driver's text. */
function databaseError(context: RouteContext, prefix: string, column: string): HttpError {
  const text = context.state.caseInsensitive
    ? `Error 1406 (22001): Data too long for column '${column}' at row 1`
    : "ERROR: value too long for type character varying(255) (SQLSTATE 22001)";
  return new HttpError(500, `${prefix}: ${text}`);
}

/**
 * With `databaseLimits`, fails a write the way the server's database does when a value does not fit
 * its column: a name (with its `N:` or `<uuid>:` prefix) or externalId over 255 characters, or a
 * custom-property key over 255 characters. `saving` is the server's text before the driver's for
 * the row (`error saving experiment run`). Nothing is written.
 * @internal
 */
export function checkColumnLimits(
  context: RouteContext,
  saving: string,
  columns: LimitedColumns,
): void {
  if (!context.databaseLimits) return;
  if (columns.storedName !== undefined && tooLong(columns.storedName))
    throw databaseError(context, saving, "name");
  if (typeof columns.externalId === "string" && tooLong(columns.externalId))
    throw databaseError(context, saving, "external_id");
  for (const key of Object.keys(columns.properties?.visible ?? {})) {
    if (tooLong(key)) throw databaseError(context, `error creating property ${key}`, "name");
  }
}
