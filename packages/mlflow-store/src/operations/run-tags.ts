import type { ExperimentRun, MetadataValue } from "@model-registry/registry-client";
import { resendable } from "../mapping/tag.js";
import type { StoreContext } from "../store-context.js";
import { fetchRun, patchRun, requireActiveRun } from "./run-access.js";

/** A change to a run's tag map; throws to reject only this change. @internal */
export type TagChange = (properties: Record<string, MetadataValue>, run: ExperimentRun) => void;

interface PendingChange {
  change: TagChange;
  resolve(): void;
  reject(error: unknown): void;
}

const pendingByContext = new WeakMap<StoreContext, Map<string, PendingChange[]>>();

/**
 * Applies `changes` to the tags of a fetched run with one PATCH that carries the run's current
 * status and state. Returns the errors of rejected changes by index.
 * @internal
 */
export async function writeRunTags(
  ctx: StoreContext,
  run: ExperimentRun,
  changes: readonly TagChange[],
  what: string,
): Promise<Map<number, unknown>> {
  const properties = resendable(run.customProperties);
  const errors = new Map<number, unknown>();
  changes.forEach((change, index) => {
    try {
      change(properties, run);
    } catch (error) {
      errors.set(index, error);
    }
  });
  if (errors.size < changes.length)
    await patchRun(ctx, run, { customProperties: properties }, what);
  return errors;
}

/**
 * Changes a run's tags. The registry replaces the whole custom-property map on PATCH, so this is a
 * read-modify-write (GET + PATCH). Changes to one run from this store are serialised and coalesced:
 * every change queued while a write is in progress goes into the next single GET + PATCH, so no
 * writer of this store loses another's tags.
 * @internal
 */
export function changeRunTags(
  ctx: StoreContext,
  runId: string,
  change: TagChange,
  what: string,
): Promise<void> {
  let pendingByRun = pendingByContext.get(ctx);
  if (pendingByRun === undefined) {
    pendingByRun = new Map();
    pendingByContext.set(ctx, pendingByRun);
  }
  const byRun = pendingByRun;
  return new Promise<void>((resolve, reject) => {
    const queued = byRun.get(runId);
    if (queued !== undefined) {
      queued.push({ change, resolve, reject });
      return;
    }
    const batch: PendingChange[] = [{ change, resolve, reject }];
    byRun.set(runId, batch);
    void ctx
      .exclusive(`run:${runId}`, async () => {
        byRun.delete(runId);
        const run = await fetchRun(ctx, runId, what);
        requireActiveRun(run);
        return writeRunTags(
          ctx,
          run,
          batch.map((item) => item.change),
          what,
        );
      })
      .then(
        (errors) => {
          batch.forEach((item, index) => {
            if (errors.has(index)) item.reject(errors.get(index));
            else item.resolve();
          });
        },
        (error: unknown) => {
          if (byRun.get(runId) === batch) byRun.delete(runId);
          for (const item of batch) item.reject(error);
        },
      );
  });
}
