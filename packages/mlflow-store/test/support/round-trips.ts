/**
 * Counts a workload's round trips independently of CPU speed: every request the store sends is
 * held until the store can make no further progress, then all held requests are answered at once
 * (one round trip). With `concurrency` c, a perfect schedule of N independent requests takes
 * ⌈N / c⌉ rounds; each dependency adds one. Outside `measure` requests pass straight through.
 */
import { setImmediate as turn } from "node:timers/promises";

/** Turns without a new request after which the store is taken to be waiting. */
const QUIET_TURNS = 4;
/** Rounds after which a workload is taken to be stuck. */
const MAX_ROUNDS = 100_000;

export interface RoundTrips {
  /** The fetch to give the store's registry client. */
  readonly fetch: typeof globalThis.fetch;
  /** Runs `work`, answering held requests round by round; resolves with what it measured. */
  measure<T>(
    work: () => Promise<T>,
  ): Promise<{ result: T; rounds: number; requests: number; peak: number }>;
}

export function roundTrips(inner: typeof globalThis.fetch): RoundTrips {
  let held: (() => void)[] = [];
  let requests = 0;
  let measuring = false;
  const fetch: typeof globalThis.fetch = async (input, init) => {
    if (!measuring) return inner(input, init);
    requests++;
    await new Promise<void>((release) => held.push(release));
    return inner(input, init);
  };
  return {
    fetch,
    async measure(work) {
      if (measuring) throw new Error("one measurement at a time");
      measuring = true;
      let finished = false;
      let outcome: { value: unknown } | { error: unknown } | undefined;
      requests = 0;
      void work().then(
        (value) => {
          finished = true;
          outcome = { value };
        },
        (error: unknown) => {
          finished = true;
          outcome = { error };
        },
      );
      let rounds = 0;
      let peak = 0;
      try {
        await drive();
      } finally {
        measuring = false;
      }
      if (outcome && "error" in outcome) throw outcome.error;
      return { result: (outcome as { value: never }).value, rounds, requests, peak };

      async function drive(): Promise<void> {
        while (!finished) {
          let seen = -1;
          let quiet = 0;
          while (!finished && quiet < QUIET_TURNS) {
            await turn();
            if (held.length === seen) quiet++;
            else {
              seen = held.length;
              quiet = 0;
            }
          }
          if (finished) break;
          if (held.length === 0)
            throw new Error("the workload waits on something other than the registry");
          if (++rounds > MAX_ROUNDS) throw new Error("too many rounds");
          peak = Math.max(peak, held.length);
          const batch = held;
          held = [];
          for (const release of batch) release();
        }
      }
    },
  };
}
