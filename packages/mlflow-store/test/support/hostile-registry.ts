/**
 * A hostile registry for tests: a node:http server on 127.0.0.1 that answers every request with
 * the fake registry's answer, rewritten by a script (wrong types, missing fields, endless or
 * repeated page tokens). Page tokens it invented are removed before the request reaches the fake.
 */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { FakeRegistry } from "@model-registry/testing";

/** One answer to rewrite: the request and the fake's JSON body (undefined for non-JSON). */
export interface Exchange {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly body: unknown;
}

/** Rewrites a JSON body; return `undefined` to pass it unchanged. */
export type Rewrite = (exchange: Exchange) => unknown;

/** A running hostile registry. */
export interface HostileRegistry {
  readonly url: string;
  /** Requests answered so far. */
  readonly requests: () => number;
  close(): Promise<void>;
}

const INVENTED_TOKEN = /^hostile-/;

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

/** Starts a hostile registry in front of `fake`; `rewrite` may be swapped between tests. */
export async function startHostileRegistry(
  fake: FakeRegistry,
  rewrite: () => Rewrite,
): Promise<HostileRegistry> {
  let count = 0;
  const sockets = new Set<Socket>();
  const server = createServer((request, response) => {
    count++;
    void (async () => {
      const url = new URL(request.url ?? "/", "http://fake.test");
      const token = url.searchParams.get("nextPageToken");
      if (token !== null && INVENTED_TOKEN.test(token)) url.searchParams.delete("nextPageToken");
      const method = request.method ?? "GET";
      const body = method === "GET" || method === "HEAD" ? undefined : await readBody(request);
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) {
        if (typeof value === "string" && name !== "host" && name !== "content-length")
          headers[name] = value;
      }
      const answer = await fake.fetch(url.toString(), {
        method,
        headers,
        ...(body && body.length > 0 ? { body: new Uint8Array(body) } : {}),
      });
      const text = await answer.text();
      let json: unknown;
      try {
        json = text === "" ? undefined : JSON.parse(text);
      } catch {
        json = undefined;
      }
      const rewritten =
        json === undefined
          ? undefined
          : rewrite()({ method, path: url.pathname, status: answer.status, body: json });
      const out = rewritten === undefined ? text : JSON.stringify(rewritten);
      response.writeHead(answer.status, {
        "content-type": answer.headers.get("content-type") ?? "application/json",
      });
      response.end(out);
    })().catch(() => request.socket.destroy());
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

/** Applies `change` to every entity in a body: the body itself and each list item. */
export function eachEntity(
  body: unknown,
  change: (entity: Record<string, unknown>) => void,
): unknown {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return body;
  const copy = structuredClone(body) as Record<string, unknown>;
  if (Array.isArray(copy["items"])) {
    for (const item of copy["items"]) {
      if (typeof item === "object" && item !== null) change(item as Record<string, unknown>);
    }
  } else {
    change(copy);
  }
  return copy;
}

/** True for a list body (`items` present). */
export function isList(body: unknown): body is Record<string, unknown> {
  return typeof body === "object" && body !== null && "items" in body;
}

/** A page token this registry invented (removed again before the fake sees it). */
export function inventedToken(suffix: string | number): string {
  return `hostile-${suffix}`;
}
