import type { FilterEntityKind } from "../filter-entity-kind.js";
import type { FilterEntity } from "../filter-predicate.js";
import type { EntityColumn, SqlValue } from "./sql-value.js";
import { ARTIFACT_STATE_NUMBERS, EXECUTION_STATE_NUMBERS } from "./state-numbers.js";
import { isArtifactKind } from "./storage-group.js";
import { toNumber, toText } from "./stored-scalar.js";

/**
 * Reads an entity-table column.
 *
 * @internal
 */
export function columnValue(
  kind: FilterEntityKind,
  column: EntityColumn,
  entity: FilterEntity,
  storedName: (entity: FilterEntity) => string | null,
): SqlValue {
  switch (column) {
    case "id":
      return toNumber(entity["id"]);
    case "name":
      return storedName(entity);
    case "external_id":
      return toText(entity["externalId"]);
    case "create_time_since_epoch":
      return toNumber(entity["createTimeSinceEpoch"]);
    case "last_update_time_since_epoch":
      return toNumber(entity["lastUpdateTimeSinceEpoch"]);
    case "uri":
      return toText(entity["uri"]);
    case "state": {
      const state = toText(entity["state"]);
      if (state === null || !isArtifactKind(kind)) return null;
      return ARTIFACT_STATE_NUMBERS[state] ?? null;
    }
    case "last_known_state": {
      const state = toText(entity["lastKnownState"]);
      return state === null ? null : (EXECUTION_STATE_NUMBERS[state] ?? null);
    }
  }
}
