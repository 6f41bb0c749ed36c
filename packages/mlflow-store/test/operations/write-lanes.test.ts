import { describe, expect, it } from "vitest";
import { createWriteLanes } from "../../src/operations/write-lanes.js";

/** A task the test settles by hand, recording when it started. */
function manual(log: string[], name: string) {
  let outcome: { error: unknown } | "ok" | undefined;
  let settle: (() => void) | undefined;
  const task = () => {
    log.push(name);
    return new Promise<string>((resolve, reject) => {
      settle = () => {
        if (outcome === "ok") resolve(name);
        else if (outcome !== undefined) reject(outcome.error);
      };
      settle();
    });
  };
  return {
    task,
    /** Settles the task now, or as soon as it starts. */
    finish: () => {
      outcome = "ok";
      settle?.();
    },
    fail: (error: unknown) => {
      outcome = { error };
      settle?.();
    },
  };
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("createWriteLanes", () => {
  it("runs at most `size` tasks at once and starts the next one as a lane frees", async () => {
    const lanes = createWriteLanes(2);
    const log: string[] = [];
    const tasks = ["a", "b", "c"].map((name) => manual(log, name));
    const results = tasks.map((t) => lanes.run(t.task));
    await tick();
    expect(log).toEqual(["a", "b"]);
    expect([lanes.active, lanes.waiting]).toEqual([2, 1]);
    tasks[0]!.finish();
    await tick();
    expect(log).toEqual(["a", "b", "c"]);
    tasks[1]!.finish();
    tasks[2]!.finish();
    expect(await Promise.all(results)).toEqual(["a", "b", "c"]);
    expect([lanes.active, lanes.waiting]).toEqual([0, 0]);
  });

  it("starts urgent tasks before bulk ones, each kind in order", async () => {
    const lanes = createWriteLanes(1);
    const log: string[] = [];
    const first = manual(log, "first");
    void lanes.run(first.task);
    await tick();
    const later = ["b1", "u1", "b2", "u2"].map((name) => {
      const t = manual(log, name);
      void lanes.run(t.task, { urgent: name.startsWith("u") });
      return t;
    });
    first.finish();
    for (const t of [later[1], later[3], later[0], later[2]]) {
      await tick();
      t!.finish();
    }
    await tick();
    expect(log).toEqual(["first", "u1", "u2", "b1", "b2"]);
  });

  it("spreads bulk tasks over groups: a group with nothing in flight goes first", async () => {
    const lanes = createWriteLanes(3);
    const log: string[] = [];
    const all: ReturnType<typeof manual>[] = [];
    for (const name of ["a1", "a2", "a3", "a4", "b1", "b2", "c1"]) {
      const t = manual(log, name);
      all.push(t);
      void lanes.run(t.task, { group: name[0] as string });
    }
    // Submitted in one turn: one of each group first, then round-robin over the groups waiting.
    await tick();
    expect(log).toEqual(["a1", "b1", "c1"]);
    all[0]!.finish();
    await tick();
    expect(log.slice(3)).toEqual(["a2"]);
    all[6]!.finish(); // c1: group c is done, b has work and one in flight, a has work and one in flight
    await tick();
    expect(log.slice(4)).toEqual(["b2"]);
    for (const t of all) t.finish();
    await tick();
    await tick();
    expect([...log].sort()).toEqual(["a1", "a2", "a3", "a4", "b1", "b2", "c1"]);
    expect(lanes.active).toBe(0);
  });

  it("passes failures to the caller and frees the lane", async () => {
    const lanes = createWriteLanes(1);
    const log: string[] = [];
    const bad = manual(log, "bad");
    const next = manual(log, "next");
    const failed = lanes.run(bad.task);
    const after = lanes.run(next.task);
    const error = new Error("boom");
    bad.fail(error);
    await expect(failed).rejects.toBe(error);
    await tick();
    next.finish();
    await expect(after).resolves.toBe("next");
    await expect(
      lanes.run(() => {
        throw error;
      }),
    ).rejects.toBe(error);
    expect(lanes.active).toBe(0);
  });
});
