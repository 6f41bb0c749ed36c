import http from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { createFakeRegistry, type FakeRegistryOptions } from "../src/index.js";
import { setupFakeRegistry, startFakeRegistryServer } from "../src/node.js";
import { checkResponse } from "./support/spec-check.js";

const P = "/api/model_registry/v1alpha3";
const MiB = 1024 * 1024;
const TOKEN = "fake-token";
const CHUNK = new Uint8Array(64 * 1024).fill(0x20);

/** A request body of `total` bytes made on demand, counting what was actually pulled. */
function countedBody(total: number): { stream: ReadableStream<Uint8Array>; pulled: () => number } {
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= total) {
        controller.close();
        return;
      }
      const piece = CHUNK.subarray(0, Math.min(CHUNK.length, total - pulled));
      pulled += piece.length;
      controller.enqueue(piece.slice());
    },
  });
  return { stream, pulled: () => pulled };
}

type Send = (init: RequestInit & { duplex?: "half" }) => Promise<Response>;

/** The three ways a test reaches the fake: its own fetch, MSW, and a real port. */
const paths: Array<
  [string, (options: FakeRegistryOptions) => Promise<[Send, () => Promise<void>]>]
> = [
  [
    "registry.fetch",
    async (options) => {
      const fake = createFakeRegistry(options);
      return [(init) => fake.fetch(`http://fake.test${P}/experiments`, init), () => fake.close()];
    },
  ],
  [
    "MSW",
    async (options) => {
      const fake = setupFakeRegistry(options);
      fake.listen();
      return [(init) => fetch(`http://registry.test${P}/experiments`, init), () => fake.close()];
    },
  ],
  [
    "HTTP server",
    async (options) => {
      const server = await startFakeRegistryServer(options);
      return [(init) => fetch(`${server.url}${P}/experiments`, init), () => server.close()];
    },
  ],
];

let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

describe.each(paths)("request bodies (%s)", (_name, start) => {
  it("without the token: 401 before the body is read", async () => {
    const [send, close] = await start({ requireToken: TOKEN, onResponse: checkResponse });
    stop = close;
    const body = countedBody(100 * MiB);
    const response = await send({ method: "POST", body: body.stream, duplex: "half" }).catch(
      (error: unknown) => error,
    );
    // Over a socket the client may see the connection closed while it is still sending.
    if (response instanceof Response) {
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ code: "Unauthorized" });
    }
    // At most what socket buffers took in before the answer; never the 100 MB.
    expect(body.pulled()).toBeLessThan(16 * MiB);
  });

  it("over maxRequestBodyBytes: 413, reading stops at the limit", async () => {
    const [send, close] = await start({
      requireToken: TOKEN,
      maxRequestBodyBytes: MiB,
      onResponse: checkResponse,
    });
    stop = close;
    const body = countedBody(100 * MiB);
    const response = await send({
      method: "POST",
      body: body.stream,
      duplex: "half",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
    }).catch((error: unknown) => error);
    if (response instanceof Response) {
      expect(response.status).toBe(413);
      expect(await response.json()).toEqual({
        code: "Request Entity Too Large",
        message: `request body too large: the limit is ${MiB} bytes`,
      });
    }
    expect(body.pulled()).toBeLessThan(MiB + 16 * MiB);

    const small = await send({
      method: "POST",
      body: JSON.stringify({ name: "fits" }),
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(small.status).toBe(201);
  });
});

describe("request bodies (HTTP server, raw)", () => {
  function rawPost(
    url: string,
    headers: http.OutgoingHttpHeaders,
  ): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const request = http.request(`${url}${P}/experiments`, { method: "POST", headers });
      request.on("response", (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          body += chunk;
        });
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
      });
      request.on("error", reject);
      // Headers only: the declared length alone decides.
      request.flushHeaders();
    });
  }

  it("a declared length over the limit is answered 413 without waiting for the body", async () => {
    const server = await startFakeRegistryServer({ onResponse: checkResponse });
    stop = () => server.close();
    const answer = await rawPost(server.url, {
      "content-length": String(100 * MiB),
      "content-type": "application/json",
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ code: "Request Entity Too Large" });
    expect(server.registry.requests.at(-1)).toMatchObject({
      method: "POST",
      route: `${P}/experiments`,
      status: 413,
    });
  });

  it("without the token, the declared length does not matter: 401", async () => {
    const server = await startFakeRegistryServer({
      requireToken: TOKEN,
      onResponse: checkResponse,
    });
    stop = () => server.close();
    const answer = await rawPost(server.url, { "content-length": String(100 * MiB) });
    expect(answer.status).toBe(401);
  });

  it("rejects a limit that is not a positive integer", () => {
    expect(() => createFakeRegistry({ maxRequestBodyBytes: 0 })).toThrow(/maxRequestBodyBytes/);
  });
});
