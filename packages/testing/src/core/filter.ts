import { compileFilterQuery, FilterQueryError } from "../filter-query/index.js";
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

type FilterKind = Parameters<typeof compileFilterQuery>[1];

const ARTIFACT_KINDS: Record<ArtifactType, string> = {
  "model-artifact": "modelArtifact",
  "doc-artifact": "docArtifact",
  "dataset-artifact": "dataSet",
  metric: "metric",
  parameter: "parameter",
};

function kindOf(target: FilterTarget): FilterKind {
  if (typeof target === "string") return target as FilterKind;
  // Without artifactType the server uses the ModelArtifact property map (§5.5).
  if (target.artifactType === undefined) return "artifact";
  return ARTIFACT_KINDS[target.artifactType] as FilterKind;
}

/**
 * Compiles a `filterQuery` into a row predicate, or null for an absent or blank filter. Parse errors
 * become the server's 400.
 * @internal
 */
export function compileRowFilter(
  query: string | undefined,
  target: FilterTarget,
  caseInsensitive: boolean,
): ((row: Row) => boolean) | null {
  if (query === undefined || query.trim() === "") return null;
  let predicate: (entity: Record<string, unknown>) => boolean;
  try {
    predicate = compileFilterQuery(query, kindOf(target), { caseInsensitive });
  } catch (error) {
    if (error instanceof FilterQueryError) throw new HttpError(error.status, error.message);
    throw error;
  }
  return (row) => predicate(row.api);
}

/** ANDs optional predicates (null means "match all"). @internal */
export function allOf<R>(...predicates: Array<((row: R) => boolean) | null>): ((row: R) => boolean) | null {
  const active = predicates.filter((p): p is (row: R) => boolean => p !== null);
  if (active.length === 0) return null;
  if (active.length === 1) return active[0] ?? null;
  return (row) => active.every((p) => p(row));
}
