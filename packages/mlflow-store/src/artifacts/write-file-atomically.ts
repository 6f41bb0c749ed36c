import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { type Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";

/**
 * Streams `source` into `destination` through a temporary file beside it, renamed into place only
 * once every byte is written: readers never see a partial file, and a failure or cancellation
 * leaves no file under `destination` (the temporary one is removed). Parent folders are created.
 * Resolves with the number of bytes written.
 * @internal
 */
export async function writeFileAtomically(
  source: Readable,
  destination: string,
  options: { signal?: AbortSignal; onBytes?: (loaded: number) => void } = {},
): Promise<number> {
  const directory = dirname(destination);
  await mkdir(directory, { recursive: true });
  const temporary = join(directory, `.${basename(destination)}.${randomUUID().slice(0, 8)}.part`);
  let loaded = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      loaded += chunk.length;
      options.onBytes?.(loaded);
      callback(null, chunk);
    },
  });
  try {
    await pipeline(source, counter, createWriteStream(temporary, { flags: "wx" }), {
      ...(options.signal ? { signal: options.signal } : {}),
    });
    await rename(temporary, destination);
    return loaded;
  } catch (error) {
    await rm(temporary, { force: true });
    if (options.signal?.aborted) throw options.signal.reason;
    throw error;
  }
}
