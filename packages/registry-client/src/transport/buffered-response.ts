const utf8 = new TextDecoder();

const EMPTY = new Uint8Array(0);

/** Builds the error thrown when `json()` finds invalid JSON; `bytes` is the body, when still at hand. */
export type InvalidJsonError = (bytes: Uint8Array | undefined) => Error;

/**
 * A `Response` over a body already read into memory. `text()`, `json()`, `arrayBuffer()` and
 * `bytes()` read the bytes directly instead of through a web stream (a stream per response is
 * most of the cost of re-wrapping a buffered body); `body`, `blob()`, `formData()` and `clone()`
 * of an unread body go through an ordinary `Response` over the same bytes, made on first use.
 * A body can be read once, as with any `Response`. `json()` on a body that is not JSON throws the
 * error `invalidJson` builds (a typed error instead of a bare `SyntaxError`).
 */
export class BufferedResponse extends Response {
  #bytes: Uint8Array<ArrayBuffer> | undefined;
  #delegate: Response | undefined;
  readonly #invalidJson: InvalidJsonError | undefined;

  /** `bytes` is owned by the new response from now on. */
  constructor(bytes: Uint8Array<ArrayBuffer>, init: ResponseInit, invalidJson?: InvalidJsonError) {
    super(null, init);
    this.#bytes = bytes;
    this.#invalidJson = invalidJson;
  }

  /** The ordinary response that takes over once the body is needed as a stream. */
  #stream(): Response {
    if (this.#delegate === undefined) {
      const init = { status: this.status, statusText: this.statusText, headers: this.headers };
      const bytes = this.#bytes;
      this.#bytes = undefined;
      this.#delegate = new Response(bytes ?? EMPTY, init);
      if (bytes === undefined) {
        // Already read: the stream is read to its end too, so `bodyUsed` stays true.
        this.#delegate.arrayBuffer().catch(() => undefined);
      }
    }
    return this.#delegate;
  }

  /** Takes the bytes for a read; throws like `Response` when the body was read before. */
  #take(): Uint8Array<ArrayBuffer> {
    const bytes = this.#bytes;
    if (bytes === undefined) throw new TypeError("Body is unusable: Body has already been read");
    this.#bytes = undefined;
    return bytes;
  }

  override get body(): ReadableStream<Uint8Array<ArrayBuffer>> | null {
    return this.#stream().body;
  }

  override get bodyUsed(): boolean {
    return this.#delegate === undefined ? this.#bytes === undefined : this.#delegate.bodyUsed;
  }

  override async text(): Promise<string> {
    if (this.#delegate !== undefined) return this.#delegate.text();
    return utf8.decode(this.#take());
  }

  override async json(): Promise<unknown> {
    if (this.#delegate !== undefined) {
      try {
        return await this.#delegate.json();
      } catch (error) {
        if (this.#invalidJson === undefined || !(error instanceof SyntaxError)) throw error;
        throw this.#invalidJson(undefined);
      }
    }
    const bytes = this.#take();
    try {
      return JSON.parse(utf8.decode(bytes));
    } catch (error) {
      if (this.#invalidJson === undefined) throw error;
      throw this.#invalidJson(bytes);
    }
  }

  override async arrayBuffer(): Promise<ArrayBuffer> {
    if (this.#delegate !== undefined) return this.#delegate.arrayBuffer();
    const bytes = this.#take();
    return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
      ? bytes.buffer
      : bytes.slice().buffer;
  }

  override async bytes(): Promise<Uint8Array<ArrayBuffer>> {
    if (this.#delegate !== undefined) return this.#delegate.bytes();
    return this.#take();
  }

  override blob(): Promise<Blob> {
    return this.#stream().blob();
  }

  override formData(): Promise<FormData> {
    return this.#stream().formData();
  }

  override clone(): Response {
    if (this.#delegate !== undefined) return this.#delegate.clone();
    if (this.#bytes === undefined)
      throw new TypeError("Response.clone: Body has already been consumed.");
    return new BufferedResponse(
      this.#bytes.slice(),
      { status: this.status, statusText: this.statusText, headers: this.headers },
      this.#invalidJson,
    );
  }
}
