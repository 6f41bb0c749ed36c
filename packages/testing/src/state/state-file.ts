import type { FakeRegistrySnapshot } from "../types.js";

/** How long after a change the state file is written (so a crash loses at most ~200 ms). @internal */
export const STATE_FILE_DELAY_MS = 100;

/** Persistence of the state to one JSON file, written atomically (temp file, fsync, rename). @internal */
export interface StateFile {
  /** The snapshot stored in the file, or undefined when the file does not exist. */
  load(): FakeRegistrySnapshot | undefined;
  /** Schedules a write. */
  markDirty(): void;
  /** Writes now if anything changed (or `force`), after any write in flight. */
  flush(force?: boolean): Promise<void>;
  /** Cancels the timer and flushes. */
  close(): Promise<void>;
}

/** @internal */
export function createStateFile(path: string, read: () => FakeRegistrySnapshot): StateFile {
  const fs = process.getBuiltinModule("node:fs");
  let dirty = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let chain: Promise<void> = Promise.resolve();
  let counter = 0;

  async function write(): Promise<void> {
    dirty = false;
    const text = JSON.stringify(read());
    counter += 1;
    const temp = `${path}.${process.pid}.${counter}.tmp`;
    const handle = await fs.promises.open(temp, "w");
    try {
      await handle.writeFile(text, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.promises.rename(temp, path);
  }

  function flush(force = false): Promise<void> {
    if (timer !== undefined) {
      clearTimeout(timer);
      timer = undefined;
    }
    if (force || dirty) chain = chain.then(write, write);
    return chain;
  }

  return {
    load() {
      let text: string;
      try {
        text = fs.readFileSync(path, "utf8");
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
        throw error;
      }
      try {
        return JSON.parse(text) as FakeRegistrySnapshot;
      } catch (error) {
        throw new Error(`[@model-registry/testing] state file ${path} is not valid JSON`, {
          cause: error,
        });
      }
    },
    markDirty() {
      dirty = true;
      if (timer !== undefined) return;
      timer = setTimeout(() => {
        timer = undefined;
        void flush().catch(() => undefined);
      }, STATE_FILE_DELAY_MS);
      timer.unref?.();
    },
    flush,
    close: () => flush(),
  };
}
