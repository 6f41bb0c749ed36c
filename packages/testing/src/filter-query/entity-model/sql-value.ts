/**
 * The files of this folder model how the server stores each REST entity (columns and typed
 * properties) and which filter names are "well-known" per entity kind. Entities arrive in their
 * JSON API shape; these modules map them back to the stored representation the server's SQL
 * compares against.
 *
 * @internal
 */

/** A typed value column of a property row. */
export type ValueColumn = "string_value" | "int_value" | "double_value" | "bool_value";

/** A stored SQL value: numbers for int/double/bool columns, strings for text, null for NULL. */
export type SqlValue = number | string | null;

/** A column of the entity tables (context, artifact, execution) a filter can compare. */
export type EntityColumn =
  | "id"
  | "name"
  | "external_id"
  | "create_time_since_epoch"
  | "last_update_time_since_epoch"
  | "uri"
  | "state"
  | "last_known_state";
