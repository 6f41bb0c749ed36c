/** Request bodies larger than this are answered 413 unless `maxRequestBodyBytes` says otherwise. @internal */
export const DEFAULT_MAX_REQUEST_BODY_BYTES = 16 * 1024 * 1024;

/**
 * Reads a request body as UTF-8 text, holding at most `maxBytes`: once the body passes that,
 * reading stops (the stream is cancelled) and the result is undefined.
 * @internal
 */
export async function readBodyText(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
): Promise<string | undefined> {
  if (body === null) return "";
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    total += value.byteLength;
    if (total > maxBytes) {
      // Not awaited: the cancellation of a teed body (MSW clones requests) settles only when
      // every branch is cancelled.
      reader.cancel().catch(() => undefined);
      return undefined;
    }
    text += decoder.decode(value, { stream: true });
  }
}
