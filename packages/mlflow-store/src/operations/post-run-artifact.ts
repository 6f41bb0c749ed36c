import type { Artifact, MetricCreate, ParameterCreate } from "@model-registry/registry-client";
import type { KnownRun, StoreContext } from "../store-context.js";
import { findArtifactByExternalId, findArtifactsNamed } from "./find-written.js";
import { registryCall } from "./registry-call.js";
import { checkUnattachedKeyFits, UNATTACHED_KEY_MAX_LENGTH } from "./registry-name-limits.js";
import { API } from "./registry-paths.js";
import { ARTIFACT } from "./response-shapes.js";
import { writeOnce } from "./write-once.js";

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

/** Compiled name lookups, by name (cleared when full: names come from users). */
const lookupPatterns = new Map<string, RegExp>();
const MAX_LOOKUP_PATTERNS = 1_000;

function lookupPattern(name: string): RegExp {
  let pattern = lookupPatterns.get(name);
  if (pattern === undefined) {
    const body = [...name]
      .map((ch) =>
        ch === "_" ? "." : ch === "%" ? ".*" : ch.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&"),
      )
      .join("");
    pattern = new RegExp(`^(?:.*:)?${body}$`, "isu");
    if (lookupPatterns.size >= MAX_LOOKUP_PATTERNS) lookupPatterns.clear();
    lookupPatterns.set(name, pattern);
  }
  return pattern;
}

/** Length in code points (what `.` and `_` match one of). */
function codePoints(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/**
 * True when the registry's name lookup for `name` (`stored_name LIKE '%:name'`, case-insensitive
 * on MySQL, `_` a wildcard) would find the artifact named `other`.
 * @internal
 */
export function registryNameLookupMatches(name: string, other: string): boolean {
  // Without `%` in the pattern or `:` in the other name, only names of equal length can match.
  if (!name.includes("%") && !other.includes(":") && codePoints(name) !== codePoints(other)) {
    return false;
  }
  return lookupPattern(name).test(other);
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
 * Refuses, before anything of a batch is written, the keys that may have to be created without a
 * parent (see {@link postRunArtifact}) and whose `<uuid>:<key>` name would not fit the registry's
 * column: keys over 218 characters that the store does not know by id and whose name the
 * registry's lookup confuses with a known name of their kind or with another key of the batch.
 * `path(i)` names the key of `keys[i]` in the message.
 * @internal
 */
export function checkUnattachedKeysFit(
  known: KnownRun,
  kind: Kind,
  keys: readonly string[],
  path: (index: number) => string,
): void {
  keys.forEach((key, index) => {
    if (codePoints(key) <= UNATTACHED_KEY_MAX_LENGTH || knowsArtifact(known, kind, key)) return;
    // A param the run already has is not written again.
    if (kind === "parameter" && known.params.has(key)) return;
    const resembles = (other: string) =>
      other !== key &&
      (registryNameLookupMatches(key, other) || registryNameLookupMatches(other, key));
    if (keys.some(resembles) || [...knownNames(known, kind)].some(resembles)) {
      checkUnattachedKeyFits(kind, key, path(index));
    }
  });
}

/** Options of {@link postRunArtifact}. @internal */
export interface PostRunArtifactOptions {
  /**
   * For writes that are not idempotent (metric points: every post adds a history record): tells
   * whether an earlier attempt whose outcome is unknown landed. Without it the post is simply
   * repeated (params: the registry upserts them by name).
   */
  landed?: () => Promise<boolean>;
  /** An earlier call left this post's outcome unknown: look it up before posting. */
  uncertain?: boolean;
  /** Called when the post fails for good with its outcome unknown. */
  onUncertainFailure?: () => void;
  /** Tells a failure that did not apply the post and may be repeated at once (see `writeOnce`). */
  clashed?: (error: unknown) => boolean;
}

/**
 * Posts a metric point or param to a run without relying on the registry's upsert-by-name, whose
 * LIKE lookup can update another artifact (`a_b` finds `axb`; on MySQL `Loss` finds `loss`) or
 * answer 409 when a param and a metric share a key:
 * - an artifact of this kind and name the store knows is updated by id (one request);
 * - a new name that no known artifact of this kind resembles is posted by name (one request);
 * - otherwise the artifact is created unattached (`POST /artifacts`, with a unique `externalId`
 *   to find it again after a lost answer) and then attached to the run by id (two requests).
 * Every attached post of a metric writes one metric-history record. Each request goes through
 * {@link writeOnce}: retried when it provably did not land, looked up when its outcome is unknown.
 * @internal
 */
export async function postRunArtifact(
  ctx: StoreContext,
  known: KnownRun,
  body: MetricCreate | ParameterCreate,
  what: string,
  options: PostRunArtifactOptions = {},
): Promise<void> {
  const kind = body.artifactType;
  const name = body.name ?? "";
  const key = idKey(kind, name);
  let id = known.artifactIds?.get(key);
  if (id === undefined) {
    let resembling = false;
    for (const other of knownNames(known, kind)) {
      if (other !== name && registryNameLookupMatches(name, other)) {
        resembling = true;
        break;
      }
    }
    if (resembling) {
      checkUnattachedKeyFits(kind, name);
      id = await createUnattached(ctx, known, body, what);
    }
  }
  const attachedId = id;
  const post = () =>
    registryCall(
      what,
      ARTIFACT,
      ctx.client.POST(`${API}/experiment_runs/{experimentrunId}/artifacts`, {
        params: { path: { experimentrunId: known.runId } },
        body: attachedId === undefined ? body : { ...body, id: attachedId },
      }),
      { notFound: `Run with id=${known.runId} not found` },
    );
  const { landed } = options;
  const saved = await writeOnce<Artifact | undefined>(ctx, {
    send: post,
    ...(landed ? { landed: async () => ((await landed()) ? LANDED : undefined) } : {}),
    ...(options.uncertain ? { uncertain: true } : {}),
    ...(options.onUncertainFailure ? { onUncertainFailure: options.onUncertainFailure } : {}),
    ...(options.clashed ? { clashed: options.clashed } : {}),
  });
  known.unattachedIds?.delete(key);
  if (saved !== LANDED && saved !== undefined) rememberArtifactId(known, saved);
  else if (attachedId !== undefined) {
    known.artifactIds ??= new Map();
    known.artifactIds.set(key, attachedId);
  } else await learnArtifactId(ctx, known, kind, name, what);
}

/** Stands for "the write landed" when a lookup found it (the registry's answer was lost). */
const LANDED: Artifact = Object.freeze({ artifactType: "metric" }) as Artifact;

/**
 * Creates the artifact without a parent, once: the id of an earlier creation whose attach
 * failed is reused, and a lost answer is recovered by the artifact's unique `externalId`.
 */
async function createUnattached(
  ctx: StoreContext,
  known: KnownRun,
  body: MetricCreate | ParameterCreate,
  what: string,
): Promise<string> {
  const key = idKey(body.artifactType, body.name ?? "");
  const pending = known.unattachedIds?.get(key);
  if (pending !== undefined) return pending;
  const externalId = `mlflow-store:${ctx.randomId()}`;
  const created = await writeOnce(ctx, {
    send: () =>
      registryCall(
        what,
        ARTIFACT,
        ctx.client.POST(`${API}/artifacts`, { body: { ...body, externalId } }),
      ),
    landed: () => findArtifactByExternalId(ctx, externalId, what),
  });
  const id = created.id as string;
  known.unattachedIds ??= new Map();
  known.unattachedIds.set(key, id);
  return id;
}

/** After a post found by lookup (its answer lost), learns the artifact's id from the registry. */
async function learnArtifactId(
  ctx: StoreContext,
  known: KnownRun,
  kind: Kind,
  name: string,
  what: string,
): Promise<void> {
  const [artifact] = await findArtifactsNamed(ctx, { runId: known.runId }, kind, name, what);
  if (artifact !== undefined) rememberArtifactId(known, artifact);
}
