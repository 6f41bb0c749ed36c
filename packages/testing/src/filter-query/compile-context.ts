import type { FilterEntityKind } from "./filter-entity-kind.js";
import type { FilterEntity } from "./filter-predicate.js";

/**
 * What every comparison of one compiled filter shares.
 *
 * @internal
 */
export interface CompileContext {
  readonly kind: FilterEntityKind;
  /** Whether to reproduce the server's bugs (`bugCompatible`). */
  readonly bug: boolean;
  readonly caseInsensitive: boolean;
  readonly storedName: (entity: FilterEntity) => string | null;
}
