import { isRegistryHttpError } from "@model-registry/registry-client";
import { createDeferred, type Deferred } from "../async-logging/deferred.js";
import { compareMetricPoints, metricPointKey, toMetricCreate } from "../mapping/metric.js";
import { isMlflowError } from "../mlflow-error.js";
import type { KnownRun, StoreContext } from "../store-context.js";
import type { Metric } from "../types.js";
import { metricPointLanded } from "./find-written.js";
import { knowsArtifact, postRunArtifact, registryNameLookupMatches } from "./post-run-artifact.js";
import { ensureMetricState } from "./run-artifacts.js";

/** Identity keys of posted points remembered per run (the oldest are forgotten first). */
const MAX_REMEMBERED_POINTS = 100_000;

/**
 * True for the registry's 500 when two points of one key are saved in the same millisecond: the
 * metric was updated, but its history record (named `<run>:<key>__<ms>`) clashed with the other
 * one's and was not written. The point did not land; sent again a moment later, it does.
 */
function historyClash(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current != null; depth++) {
    if (isRegistryHttpError(current)) {
      return (
        current.status === 500 &&
        /failed to insert metric history/i.test(current.serverMessage) &&
        /duplicate/i.test(current.serverMessage)
      );
    }
    if (!isMlflowError(current)) return false;
    current = current.cause;
  }
  return false;
}

/**
 * Posts one metric point exactly once: every post adds a metric-history record, so after a
 * failure whose outcome is unknown (a lost answer, a timeout, a 5xx) the history is read to see
 * whether it landed before posting again. The registry's 500 for two points of one key saved in
 * the same millisecond says the point did not land: it is sent again at once. A point whose
 * outcome is still unknown when attempts run out is remembered, and looked up first the next time
 * it is logged.
 */
async function postPoint(ctx: StoreContext, known: KnownRun, metric: Metric): Promise<void> {
  const id = metricPointKey(metric);
  await postRunArtifact(ctx, known, toMetricCreate(metric), "logMetric", {
    landed: () => metricPointLanded(ctx, known.runId, metric, "logMetric"),
    uncertain: known.uncertainPoints?.has(id) === true,
    onUncertainFailure: () => {
      known.uncertainPoints ??= new Set();
      remember(known.uncertainPoints, id);
    },
    clashed: historyClash,
  });
  known.uncertainPoints?.delete(id);
}

/** Adds `id` to a set of point identities, forgetting the oldest beyond {@link MAX_REMEMBERED_POINTS}. */
function remember(points: Set<string>, id: string): void {
  points.add(id);
  while (points.size > MAX_REMEMBERED_POINTS) {
    const oldest = points.values().next();
    if (oldest.done) break;
    points.delete(oldest.value);
  }
}

/** Records a point that landed: never posted again, and the key's latest point as MLflow orders them. */
function rememberLanded(known: KnownRun, metric: Metric): void {
  remember(known.postedPoints, metricPointKey(metric));
  const seen = known.latestMetrics.get(metric.key);
  if (seen === undefined || compareMetricPoints(metric, seen) > 0) {
    known.latestMetrics.set(metric.key, metric);
  }
}

/** One call of {@link postMetrics}: what it waits for and which of its keys saw a failure. */
interface Submission {
  /** The first failure of one of this call's points, per key. */
  readonly failures: Map<string, unknown>;
}

/** One point to post (shared by every call that logs the same point while it is pending). */
interface Post {
  /** The point; `undefined` for a repost of the key's latest landed point, chosen when sent. */
  metric: Metric | undefined;
  readonly id: string | undefined;
  readonly done: Deferred<void>;
  /** The calls that wait for it; a failure counts against each of them. */
  readonly owners: Set<Submission>;
}

/** Where one metric key of one run stands. */
interface KeyState {
  readonly key: string;
  /** The lane group of the key's posts. */
  readonly group: string;
  /** The registry holds the key's artifact (posts may go concurrently). */
  created: boolean;
  /** The post that creates the artifact: sent, or waiting for a resembling key's creation. */
  creating: Post | undefined;
  /** Posts waiting for the creation. */
  readonly parked: Post[];
  /** Posts of the key handed to the lanes and not settled. */
  inFlight: number;
  /** The key's latest point, posted and not settled. */
  flyingTop: Post | undefined;
  /**
   * The point to post last, once nothing else of the key is pending: the greatest point logged,
   * or a repost of the latest landed point after older points were posted.
   */
  top: Post | undefined;
}

/** Metric writes to one run from this store. */
interface RunWriter {
  known: KnownRun;
  readonly keys: Map<string, KeyState>;
  /** Pending posts by point identity (so concurrent calls logging one point share its post). */
  readonly pending: Map<string, Post>;
  /** Keys whose artifact is being created. */
  readonly creating: Set<KeyState>;
  /** Creations waiting until no resembling key is being created. */
  readonly waitingCreations: { state: KeyState; post: Post; top: boolean }[];
  /** The first read of the run's metrics, shared by concurrent calls. */
  loading: Promise<void> | undefined;
}

const writersByContext = new WeakMap<StoreContext, Map<string, RunWriter>>();

function writerFor(ctx: StoreContext, known: KnownRun): RunWriter {
  let writers = writersByContext.get(ctx);
  if (writers === undefined) {
    writers = new Map();
    writersByContext.set(ctx, writers);
  }
  let writer = writers.get(known.runId);
  if (writer === undefined) {
    writer = {
      known,
      keys: new Map(),
      pending: new Map(),
      creating: new Set(),
      waitingCreations: [],
      loading: undefined,
    };
    writers.set(known.runId, writer);
  }
  // A run forgotten and read again by the store: later results update the current entry.
  writer.known = known;
  return writer;
}

function forgetIfIdle(ctx: StoreContext, writer: RunWriter): void {
  if (writer.keys.size > 0 || writer.loading !== undefined) return;
  const writers = writersByContext.get(ctx);
  if (writers?.get(writer.known.runId) === writer) writers.delete(writer.known.runId);
}

function newPost(metric: Metric | undefined, owner: Submission): Post {
  return {
    metric,
    id: metric === undefined ? undefined : metricPointKey(metric),
    done: createDeferred<void>(),
    owners: new Set([owner]),
  };
}

/**
 * Posts metric points to a run with the store's write lanes (at most `ctx.concurrency` requests
 * in flight for the whole store) and updates the store's knowledge of the run.
 *
 * Calls are pipelined: points of concurrent calls to one run (the client's split batches, async
 * logging's consecutive batches) share the lanes, and every key proceeds on its own:
 * - a key the registry does not have yet is created by one post, alone (concurrent posts by name
 *   would create it twice); keys whose names the registry's LIKE lookup would confuse are created
 *   one after the other (see `postRunArtifact`); the key's other points wait for it;
 * - the key's other points go concurrently, spread over the lanes with the other keys' points;
 * - the key's latest point (as MLflow orders points) goes last, once every other pending point of
 *   the key landed, so the registry's metric artifact (which holds the last posted point) ends
 *   with MLflow's latest point. When a later point arrives meanwhile it takes that place, and the
 *   former latest goes like the others. When older points are posted after the latest one landed,
 *   the latest is posted again after them (its history duplicate is collapsed on read).
 * Creations and latest points go before other points in the lanes: they are the critical path.
 *
 * Exactly once: every post of the call is settled before this returns or throws (nothing is left
 * in flight), each point that landed is remembered and never posted again, so repeating the call
 * after a failure posts exactly the points that did not land. A key's latest point is not posted
 * when another point of that key from the same call did not land (it fails with that failure, and
 * a repeated call posts it). Throws the first failure.
 * @internal
 */
export async function postMetrics(
  ctx: StoreContext,
  known: KnownRun,
  metrics: readonly Metric[],
): Promise<void> {
  if (metrics.length === 0) return;
  const loader = writerFor(ctx, known);
  if (!known.metricsComplete) {
    loader.loading ??= ensureMetricState(ctx, known, "logMetric").finally(() => {
      loader.loading = undefined;
    });
    try {
      await loader.loading;
    } catch (error) {
      forgetIfIdle(ctx, loader);
      throw error;
    }
  }
  // Looked up again: an idle writer may have been forgotten meanwhile.
  const writer = writerFor(ctx, known);
  const submission: Submission = { failures: new Map() };
  const waits: Promise<void>[] = [];
  const byKey = new Map<string, Metric[]>();
  const seen = new Set<string>();
  for (const metric of metrics) {
    const id = metricPointKey(metric);
    if (seen.has(id) || writer.known.postedPoints.has(id)) continue;
    seen.add(id);
    const list = byKey.get(metric.key);
    if (list) list.push(metric);
    else byKey.set(metric.key, [metric]);
  }
  for (const [key, points] of byKey) {
    points.sort(compareMetricPoints);
    const state = keyState(writer, key);
    for (const point of points) submit(ctx, writer, state, point, submission, waits);
    settleKey(ctx, writer, state);
  }
  forgetIfIdle(ctx, writer);
  const results = await Promise.allSettled(waits);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) throw failed.reason;
}

function keyState(writer: RunWriter, key: string): KeyState {
  let state = writer.keys.get(key);
  if (state === undefined) {
    state = {
      key,
      group: `${writer.known.runId}\u0000${key}`,
      created: knowsArtifact(writer.known, "metric", key),
      creating: undefined,
      parked: [],
      inFlight: 0,
      flyingTop: undefined,
      top: undefined,
    };
    writer.keys.set(key, state);
  }
  return state;
}

/** The greatest of the points given (as MLflow orders points). */
function greatest(...points: (Metric | undefined)[]): Metric | undefined {
  let best: Metric | undefined;
  for (const point of points) {
    if (point !== undefined && (best === undefined || compareMetricPoints(point, best) > 0)) {
      best = point;
    }
  }
  return best;
}

/** Adds one point of `submission` to its key's plan (see {@link postMetrics}). */
function submit(
  ctx: StoreContext,
  writer: RunWriter,
  state: KeyState,
  metric: Metric,
  submission: Submission,
  waits: Promise<void>[],
): void {
  const id = metricPointKey(metric);
  const shared = writer.pending.get(id);
  if (shared !== undefined) {
    shared.owners.add(submission);
    waits.push(shared.done.promise);
    return;
  }
  const post = newPost(metric, submission);
  writer.pending.set(id, post);
  waits.push(post.done.promise);
  const top = state.top;
  const ceiling = greatest(
    top?.metric,
    state.flyingTop?.metric,
    writer.known.latestMetrics.get(state.key),
  );
  if (ceiling === undefined || compareMetricPoints(metric, ceiling) >= 0) {
    // The key's new latest point: it goes last, and a former latest goes like the others.
    state.top = post;
    if (top?.metric === undefined) top?.done.resolve();
    else if (top !== undefined) postOther(ctx, writer, state, top);
    return;
  }
  postOther(ctx, writer, state, post);
  if (top === undefined) {
    // The key's latest point (landed, or in flight) must be posted again after this one.
    const repost = newPost(undefined, submission);
    state.top = repost;
    waits.push(repost.done.promise);
  } else if (top.metric === undefined) {
    top.owners.add(submission);
    waits.push(top.done.promise);
  }
}

/** Posts a point that is not the key's latest: now, or after the key's creation. */
function postOther(ctx: StoreContext, writer: RunWriter, state: KeyState, post: Post): void {
  if (state.created) {
    send(ctx, writer, state, post, false);
    return;
  }
  if (state.creating !== undefined) {
    state.parked.push(post);
    return;
  }
  create(ctx, writer, state, post, false);
}

/** Sends the post that creates the key's artifact, once no resembling key is being created. */
function create(
  ctx: StoreContext,
  writer: RunWriter,
  state: KeyState,
  post: Post,
  top: boolean,
): void {
  state.creating = post;
  if (resemblesCreating(writer, state.key)) {
    writer.waitingCreations.push({ state, post, top });
    return;
  }
  writer.creating.add(state);
  send(ctx, writer, state, post, top);
}

function resemblesCreating(writer: RunWriter, key: string): boolean {
  for (const other of writer.creating) {
    if (registryNameLookupMatches(key, other.key) || registryNameLookupMatches(other.key, key)) {
      return true;
    }
  }
  return false;
}

/** Starts the creations that waited for a resembling key, in order. */
function startWaitingCreations(ctx: StoreContext, writer: RunWriter): void {
  const waiting = writer.waitingCreations.splice(0);
  for (const item of waiting) {
    if (resemblesCreating(writer, item.state.key)) {
      writer.waitingCreations.push(item);
      continue;
    }
    writer.creating.add(item.state);
    send(ctx, writer, item.state, item.post, item.top);
  }
}

/** Hands one post to the lanes; settles it and moves the key on when it settles. */
function send(
  ctx: StoreContext,
  writer: RunWriter,
  state: KeyState,
  post: Post,
  top: boolean,
): void {
  const creation = state.creating === post;
  const metric = post.metric as Metric;
  state.inFlight += 1;
  if (top) state.flyingTop = post;
  void ctx.lanes
    .run(() => postPoint(ctx, writer.known, metric), {
      urgent: top || creation,
      group: state.group,
    })
    .then(
      () => {
        rememberLanded(writer.known, metric);
        settlePost(ctx, writer, state, post, creation, undefined);
      },
      (error: unknown) => settlePost(ctx, writer, state, post, creation, { error }),
    );
}

function settlePost(
  ctx: StoreContext,
  writer: RunWriter,
  state: KeyState,
  post: Post,
  creation: boolean,
  failure: { error: unknown } | undefined,
): void {
  state.inFlight -= 1;
  if (state.flyingTop === post) state.flyingTop = undefined;
  if (post.id !== undefined && writer.pending.get(post.id) === post) writer.pending.delete(post.id);
  if (failure === undefined) post.done.resolve();
  else fail(post, state.key, failure.error);
  if (creation) {
    state.creating = undefined;
    writer.creating.delete(state);
    const parked = state.parked.splice(0);
    if (failure === undefined) {
      state.created = true;
      for (const other of parked) send(ctx, writer, state, other, false);
    } else {
      // Not created: the points that waited for it did not land either.
      for (const other of parked) {
        if (other.id !== undefined && writer.pending.get(other.id) === other) {
          writer.pending.delete(other.id);
        }
        fail(other, state.key, failure.error);
      }
    }
    startWaitingCreations(ctx, writer);
  }
  settleKey(ctx, writer, state);
}

function fail(post: Post, key: string, error: unknown): void {
  for (const owner of post.owners) {
    if (!owner.failures.has(key)) owner.failures.set(key, error);
  }
  post.done.reject(error);
}

/**
 * Once nothing else of the key is pending, posts its latest point — unless a call it belongs to
 * saw another point of the key fail: then it fails with that failure (repeating the call posts
 * it) — and forgets the key when nothing is left.
 */
function settleKey(ctx: StoreContext, writer: RunWriter, state: KeyState): void {
  if (state.inFlight > 0 || state.creating !== undefined || state.parked.length > 0) return;
  const top = state.top;
  state.top = undefined;
  if (top !== undefined) {
    const landed = writer.known.latestMetrics.get(state.key);
    const blocked = top.metric === undefined ? undefined : firstFailure(top, state.key);
    if (blocked !== undefined) {
      if (top.id !== undefined && writer.pending.get(top.id) === top) writer.pending.delete(top.id);
      fail(top, state.key, blocked.error);
    } else if (top.metric === undefined && landed === undefined) {
      // A repost with nothing landed to repost.
      top.done.resolve();
    } else {
      top.metric ??= landed;
      if (state.created) send(ctx, writer, state, top, true);
      else create(ctx, writer, state, top, true);
      return;
    }
  }
  writer.keys.delete(state.key);
  forgetIfIdle(ctx, writer);
}

function firstFailure(post: Post, key: string): { error: unknown } | undefined {
  for (const owner of post.owners) {
    if (owner.failures.has(key)) return { error: owner.failures.get(key) };
  }
  return undefined;
}
