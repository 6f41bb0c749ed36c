import {
  compileFilterQuery,
  type FilterEntityKind,
  FilterQueryError,
  filterQueryIndexHints,
  parseFilterQuery,
} from "../filter-query/index.js";
import type { Row } from "../state/rows.js";
import type { ArtifactType } from "./field-types.js";
import { HttpError } from "./http-error.js";

/** Which property map a filter uses (§8.4). @internal */
export type FilterTarget =
  | "experiment"
  | "experimentRun"
  | "registeredModel"
  | "modelVersion"
  | "metricHistory"
  | { readonly artifactType: ArtifactType | undefined };

const ARTIFACT_KINDS: Record<ArtifactType, FilterEntityKind> = {
  "model-artifact": "modelArtifact",
  "doc-artifact": "docArtifact",
  "dataset-artifact": "dataSet",
  metric: "metric",
  parameter: "parameter",
};

function kindOf(target: FilterTarget): FilterEntityKind {
  if (typeof target === "string") return target;
  // Without artifactType the server uses the ModelArtifact property map (§5.5).
  return target.artifactType === undefined ? "artifact" : ARTIFACT_KINDS[target.artifactType];
}

/** A compiled filterQuery: the row predicate plus equalities a store can use as an index. @internal */
export interface RowFilter {
  readonly match: (row: Row) => boolean;
  /** Top-level AND-ed equalities every match satisfies (JSON field → value). */
  readonly equalities: ReadonlyArray<{ readonly property: string; readonly value: string }>;
}

/**
 * Compiles a `filterQuery` into a row predicate, or null for an absent or blank filter. The
 * predicate sees the entity's JSON and its real stored name (`<parentId>:<name>`, which for
 * artifacts may be a model version or a dataset's random prefix). Parse errors become the
 * server's 400 (or 500 where its database would fail).
 * @internal
 */
export function compileRowFilter(
  query: string | undefined,
  target: FilterTarget,
  caseInsensitive: boolean,
): RowFilter | null {
  if (query === undefined || query.trim() === "") return null;
  const kind = kindOf(target);
  const collation = caseInsensitive ? "case-insensitive" : "binary";
  let current: Row | undefined;
  try {
    const ast = parseFilterQuery(query);
    if (ast === null) return null;
    const predicate = compileFilterQuery(ast, kind, {
      collation,
      storedName: () => current?.storedName,
    });
    const hints = filterQueryIndexHints(ast, kind, { collation });
    return {
      match: (row) => {
        current = row;
        return predicate(row.api);
      },
      equalities: hints.equalities.map((e) => ({ property: e.property, value: String(e.value) })),
    };
  } catch (error) {
    if (error instanceof FilterQueryError) throw new HttpError(error.status, error.message);
    throw error;
  }
}

/** ANDs optional predicates (null means "match all"). @internal */
export function allOf<R>(
  ...predicates: Array<((row: R) => boolean) | null>
): ((row: R) => boolean) | null {
  const active = predicates.filter((p): p is (row: R) => boolean => p !== null);
  if (active.length === 0) return null;
  if (active.length === 1) return active[0] ?? null;
  return (row) => active.every((p) => p(row));
}
