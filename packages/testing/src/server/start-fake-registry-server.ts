import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { FakeRequest, FakeResult } from "../core/dispatcher.js";
import {
  createFakeRegistry,
  DISPATCH,
  type FakeRegistryInternal,
} from "../create-fake-registry.js";
import type { FakeRegistry, FakeRegistryOptions } from "../types.js";

/** Options of {@link startFakeRegistryServer}. @public */
export interface FakeRegistryServerOptions extends FakeRegistryOptions {
  /** Interface to bind. @defaultValue "127.0.0.1" */
  readonly host?: string;
  /** Port; 0 picks a free one. @defaultValue 0 */
  readonly port?: number;
}

/** A running fake registry server. @public */
export interface FakeRegistryServer {
  /** The origin, e.g. `http://127.0.0.1:43121` (append the API prefix yourself or let the client do it). */
  readonly url: string;
  readonly registry: FakeRegistry;
  /** Stops accepting, drops open connections and flushes the state file. */
  close(): Promise<void>;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

function toFakeRequest(request: IncomingMessage, origin: string, body: string | null): FakeRequest {
  const target = request.url ?? "/";
  const queryAt = target.indexOf("?");
  return {
    method: (request.method ?? "GET").toUpperCase(),
    url: `${origin}${target}`,
    pathname: queryAt < 0 ? target : target.slice(0, queryAt),
    search: queryAt < 0 ? "" : target.slice(queryAt),
    header(name) {
      const value = request.headers[name];
      return Array.isArray(value) ? value[0] : value;
    },
    body,
  };
}

function send(result: FakeResult, request: IncomingMessage, response: ServerResponse): void {
  if (result.kind === "response") {
    response.writeHead(result.status, result.headers);
    response.end(result.body);
    return;
  }
  if (result.kind === "reset") {
    request.socket.destroy();
    return;
  }
  const timer = setTimeout(() => request.socket.destroy(), result.ms);
  request.socket.once("close", () => clearTimeout(timer));
}

/**
 * Serves a fake registry over HTTP on a real port (node:http calling the same dispatcher as the
 * MSW handlers, without building fetch objects per request).
 * @public
 */
export async function startFakeRegistryServer(
  options: FakeRegistryServerOptions = {},
): Promise<FakeRegistryServer> {
  const { host = "127.0.0.1", port = 0, ...registryOptions } = options;
  const registry = createFakeRegistry(registryOptions) as FakeRegistryInternal;
  const dispatch = registry[DISPATCH];
  const sockets = new Set<Socket>();
  let origin = "";

  const server = createServer((request, response) => {
    const method = request.method ?? "GET";
    const run = (body: string | null) => {
      let result: ReturnType<typeof dispatch>;
      try {
        result = dispatch(toFakeRequest(request, origin, body));
      } catch (error) {
        // Only an `onResponse` hook can throw here; answer instead of crashing the process.
        response.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
        response.end(`onResponse failed: ${(error as Error).message}\n`);
        return;
      }
      if (result instanceof Promise) {
        result.then(
          (r) => send(r, request, response),
          () => request.socket.destroy(),
        );
      } else {
        send(result, request, response);
      }
    };
    if (method === "GET" || method === "HEAD") {
      request.resume();
      run(null);
    } else {
      readBody(request).then(
        (text) => run(text === "" ? null : text),
        () => request.socket.destroy(),
      );
    }
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const hostPart = address.family === "IPv6" ? `[${address.address}]` : address.address;
  origin = `http://${hostPart}:${address.port}`;

  return {
    url: origin,
    registry,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      await registry.close();
    },
  };
}
