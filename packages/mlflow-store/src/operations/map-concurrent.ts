/**
 * Runs `task` for every item with at most `limit` tasks in flight; resolves with the results in
 * input order, or rejects with the first failure after the tasks already started have settled.
 * @internal
 */
export async function mapConcurrent<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  async function worker(): Promise<void> {
    while (failure === undefined && next < items.length) {
      const index = next++;
      try {
        results[index] = await task(items[index] as T, index);
      } catch (error) {
        failure ??= { error };
      }
    }
  }
  const workers = Array.from({ length: Math.min(Math.max(1, limit), items.length) }, () =>
    worker(),
  );
  await Promise.all(workers);
  if (failure !== undefined) throw failure.error;
  return results;
}
