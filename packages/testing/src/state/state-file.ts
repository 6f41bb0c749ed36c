import type { FakeRegistrySnapshot } from "../types.js";
import { assertSnapshot } from "./validate-snapshot.js";

/** How long after a change the state file is written (so a crash loses at most ~200 ms). @internal */
export const STATE_FILE_DELAY_MS = 100;

/** Persistence of the state to one JSON file, written atomically (temp file, fsync, rename). @internal */
export interface StateFile {
  /**
   * The snapshot stored in the file, or undefined when the file does not exist. Anything else
   * (unreadable, not JSON, not a snapshot of this format) throws, so it is never overwritten.
   */
  load(): FakeRegistrySnapshot | undefined;
  /** Schedules a write. */
  markDirty(): void;
  /** Writes now if anything changed (or `force`), after any write in flight; rejects if that write fails. */
  flush(force?: boolean): Promise<void>;
  /** Cancels the timer and flushes. */
  close(): Promise<void>;
}

/** Where state-file write failures are reported as they happen. @internal */
export type StateFileLog = (message: string) => void;

const PREFIX = "[@model-registry/testing]";

/** @internal */
export function createStateFile(
  path: string,
  read: () => FakeRegistrySnapshot,
  log: StateFileLog = (message) => process.stderr.write(`${message}\n`),
): StateFile {
  const fs = process.getBuiltinModule("node:fs");
  let dirty = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let chain: Promise<void> = Promise.resolve();
  let counter = 0;
  /** Whether the last write failed (reported once, until a write succeeds again). */
  let failing = false;

  async function writeFile(): Promise<void> {
    const text = JSON.stringify(read());
    counter += 1;
    const temp = `${path}.${process.pid}.${counter}.tmp`;
    try {
      const handle = await fs.promises.open(temp, "w");
      try {
        await handle.writeFile(text, "utf8");
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.promises.rename(temp, path);
    } catch (error) {
      await fs.promises.rm(temp, { force: true }).catch(() => undefined);
      throw error;
    }
  }

  async function write(): Promise<void> {
    dirty = false;
    try {
      await writeFile();
    } catch (error) {
      // Still to be written: the next flush (or change) tries again.
      dirty = true;
      const reason = error instanceof Error ? error.message : String(error);
      const failure = new Error(`${PREFIX} could not write the state file ${path}: ${reason}`, {
        cause: error,
      });
      if (!failing)
        log(`${failure.message} (changes are kept in memory and written on the next try)`);
      failing = true;
      throw failure;
    }
    if (failing) log(`${PREFIX} the state file ${path} is written again`);
    failing = false;
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
        throw new Error(
          `${PREFIX} could not read the state file ${path}: ${(error as Error).message}`,
          {
            cause: error,
          },
        );
      }
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        throw new Error(
          `${PREFIX} state file ${path} is not valid JSON; refusing to use or overwrite it`,
          {
            cause: error,
          },
        );
      }
      try {
        assertSnapshot(value, `state file ${path}`);
      } catch (error) {
        throw new Error(`${(error as Error).message}; refusing to use or overwrite it`);
      }
      return value;
    },
    markDirty() {
      dirty = true;
      if (timer !== undefined) return;
      timer = setTimeout(() => {
        timer = undefined;
        // Reported by `write` as it happens, and again by the next `flush()` or `close()`.
        flush().catch(() => undefined);
      }, STATE_FILE_DELAY_MS);
      timer.unref?.();
    },
    flush,
    close: () => flush(),
  };
}
