const EMPTY = new Uint8Array(0);

/** Thrown by {@link readCappedBody} when the body is larger than allowed. */
export class BodyTooLarge extends Error {
  constructor(readonly limitBytes: number) {
    super(`the body is larger than ${limitBytes} bytes`);
    this.name = "BodyTooLarge";
  }
}

/**
 * Reads a response body into one buffer, never holding more than `limitBytes`: a declared
 * `Content-Length` over the limit fails before reading, and a body that grows past it (chunked,
 * or a length that lies) fails as soon as the byte that crosses it arrives. On failure the body
 * stream is cancelled, so nothing more is read. When `signal` aborts, reading stops with its
 * reason, also if the fetch in use does not end the body on abort itself.
 */
export async function readCappedBody(
  response: Response,
  limitBytes: number,
  signal: AbortSignal,
): Promise<Uint8Array<ArrayBuffer>> {
  const declared = response.headers.get("content-length");
  const length = declared === null ? Number.NaN : Number(declared);
  const body = response.body;
  if (length > limitBytes) {
    // Not awaited: cancelling a teed body settles only once every branch is cancelled.
    body?.cancel().catch(() => undefined);
    throw new BodyTooLarge(limitBytes);
  }
  if (body === null) return EMPTY;
  if (signal.aborted) throw signal.reason;
  const reader = body.getReader();
  const onAbort = () => {
    reader.cancel(signal.reason).catch(() => undefined);
  };
  signal.addEventListener("abort", onAbort, { once: true });
  // With a plausible declared length the bytes go straight into one buffer of that size;
  // otherwise chunks are kept and joined once at the end.
  let buffer: Uint8Array<ArrayBuffer> | undefined =
    Number.isSafeInteger(length) && length > 0 ? new Uint8Array(length) : undefined;
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (signal.aborted) throw signal.reason;
      if (done) break;
      const size = value.byteLength;
      if (total + size > limitBytes) throw new BodyTooLarge(limitBytes);
      if (buffer !== undefined && total + size <= buffer.byteLength) {
        buffer.set(value, total);
      } else {
        if (buffer !== undefined) {
          // More than declared (only a fetch that does not enforce lengths lets this through).
          chunks.push(buffer.subarray(0, total));
          buffer = undefined;
        }
        chunks.push(value);
      }
      total += size;
    }
  } catch (error) {
    reader.cancel().catch(() => undefined);
    throw error;
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
  if (buffer !== undefined) return total === buffer.byteLength ? buffer : buffer.slice(0, total);
  if (chunks.length === 1) {
    const only = chunks[0] as Uint8Array;
    if (only.byteOffset === 0 && only.byteLength === only.buffer.byteLength) {
      return only as Uint8Array<ArrayBuffer>;
    }
  }
  const joined = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return joined;
}
