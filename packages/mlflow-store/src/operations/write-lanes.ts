/** Options of one task given to {@link WriteLanes.run}. @internal */
export interface LaneTaskOptions {
  /**
   * On a critical path (a key's first or latest point, a param others wait for): runs before
   * every bulk task, in the order given.
   */
  readonly urgent?: boolean;
  /**
   * Tasks of one group (e.g. the points of one metric key of one run) are spread out: a free lane
   * takes a bulk task from a group with nothing in flight before one from a busy group.
   */
  readonly group?: string;
}

/**
 * The store's registry write lanes: at most `size` tasks run at once, across all calls and runs.
 * Urgent tasks go first, in order; bulk tasks go round-robin over their groups, a group with
 * nothing in flight first, so concurrent writes of one metric key are avoided whenever another
 * key has work (the registry answers 500 when two points of one key land in the same millisecond).
 * @internal
 */
export interface WriteLanes {
  run<T>(task: () => Promise<T>, options?: LaneTaskOptions): Promise<T>;
  /** Lanes in all. */
  readonly size: number;
  /** Tasks running now. */
  readonly active: number;
  /** Tasks waiting for a lane. */
  readonly waiting: number;
}

interface Entry {
  readonly start: () => void;
  readonly group: Group;
}

interface Group {
  readonly name: string | undefined;
  readonly tasks: Entry[];
  /** Index of the next task in `tasks` (entries before it are taken). */
  head: number;
  inFlight: number;
}

/** Creates {@link WriteLanes} of `size` lanes (at least 1). @internal */
export function createWriteLanes(size: number): WriteLanes {
  const lanes = Math.max(1, Math.floor(size));
  let active = 0;
  let waiting = 0;
  const urgent: Entry[] = [];
  let urgentHead = 0;
  const groups = new Map<string, Group>();
  /** Groups with queued bulk tasks and nothing in flight, in the order they became ready. */
  const idle = new Set<Group>();
  /** Groups with queued bulk tasks and something in flight. */
  const busy = new Set<Group>();

  function groupOf(name: string | undefined): Group {
    if (name === undefined) return { name, tasks: [], head: 0, inFlight: 0 };
    let group = groups.get(name);
    if (group === undefined) {
      group = { name, tasks: [], head: 0, inFlight: 0 };
      groups.set(name, group);
    }
    return group;
  }

  function queued(group: Group): boolean {
    return group.head < group.tasks.length;
  }

  /** Puts a group with queued tasks into the set its in-flight count says. */
  function file(group: Group): void {
    idle.delete(group);
    busy.delete(group);
    if (!queued(group)) {
      group.tasks.length = 0;
      group.head = 0;
      if (group.inFlight === 0 && group.name !== undefined) groups.delete(group.name);
      return;
    }
    (group.inFlight === 0 ? idle : busy).add(group);
  }

  function nextBulk(): Entry | undefined {
    const from = idle.values().next().value ?? busy.values().next().value;
    if (from === undefined) return undefined;
    const entry = from.tasks[from.head] as Entry;
    from.tasks[from.head] = undefined as unknown as Entry;
    from.head += 1;
    if (from.head > 1024 && from.head * 2 > from.tasks.length) {
      from.tasks.splice(0, from.head);
      from.head = 0;
    }
    from.inFlight += 1;
    // Re-filed at the end: the next lane serves another group first.
    file(from);
    return entry;
  }

  function nextUrgent(): Entry | undefined {
    if (urgentHead >= urgent.length) return undefined;
    const entry = urgent[urgentHead] as Entry;
    urgent[urgentHead] = undefined as unknown as Entry;
    urgentHead += 1;
    if (urgentHead === urgent.length) {
      urgent.length = 0;
      urgentHead = 0;
    } else if (urgentHead > 1024 && urgentHead * 2 > urgent.length) {
      urgent.splice(0, urgentHead);
      urgentHead = 0;
    }
    entry.group.inFlight += 1;
    if (queued(entry.group)) file(entry.group);
    return entry;
  }

  let dispatchScheduled = false;

  /**
   * Dispatches on a microtask: every task submitted in the same turn (a whole batch, or what a
   * settled task's caller submits next) is queued before lanes are handed out, so urgent tasks go
   * first and groups are spread.
   */
  function scheduleDispatch(): void {
    if (dispatchScheduled) return;
    dispatchScheduled = true;
    queueMicrotask(dispatch);
  }

  function dispatch(): void {
    dispatchScheduled = false;
    while (active < lanes) {
      const entry = nextUrgent() ?? nextBulk();
      if (entry === undefined) return;
      active += 1;
      waiting -= 1;
      entry.start();
    }
  }

  function done(group: Group): void {
    active -= 1;
    group.inFlight -= 1;
    if (queued(group)) file(group);
    else if (group.inFlight === 0 && group.name !== undefined) groups.delete(group.name);
    scheduleDispatch();
  }

  return {
    run<T>(task: () => Promise<T>, options: LaneTaskOptions = {}): Promise<T> {
      const group = groupOf(options.group);
      return new Promise<T>((resolve, reject) => {
        const entry: Entry = {
          group,
          start: () => {
            let result: Promise<T>;
            try {
              result = task();
            } catch (error) {
              result = Promise.reject(error);
            }
            // The caller hears first, so what it submits next competes for this lane.
            result.then(
              (value) => {
                resolve(value);
                queueMicrotask(() => done(group));
              },
              (error: unknown) => {
                reject(error);
                queueMicrotask(() => done(group));
              },
            );
          },
        };
        waiting += 1;
        if (options.urgent) urgent.push(entry);
        else {
          group.tasks.push(entry);
          if (!idle.has(group) && !busy.has(group)) file(group);
        }
        scheduleDispatch();
      });
    },
    get size() {
      return lanes;
    },
    get active() {
      return active;
    },
    get waiting() {
      return waiting;
    },
  };
}
