import type { Artifact, MetricCreate, ParameterCreate } from "@model-registry/registry-client";
import type { KnownRun, StoreContext } from "../store-context.js";
import { registryCall } from "./registry-call.js";
import { API } from "./registry-paths.js";
import { ARTIFACT } from "./response-shapes.js";

type Kind = "metric" | "parameter";

function idKey(kind: Kind, name: string): string {
  return `${kind}\u0000${name}`;
}

/** Remembers the registry id of a run's metric or param artifact. @internal */
export function rememberArtifactId(known: KnownRun, artifact: Artifact): void {
  if ((artifact.artifactType !== "metric" && artifact.artifactType !== "parameter") || !artifact.id)
    return;
  known.artifactIds ??= new Map();
  known.artifactIds.set(idKey(artifact.artifactType, artifact.name ?? ""), artifact.id);
}

/** True when the store knows the registry id of the run's artifact of this kind and name. @internal */
export function knowsArtifact(known: KnownRun, kind: Kind, name: string): boolean {
  return known.artifactIds?.has(idKey(kind, name)) ?? false;
}

/**
 * True when the registry's name lookup for `name` (`stored_name LIKE '%:name'`, case-insensitive
 * on MySQL, `_` a wildcard) would find the artifact named `other`.
 * @internal
 */
export function registryNameLookupMatches(name: string, other: string): boolean {
  const pattern = [...name]
    .map((ch) =>
      ch === "_" ? "." : ch === "%" ? ".*" : ch.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&"),
    )
    .join("");
  return new RegExp(`^(?:.*:)?${pattern}$`, "isu").test(other);
}

/**
 * The names in `names` that the registry's name lookup confuses with another name in the list.
 * Only names of equal length, or names containing `:`, can be confused.
 * @internal
 */
export function confusableNames(names: readonly string[]): Set<string> {
  const byLength = new Map<number, string[]>();
  const withColon: string[] = [];
  for (const name of names) {
    const length = [...name].length;
    const list = byLength.get(length);
    if (list) list.push(name);
    else byLength.set(length, [name]);
    if (name.includes(":")) withColon.push(name);
  }
  const out = new Set<string>();
  for (const name of names) {
    const candidates = [...(byLength.get([...name].length) ?? []), ...withColon];
    for (const other of candidates) {
      if (other !== name && registryNameLookupMatches(name, other)) {
        out.add(name);
        out.add(other);
      }
    }
  }
  return out;
}

/** Names of the run's artifacts of `kind` that this store knows. */
function knownNames(known: KnownRun, kind: Kind): Iterable<string> {
  return kind === "metric" ? known.latestMetrics.keys() : known.params.keys();
}

/**
 * Posts a metric point or param to a run without relying on the registry's upsert-by-name, whose
 * LIKE lookup can update another artifact (`a_b` finds `axb`; on MySQL `Loss` finds `loss`) or
 * answer 409 when a param and a metric share a key:
 * - an artifact of this kind and name the store knows is updated by id (one request);
 * - a new name that no known artifact of this kind resembles is posted by name (one request);
 * - otherwise the artifact is created unattached (`POST /artifacts`) and then attached to the run
 *   by id (two requests).
 * Every attached post of a metric writes one metric-history record.
 * @internal
 */
export async function postRunArtifact(
  ctx: StoreContext,
  known: KnownRun,
  body: MetricCreate | ParameterCreate,
  what: string,
): Promise<void> {
  const kind = body.artifactType;
  const name = body.name ?? "";
  let id = known.artifactIds?.get(idKey(kind, name));
  if (id === undefined) {
    const resembling = [...knownNames(known, kind)].some(
      (other) => other !== name && registryNameLookupMatches(name, other),
    );
    if (resembling) {
      const created = await registryCall(
        what,
        ARTIFACT,
        ctx.client.POST(`${API}/artifacts`, { body }),
      );
      id = created.id;
    }
  }
  const saved = await registryCall(
    what,
    ARTIFACT,
    ctx.client.POST(`${API}/experiment_runs/{experimentrunId}/artifacts`, {
      params: { path: { experimentrunId: known.runId } },
      body: id === undefined ? body : { ...body, id },
    }),
    { notFound: `Run with id=${known.runId} not found` },
  );
  rememberArtifactId(known, saved);
}
