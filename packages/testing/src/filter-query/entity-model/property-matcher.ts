import { ARTIFACT_TYPES } from "../../core/field-types.js";
import type { FilterEntityKind } from "../filter-entity-kind.js";
import type { FilterEntity } from "../filter-predicate.js";
import {
  BUILT_IN_PROPERTIES,
  type BuiltIn,
  builtInOf,
  METRIC_PROPERTIES,
} from "./built-in-properties.js";
import type { ValueColumn } from "./sql-value.js";
import { isArtifactKind } from "./storage-group.js";
import { toNumber, toText } from "./stored-scalar.js";

const COLUMN_OF_TYPE: Readonly<Record<BuiltIn[1], ValueColumn>> = {
  string: "string_value",
  int: "int_value",
  double: "double_value",
};

/**
 * Compiles a test of "some property row stored under `name` has a non-NULL value in one of
 * `columns` that passes `test`". Rows are the entity's built-in property of that stored name and
 * its custom property of that name: the server's property conditions do not check which is which.
 *
 * @internal
 */
export function propertyMatcher(
  kind: FilterEntityKind,
  name: string,
  columns: readonly ValueColumn[],
  test: (value: number | string) => boolean,
): (entity: FilterEntity) => boolean {
  const wants = (column: ValueColumn): boolean => columns.includes(column);
  const checkBuiltIn = (builtIn: BuiltIn | undefined, entity: FilterEntity): boolean => {
    if (builtIn === undefined || !wants(COLUMN_OF_TYPE[builtIn[1]])) return false;
    const raw = entity[builtIn[0]];
    if (builtIn[1] === "string") return typeof raw === "string" && test(raw);
    const number = toNumber(raw);
    return number !== null && test(number);
  };
  let builtInFor: (entity: FilterEntity) => BuiltIn | undefined;
  if (kind === "metricHistory") {
    const fixed = builtInOf(METRIC_PROPERTIES, name);
    builtInFor = () => fixed;
  } else if (isArtifactKind(kind)) {
    const byType = new Map<unknown, BuiltIn | undefined>(
      ARTIFACT_TYPES.map((type) => [type, builtInOf(BUILT_IN_PROPERTIES[type], name)]),
    );
    builtInFor = (entity) => byType.get(entity["artifactType"]);
  } else {
    const fixed = builtInOf(BUILT_IN_PROPERTIES[kind], name);
    builtInFor = () => fixed;
  }
  const wantString = wants("string_value");
  const wantInt = wants("int_value");
  const wantDouble = wants("double_value");
  const wantBool = wants("bool_value");
  return (entity) => {
    if (checkBuiltIn(builtInFor(entity), entity)) return true;
    const map = entity["customProperties"];
    if (typeof map !== "object" || map === null || !Object.hasOwn(map, name)) return false;
    const metadata = (map as Record<string, unknown>)[name];
    if (typeof metadata !== "object" || metadata === null) return false;
    const value = metadata as Record<string, unknown>;
    switch (value["metadataType"]) {
      case "MetadataStringValue":
        return wantString && test(toText(value["string_value"]) ?? "");
      case "MetadataIntValue": {
        if (!wantInt) return false;
        const number = toNumber(value["int_value"]);
        return number !== null && test(number);
      }
      case "MetadataDoubleValue":
        return wantDouble && test(toNumber(value["double_value"]) ?? 0);
      case "MetadataBoolValue":
        return wantBool && test(value["bool_value"] === true ? 1 : 0);
      case "MetadataStructValue":
        return wantString && test(`mlmd-struct::${toText(value["struct_value"]) ?? ""}`);
      default:
        return false;
    }
  };
}
